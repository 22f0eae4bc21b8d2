// A bundle file read in a stream: a million-entry bundle is some 460 MB of JSON, more than V8 can
// hold as one string, and many times that once parsed. One scan of the bytes finds the top-level
// `entries` list and where each of its elements ends (outside strings, at depth 2); everything
// else (keys, checkpoints, proofs, minutes; small) is parsed as one JSON text with that list left
// empty, and the entries are parsed a block at a time as the verifier asks for them. Anything the
// scan does not recognise (no single top-level entries list) is read whole, as before.
//
// The results are those of JSON.parse on the whole file: the skeleton and every block are parsed
// by JSON.parse itself, a block is its elements with their separating commas, and a bundle that
// fails a check is read to the end before the failure is reported (`rest`), so that a file that
// is not JSON is still reported as unreadable, whichever check it would have failed.
import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { AuditBundle } from '../../tlog/bundle.ts';
import type { EntrySource } from '../../tlog/entry-source.ts';

const CHUNK = 8 * 1024 * 1024;
const BLOCK = 2048;

export interface BundleFile {
  /** The bundle, its entries list empty when `entries` is given. */
  readonly bundle: AuditBundle;
  readonly entries?: EntrySource & {
    /** Parses every block not yet parsed (throws as JSON.parse would on a malformed one). */
    rest(): void;
  };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Byte offsets, in the file, of the `entries` list's `[`, each comma between its elements and its
 * `]`, or undefined when the file is not an object with one such list.
 */
function scan(
  fd: number,
  size: number,
  chunkSize: number,
): { open: number; close: number; seps: Float64Array; count: number } | undefined {
  const buffer = Buffer.allocUnsafe(chunkSize);
  let depth = 0;
  let inString = false;
  let escaped = false;
  // Depth-1 key tracking: the last key string read, and whether the next string is a key.
  let expectKey = false;
  let keyStart = -1;
  let key = '';
  let keyBytes: number[] = [];
  let inEntries = false;
  let found: { open: number; close: number } | undefined;
  let seps = new Float64Array(1024);
  let count = 0;
  const push = (at: number) => {
    if (count === seps.length) {
      const bigger = new Float64Array(seps.length * 2);
      bigger.set(seps);
      seps = bigger;
    }
    seps[count++] = at;
  };
  for (let base = 0; base < size; ) {
    const n = readSync(fd, buffer, 0, Math.min(chunkSize, size - base), base);
    if (n <= 0) return undefined;
    for (let i = 0; i < n; i++) {
      const c = buffer[i] as number;
      if (inString && keyStart < 0) {
        if (escaped) {
          escaped = false;
          continue;
        }
        // Most of the file is string contents: run through them to the next quote or backslash
        // in a tight loop (faster than indexOf for strings this short).
        let j = i;
        for (let d = c; d !== QUOTE && d !== BACKSLASH; d = buffer[j] as number) if (++j === n) break;
        if (j < n) {
          if (buffer[j] === BACKSLASH) escaped = true;
          else inString = false;
        }
        i = j;
        continue;
      }
      if (inString) {
        if (keyStart >= 0 && !(c === QUOTE && !escaped)) keyBytes.push(c);
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyStart >= 0) {
            key = Buffer.from(keyBytes).toString('utf8');
            keyStart = -1;
            keyBytes = [];
          }
        }
        continue;
      }
      switch (c) {
        case QUOTE:
          inString = true;
          if (depth === 1 && expectKey) {
            keyStart = base + i;
            expectKey = false;
          }
          break;
        case 0x3a: // :
          if (depth === 1 && key === 'entries') {
            // A second entries key: JSON.parse keeps the last; leave such a file to it.
            if (found || inEntries) return undefined;
            inEntries = true;
          }
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (depth === 1 && inEntries) {
            if (c !== 0x5b) return undefined;
            found = { open: base + i, close: -1 };
            push(base + i);
          } else if (depth === 0 && c === 0x5b) return undefined;
          depth++;
          if (depth === 1) expectKey = true;
          break;
        case 0x7d: // }
        case 0x5d: // ]
          depth--;
          if (depth === 1 && found && found.close < 0 && inEntries) {
            found.close = base + i;
            push(base + i);
            inEntries = false;
          }
          break;
        case 0x2c: // ,
          if (depth === 1) {
            expectKey = true;
            key = '';
            // entries: followed by something other than a list
            if (inEntries && !found) return undefined;
          } else if (depth === 2 && inEntries && found) push(base + i);
          break;
        default:
          // Anything else at depth 1 after `entries:` (a number, a literal) is not a list.
          if (depth === 1 && inEntries && !found && c > 0x20) return undefined;
      }
    }
    base += n;
  }
  if (!found || found.close < 0 || depth !== 0) return undefined;
  return { ...found, seps: seps.subarray(0, count), count };
}

