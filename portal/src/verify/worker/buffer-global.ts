// The log library (shared/tlog) is Node code that uses the global Buffer. In the worker that global
// comes from the `buffer` package, made to behave as Node's where the library relies on it:
// base64url (tender commitments), which the package lacks, and `equals` taking any Uint8Array
// (the package throws "Argument must be a Buffer" for one, and the verifier compares keys and
// roots that way: a real bundle was refused as malformed for it). Imported first by the worker
// entry, so it is in place before the library's modules run their top-level code.
import { Buffer } from 'buffer';

const fromBase64Url = (text: string) => text.replace(/-/g, '+').replace(/_/g, '/');
const toBase64Url = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const from = Buffer.from.bind(Buffer) as (...args: unknown[]) => Buffer;
Buffer.from = ((value: unknown, encoding?: unknown, length?: unknown) =>
  typeof value === 'string' && encoding === 'base64url'
    ? from(fromBase64Url(value), 'base64')
    : from(value, encoding, length)) as typeof Buffer.from;

const bufferToString = Buffer.prototype.toString;
Buffer.prototype.toString = function (this: Buffer, encoding?: string, start?: number, end?: number) {
  if (encoding === 'base64url') return toBase64Url(bufferToString.call(this, 'base64', start, end));
  return bufferToString.call(this, encoding as never, start, end);
} as typeof Buffer.prototype.toString;

// Node's equals compares with any Uint8Array, not only a Buffer (shared/tlog verify-key.ts,
// verify-entries.ts, verify-checkpoints.ts pass plain Uint8Arrays).
Buffer.prototype.equals = function (this: Buffer, other: Uint8Array): boolean {
  if (!(other instanceof Uint8Array))
    throw new TypeError('The "otherBuffer" argument must be an instance of Buffer or Uint8Array');
  return Buffer.compare(this, other) === 0;
};

(globalThis as { Buffer?: unknown }).Buffer = Buffer;

export { Buffer };
