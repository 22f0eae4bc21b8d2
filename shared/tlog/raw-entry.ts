// The entries stage's fast path for a bundle read from a file: an entry's JSON text, as the
// bundle writer lays it out (`{"seq":n,"event":…,"leafHash":"…"}`, no blanks), whose event is
// already canonical JSON (shared/canonical/canonical-span.ts) is hashed from its own bytes, since
// canonicalJson({event, seq}) is then exactly `{"event":` + those bytes + `,"seq":n}`. Nothing is
// parsed or re-serialised unless a later stage asks for the event.
//
// It accepts only what the slow path (JSON.parse, then readEntry and hashEntry in
// verify-entries.ts) accepts, with the same leaf hash: the text is a JSON object with exactly the
// keys seq, event and leafHash; seq is the entry's index; the event is canonical, so it encodes;
// and the recorded leaf hash is, character for character, the recomputed one. Anything else
// (another layout, blanks, a non-canonical event, a wrong sequence number or leaf hash) gets
// `undefined`, and the slow path decides and words the failure.
import { hash } from 'node:crypto';
import { canonicalJsonEnd } from '../canonical/canonical-span.ts';
import { base64Into } from './bytes.ts';
import type { Hash } from './hash.ts';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const SEQ = ascii('{"seq":');
const EVENT = ascii(',"event":');
const LEAF_HASH = ascii(',"leafHash":"');
const EVENT_ID = ascii('"eventId"');
const HASHED_HEAD = ascii('\u0000{"event":'); // RFC 9162's 0x00 leaf prefix, then the entry
const HASHED_SEQ = ascii(',"seq":');
const BASE64_HASH = 44;

const utf8 = new TextDecoder();
const found = new Int32Array(2);
const digits = new Uint8Array(16);
const encoded = new Uint8Array(BASE64_HASH);
let scratch = new Uint8Array(4096);

const startsWith = (b: Uint8Array, at: number, end: number, prefix: Uint8Array): boolean => {
  if (at + prefix.length > end) return false;
  for (let k = 0; k < prefix.length; k++) if (b[at + k] !== prefix[k]) return false;
  return true;
};

/** A checked entry read from its bytes; the event is parsed only if someone reads it. */
export class RawEntry {
  readonly hash: Hash;
  readonly #bytes: Uint8Array;
  readonly #eventStart: number;
  readonly #eventEnd: number;
  readonly #idStart: number;
  readonly #idEnd: number;
  readonly #leafStart: number;
  #parsed: unknown;
  #isParsed = false;

  constructor(bytes: Uint8Array, eventStart: number, eventEnd: number, leafStart: number, leafHash: Hash) {
    this.#bytes = bytes;
    this.#eventStart = eventStart;
    this.#eventEnd = eventEnd;
    this.#idStart = found[0] as number;
    this.#idEnd = found[1] as number;
    this.#leafStart = leafStart;
    this.hash = leafHash;
  }

  get event(): unknown {
    if (!this.#isParsed) {
      this.#parsed = JSON.parse(utf8.decode(this.#bytes.subarray(this.#eventStart, this.#eventEnd)));
      this.#isParsed = true;
    }
    return this.#parsed;
  }

  get leafHash(): string {
    return String.fromCharCode.apply(
      null,
      this.#bytes.subarray(this.#leafStart, this.#leafStart + BASE64_HASH) as unknown as number[],
    );
  }

  /** event.eventId when the event is an object holding a string there, else undefined. */
  get eventId(): string | undefined {
    const [start, end, bytes] = [this.#idStart, this.#idEnd, this.#bytes];
    if (start < 0 || bytes[start] !== 0x22) return undefined;
    for (let k = start + 1; k < end - 1; k++) {
      const c = bytes[k] as number;
      // Escapes and non-ASCII: let JSON.parse decode it.
      if (c === 0x5c || c >= 0x80) return JSON.parse(utf8.decode(bytes.subarray(start, end))) as string;
    }
    return String.fromCharCode.apply(null, bytes.subarray(start + 1, end - 1) as unknown as number[]);
  }
}

/**
 * The entry at `index` from its JSON text, b[start, end) (that element of the entries list
 * alone), when the fast path can show it is sound and its leaf hash is the recorded one;
 * otherwise undefined. The entry keeps a reference to `b`, which must not change afterwards.
 */
export function readRawEntry(b: Uint8Array, start: number, end: number, index: number): RawEntry | undefined {
  if (!startsWith(b, start, end, SEQ)) return undefined;
  let at = start + SEQ.length;
  // The sequence number as written must be String(index): the only form JSON.parse reads as it.
  let n = 0;
  for (let rest = index; ; rest = Math.floor(rest / 10)) {
    digits[15 - n++] = 0x30 + (rest % 10);
    if (rest < 10) break;
  }
  const seq = digits.subarray(16 - n);
  if (!startsWith(b, at, end, seq)) return undefined;
  at += n;
  if (!startsWith(b, at, end, EVENT)) return undefined;
  const eventStart = at + EVENT.length;
  const eventEnd = canonicalJsonEnd(b, eventStart, end, EVENT_ID, found);
  if (eventEnd < 0) return undefined;
  const leafStart = eventEnd + LEAF_HASH.length;
  if (
    end !== leafStart + BASE64_HASH + 2 ||
    !startsWith(b, eventEnd, end, LEAF_HASH) ||
    b[end - 2] !== 0x22 ||
    b[end - 1] !== 0x7d
  ) {
    return undefined;
  }
  const eventLength = eventEnd - eventStart;
  const size = HASHED_HEAD.length + eventLength + HASHED_SEQ.length + n + 1;
  if (scratch.length < size) scratch = new Uint8Array(size * 2);
  scratch.set(HASHED_HEAD, 0);
  scratch.set(b.subarray(eventStart, eventEnd), HASHED_HEAD.length);
  let o = HASHED_HEAD.length + eventLength;
  scratch.set(HASHED_SEQ, o);
  o += HASHED_SEQ.length;
  scratch.set(seq, o);
  scratch[o + n] = 0x7d;
  const leafHash = hash('sha256', scratch.subarray(0, size), 'buffer') as Hash;
  base64Into(leafHash, encoded);
  for (let k = 0; k < BASE64_HASH; k++) if (b[leafStart + k] !== encoded[k]) return undefined;
  return new RawEntry(b, eventStart, eventEnd, leafStart, leafHash);
}

/** event.eventId as a string, or undefined: without parsing the event of a RawEntry. */
export function eventIdOf(entry: { readonly event: unknown }): string | undefined {
  if (entry instanceof RawEntry) return entry.eventId;
  const event = entry.event;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const id = (event as { eventId?: unknown }).eventId;
  return typeof id === 'string' ? id : undefined;
}
