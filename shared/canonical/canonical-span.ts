// Recognises bytes that already are RFC 8785 canonical JSON, so a verifier can hash them as they
// stand instead of parsing and re-serialising (shared/tlog/raw-entry.ts). The promise, for any
// span it accepts: the bytes are valid UTF-8 and valid JSON, and canonicalJson(JSON.parse(text))
// gives back exactly that text. It is deliberately narrower than canonical JSON: whatever it is
// unsure of (keys that are not plain ASCII, \u escapes of surrogates, deep nesting) it refuses,
// and the caller takes the slow path, which decides. So a refusal means "not shown canonical",
// never "not canonical".
//
// Why each accepted form is what canonicalJson writes (canonical-json.ts defers to JSON.stringify
// for strings and numbers, and sorts object keys by UTF-16 code units):
// - no whitespace anywhere;
// - strings: every character raw except `"` and `\` (escaped as \" and \\), U+0008/9/A/C/D (as
//   \b \t \n \f \r) and the other controls below U+0020 (as \u00xx, lowercase); raw bytes must be
//   well-formed UTF-8 (no overlong forms, no encoded surrogates), which excludes lone surrogates;
// - numbers: the token must be what Number#toString prints for its value (integers of up to 15
//   digits always are; anything else is compared as text), so -0, 1.0, 1E5 or 0.10 are refused;
// - object keys: printable ASCII without escapes (then byte order is UTF-16 code unit order),
//   strictly increasing, which also rules out duplicates (JSON.parse would keep the last).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_DEPTH = 64;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLowerHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number): number => (c <= 0x39 ? c - 0x30 : c - 0x61 + 10);

/** Past the closing quote of a canonical string starting at `i` (a quote), or -1. */
function stringEnd(b: Uint8Array, i: number, end: number): number {
  let j = i + 1;
  while (j < end) {
    const c = b[j] as number;
    if (c === QUOTE) return j + 1;
    if (c < 0x20) return -1;
    if (c < 0x80) {
      if (c !== BACKSLASH) {
        j++;
        continue;
      }
      const e = b[j + 1];
      // \/ is valid JSON but JSON.stringify never writes it; \u is only canonical for controls.
      if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      ) {
        j += 2;
        continue;
      }
      if (e !== 0x75 || j + 6 > end) return -1;
      const [h1, h2, h3, h4] = [b[j + 2], b[j + 3], b[j + 4], b[j + 5]] as number[];
      if (h1 !== 0x30 || h2 !== 0x30 || (h3 !== 0x30 && h3 !== 0x31) || !isLowerHex(h4 as number)) return -1;
      const code = (h3 === 0x31 ? 16 : 0) + hexValue(h4 as number);
      // These five have short escapes, which is what JSON.stringify writes for them.
      if (code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) return -1;
      j += 6;
      continue;
    }
    // Well-formed UTF-8 (RFC 3629 table 3-7): decoding and re-encoding gives the same bytes.
    let continuation: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) continuation = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      continuation = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f; // U+D800–U+DFFF are surrogates, not characters
    } else if (c >= 0xf0 && c <= 0xf4) {
      continuation = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return -1;
    if (j + continuation >= end) return -1;
    const first = b[j + 1] as number;
    if (first < lo || first > hi) return -1;
    for (let k = 2; k <= continuation; k++) {
      const next = b[j + k] as number;
      if (next < 0x80 || next > 0xbf) return -1;
    }
    j += continuation + 1;
  }
  return -1;
}

/** Past a canonical number token starting at `i`, or -1. */
function numberEnd(b: Uint8Array, i: number, end: number): number {
  let j = i;
  if (b[j] === 0x2d) j++;
  const intStart = j;
  if (b[j] === 0x30) j++;
  else if (j < end && isDigit(b[j] as number) && b[j] !== 0x30) {
    while (j < end && isDigit(b[j] as number)) j++;
  } else return -1;
  const intDigits = j - intStart;
  let fracStart = -1;
  let fracEnd = -1;
  let exponent = false;
  if (j < end && b[j] === 0x2e) {
    j++;
    fracStart = j;
    if (!(j < end && isDigit(b[j] as number))) return -1;
    while (j < end && isDigit(b[j] as number)) j++;
    fracEnd = j;
  }
  if (j < end && (b[j] === 0x65 || b[j] === 0x45)) {
    exponent = true;
    j++;
    if (b[j] === 0x2b || b[j] === 0x2d) j++;
    if (!(j < end && isDigit(b[j] as number))) return -1;
    while (j < end && isDigit(b[j] as number)) j++;
  }
  const zeroInt = b[intStart] === 0x30;
  if (!exponent && fracStart < 0) {
    // Up to 15 digits an integer is exact and printed as written; "-0" prints as "0".
    if (intDigits <= 15) return b[i] === 0x2d && zeroInt ? -1 : j;
  } else if (!exponent && b[fracEnd - 1] !== 0x30) {
    // A decimal of at most 15 significant digits is the shortest that reads back as its double
    // (15 digits always round-trip), so Number#toString prints those digits, in this fixed form
    // from 1e-6 up (0.0000001 prints as 1e-7), given no trailing zero.
    if (!zeroInt && intDigits + (fracEnd - fracStart) <= 15) return j;
    if (zeroInt) {
      let zeros = 0;
      while (fracStart + zeros < fracEnd && b[fracStart + zeros] === 0x30) zeros++;
      if (zeros <= 5 && fracEnd - fracStart - zeros <= 15) return j;
    }
  }
  let text = '';
  for (let k = i; k < j; k++) text += String.fromCharCode(b[k] as number);
  const value = Number(text);
  return Number.isFinite(value) && String(value) === text ? j : -1;
}