function readRange(fd: number, start: number, end: number): Buffer {
  const bytes = Buffer.allocUnsafe(end - start);
  for (let done = 0; done < bytes.length; ) {
    const n = readSync(fd, bytes, done, bytes.length - done, start + done);
    if (n <= 0) throw new Error('the bundle file changed while it was read');
    done += n;
  }
  return bytes;
}

/** `chunkSize` is for tests: strings and escapes that straddle reads. */
export function readBundleFile(file: string, chunkSize = CHUNK): BundleFile {
  const fd = openSync(file, 'r');
  let keepOpen = false;
  try {
    const size = fstatSync(fd).size;
    const found = scan(fd, size, chunkSize);
    if (!found) return { bundle: JSON.parse(readFileSync(fd, 'utf8')) as AuditBundle };
    // The skeleton: the file with the entries list's contents replaced by one unguessable
    // marker. Should JSON.parse read another key as "entries" (one written with an escape, say,
    // which wins being later), the marker is not where the entries are: only reading the file
    // whole gives JSON.parse's answer then.
    const marker = `eproc-entries-${randomUUID()}`;
    const head = readRange(fd, 0, found.open + 1);
    const tail = readRange(fd, found.close, size);
    const skeleton = JSON.parse(
      Buffer.concat([head, Buffer.from(JSON.stringify(marker)), tail]).toString('utf8'),
    ) as AuditBundle;
    const list = (skeleton as { entries?: unknown }).entries;
    if (!Array.isArray(list) || list.length !== 1 || list[0] !== marker) {
      return { bundle: JSON.parse(readFileSync(fd, 'utf8')) as AuditBundle };
    }
    const bundle = { ...skeleton, entries: [] };
    const { seps } = found;
    // `[` then `]` with only blanks between: an empty list.
    const empty =
      seps.length === 2 &&
      readRange(fd, found.open + 1, found.close)
        .toString('latin1')
        .trim() === '';
    const length = empty ? 0 : seps.length - 1;
    // One block's bytes (for `raw`) and, once something asked for a value, its parsed entries.
    let bytesStart = -1;
    let bytesBase = 0;
    let bytes: Buffer = Buffer.alloc(0);
    const span: { bytes: Uint8Array; start: number; end: number } = {
      bytes: new Uint8Array(0),
      start: 0,
      end: 0,
    };
    let blockStart = -1;
    let block: unknown[] = [];
    const parsed = new Uint8Array(Math.ceil(length / BLOCK));
    const readBlock = (first: number): void => {
      if (bytesStart === first) return;
      const last = Math.min(length, first + BLOCK);
      bytesBase = (seps[first] as number) + 1;
      bytes = readRange(fd, bytesBase, seps[last] as number);
      // The fast path slices it once per entry: a plain Uint8Array's subarray costs less.
      span.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      bytesStart = first;
    };
    const parseBlock = (first: number): void => {
      const last = Math.min(length, first + BLOCK);
      readBlock(first);
      block = JSON.parse(`[${bytes.toString('utf8')}]`) as unknown[];
      if (block.length !== last - first) throw new SyntaxError('the entries list is not valid JSON');
      blockStart = first;
      parsed[first / BLOCK] = 1;
    };
    keepOpen = true;
    const entries = {
      length,
      at(index: number): unknown {
        if (blockStart < 0 || index < blockStart || index >= blockStart + block.length) {
          parseBlock(index - (index % BLOCK));
        }
        return block[index - blockStart];
      },
      raw(index: number): { bytes: Uint8Array; start: number; end: number } {
        if (bytesStart < 0 || index < bytesStart || index >= bytesStart + BLOCK)
          readBlock(index - (index % BLOCK));
        span.start = (seps[index] as number) + 1 - bytesBase;
        span.end = (seps[index + 1] as number) - bytesBase;
        return span;
      },
      rest(): void {
        for (let first = 0; first < length; first += BLOCK) if (!parsed[first / BLOCK]) parseBlock(first);
        block = [];
        blockStart = -1;
      },
    };
    return { bundle, entries };
  } finally {
    // The entries are read lazily: the descriptor stays open for the process's life (one CLI run).
    if (!keepOpen) closeSync(fd);
  }
}
