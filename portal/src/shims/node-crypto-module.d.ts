// The part of node:crypto's types that shared/tlog's hashing uses, for the portal's type check (the
// browser build swaps node:crypto for portal/src/verify/worker/node-crypto.ts: vite-shims.ts).
declare module 'node:crypto' {
  export function hash(algorithm: string, data: Uint8Array, outputEncoding: string): Uint8Array;
}