function literalEnd(b: Uint8Array, i: number, end: number, word: readonly number[]): number {
  if (i + word.length > end) return -1;
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return -1;
  return i + word.length;
}
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

/** Past a plain ASCII key (quote, printable ASCII but `"` and `\`, quote) at `i`, or -1. */
function plainKeyEnd(b: Uint8Array, i: number, end: number): number {
  if (b[i] !== QUOTE) return -1;
  for (let j = i + 1; j < end; j++) {
    const c = b[j] as number;
    if (c === QUOTE) return j + 1;
    if (c < 0x20 || c > 0x7e || c === BACKSLASH) return -1;
  }
  return -1;
}

/** Whether b[aStart, aEnd) sorts strictly before b[bStart, bEnd), byte by byte. */
function before(b: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let k = 0; k < n; k++) {
    const x = b[aStart + k] as number;
    const y = b[bStart + k] as number;
    if (x !== y) return x < y;
  }
  return aEnd - aStart < bEnd - bStart;
}

// Per nesting level: 1 for an object (with its last key's span), 0 for an array.
const kinds = new Uint8Array(MAX_DEPTH);
const keyStarts = new Int32Array(MAX_DEPTH);
const keyEnds = new Int32Array(MAX_DEPTH);

/**
 * Where one canonical JSON value starting at `start` ends (it must end by `end`), or -1 when the
 * bytes are not shown to be canonical. With `member`, the span of the value of the top-level
 * object's member named by those (plain ASCII, quoted) key bytes is written to `found`, [-1, -1]
 * when there is none.
 */
export function canonicalJsonEnd(
  b: Uint8Array,
  start: number,
  end: number,
  member?: Uint8Array,
  found?: Int32Array,
): number {
  if (found) found.fill(-1);
  let depth = 0;
  let i = start;
  let memberOpen = false;
  for (;;) {
    // A value at i.
    if (i >= end) return -1;
    const c = b[i];
    if (c === 0x7b || c === 0x5b) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (b[i + 1] === close) i += 2;
      else {
        if (depth === MAX_DEPTH) return -1;
        kinds[depth] = c === 0x7b ? 1 : 0;
        keyStarts[depth] = -1;
        depth++;
        i++;
        if (c === 0x7b) {
          i = key(b, i, end, depth, member, found);
          if (i < 0) return -1;
          if (depth === 1 && found) memberOpen = found[0] === i;
        }
        continue;
      }
    } else if (c === QUOTE) i = stringEnd(b, i, end);
    else if (c === 0x2d || (c !== undefined && isDigit(c))) i = numberEnd(b, i, end);
    else if (c === 0x74) i = literalEnd(b, i, end, TRUE);
    else if (c === 0x66) i = literalEnd(b, i, end, FALSE);
    else if (c === 0x6e) i = literalEnd(b, i, end, NULL);
    else return -1;
    if (i < 0 || i > end) return -1;
    // After a value: close containers, or move on to the next element or member.
    for (;;) {
      if (depth === 0) return i;
      if (i >= end) return -1;
      if (memberOpen && depth === 1 && found) {
        found[1] = i;
        memberOpen = false;
      }
      const kind = kinds[depth - 1];
      const next = b[i];
      if (next === 0x2c) {
        i++;
        if (kind === 1) {
          i = key(b, i, end, depth, member, found);
          if (i < 0) return -1;
          if (depth === 1 && found) memberOpen = found[0] === i;
        }
        break;
      }
      if (next !== (kind === 1 ? 0x7d : 0x5d)) return -1;
      i++;
      depth--;
    }
  }
}

/** Reads `"key":` at i for the object at `depth`; returns where its value starts, or -1. */
function key(
  b: Uint8Array,
  i: number,
  end: number,
  depth: number,
  member: Uint8Array | undefined,
  found: Int32Array | undefined,
): number {
  const keyEnd = plainKeyEnd(b, i, end);
  if (keyEnd < 0 || b[keyEnd] !== 0x3a) return -1;
  const level = depth - 1;
  const previous = keyStarts[level] as number;
  // Compared without their quotes: "a" sorts before "a!", though `"` sorts after `!`.
  if (previous >= 0 && !before(b, previous + 1, (keyEnds[level] as number) - 1, i + 1, keyEnd - 1)) return -1;
  keyStarts[level] = i;
  keyEnds[level] = keyEnd;
  if (member && found && depth === 1 && keyEnd - i === member.length) {
    let same = true;
    for (let k = 0; k < member.length && same; k++) same = b[i + k] === member[k];
    if (same) found[0] = keyEnd + 1;
  }
  return keyEnd + 1;
}
