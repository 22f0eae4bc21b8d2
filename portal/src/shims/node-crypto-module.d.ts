// The types of portal/src/shims/node-crypto.ts, for the shared code that imports node:crypto.
declare module 'node:crypto' {
  export function hash(algorithm: string, data: Uint8Array, outputEncoding: string): Uint8Array;
}
