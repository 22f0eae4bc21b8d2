// The log library (shared/tlog) is Node code that uses the global Buffer. In the worker that global
// comes from the `buffer` package, plus the one encoding Node has and that package lacks
// (base64url, used by tender commitments). Imported first by the worker entry, so it is in place
// before the library's modules run their top-level code.
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

(globalThis as { Buffer?: unknown }).Buffer = Buffer;

export { Buffer };
