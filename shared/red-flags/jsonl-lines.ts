// Splits a byte stream into lines without readline: readline decodes every chunk into one string
// and then scans and slices it, which cost a quarter of the flags run's CPU at a million lines.
// Here each chunk is scanned for LF as bytes and only each line's own bytes are decoded, once.
// A line split across chunks is carried over as bytes, so a multi-byte UTF-8 character cut by a
// chunk boundary is decoded whole. A trailing CR (CRLF files) is dropped, as readline's
// crlfDelay: Infinity does.
import type { Readable } from 'node:stream';

const LF = 0x0a;
const CR = 0x0d;

/** Calls `onLine` with each line's text and its 1-based number; resolves with the line count. */
export async function forEachLine(
  input: Readable,
  onLine: (line: string, lineNumber: number) => void,
): Promise<number> {
  let carry: Buffer | undefined;
  let lineNumber = 0;
  const emit = (bytes: Buffer, start: number, end: number) => {
    const stop = end > start && bytes[end - 1] === CR ? end - 1 : end;
    lineNumber += 1;
    onLine(bytes.toString('utf8', start, stop), lineNumber);
  };
  for await (const chunk of input) {
    let bytes: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    let newline = bytes.indexOf(LF);
    if (carry !== undefined) {
      if (newline === -1) {
        carry = Buffer.concat([carry, bytes]);
        continue;
      }
      // Only the carried part and this chunk's first line are copied, not the whole chunk.
      emit(Buffer.concat([carry, bytes.subarray(0, newline)]), 0, carry.length + newline);
      carry = undefined;
      start = newline + 1;
      newline = bytes.indexOf(LF, start);
    }
    while (newline !== -1) {
      emit(bytes, start, newline);
      start = newline + 1;
      newline = bytes.indexOf(LF, start);
    }
    if (start < bytes.length) carry = Buffer.from(bytes.subarray(start));
    bytes = Buffer.alloc(0);
  }
  if (carry !== undefined && carry.length > 0) emit(carry, 0, carry.length);
  return lineNumber;
}
