// Envelope layout (one S3 object; all integers big-endian):
//
//   offset 0   4 bytes   magic "EPSB"
//          4   1 byte    format version (1)
//          5   4 bytes   J = length of the header JSON
//          9   J bytes   header JSON (UTF-8, RFC 8785 canonical when written)
//        9+J  32 bytes   HMAC-SHA-256(header-mac key, bytes [0, 9+J))
//       41+J  ...        sealed parts, back to back, in header order:
//                        price-form, manifest, document:0, document:1, ...
//
// Everything an opener needs to locate parts is in the first 41+J bytes, so the header and then
// the price form can be fetched with ranged GETs without touching the documents.

import { canonicalJson } from '../canonical/canonical-json.ts';
import { documentPart, FORMAT_LABEL, MANIFEST_PART, PRICE_FORM_PART } from './binding.ts';
import {
  type Bytes,
  concatBytes,
  fromBase64Url,
  fromUtf8,
  readU32be,
  toBase64Url,
  utf8,
  writeU32be,
} from './bytes.ts';
import { IncompleteEnvelopeError, MalformedEnvelopeError, UnsupportedFormatError } from './errors.ts';
import { SALT_LENGTH } from './key-schedule.ts';
import { MAX_CHUNK_COUNT, plaintextLength } from './stream-format.ts';

export const MAGIC = utf8('EPSB');
export const FORMAT_VERSION = 1;
const FIXED_PREFIX_LENGTH = MAGIC.length + 1 + 4;
export const HEADER_MAC_LENGTH = 32;
const MAX_HEADER_JSON_LENGTH = 256 * 1024;

export const MAX_DOCUMENTS = 500;
export const MAX_DOCUMENT_SIZE = 200 * 1024 * 1024;
export const MAX_PRICE_FORM_SIZE = 1024 * 1024;
export const MAX_MANIFEST_SIZE = 1024 * 1024;
export const MIN_ENVELOPE_CHUNK_SIZE = 1024;
export const MAX_ENVELOPE_CHUNK_SIZE = 1024 * 1024;

const ALGORITHMS = { kem: 'ECDH-P-256', kdf: 'HKDF-SHA-256', aead: 'AES-256-GCM-STREAM' } as const;

export interface EnvelopePart {
  readonly name: string;
  /** Absolute byte offset of the sealed part within the envelope. */
  readonly offset: number;
  /** Sealed length in bytes. */
  readonly length: number;
  /** Length of the plaintext it opens to. */
  readonly plaintextLength: number;
}

export interface EnvelopeHeader {
  readonly formatVersion: number;
  /** RFC 7638 thumbprint of the tender opening key this envelope was sealed to. */
  readonly recipientKeyId: string;
  readonly ephemeralPublicKey: Bytes;
  readonly salt: Bytes;
  readonly chunkSize: number;
  readonly bindingCheck: Bytes;
  readonly parts: readonly EnvelopePart[];
  readonly priceForm: EnvelopePart;
  readonly manifest: EnvelopePart;
  readonly documents: readonly EnvelopePart[];
  /** Bytes before the first part: where the price form starts. */
  readonly headerLength: number;
  /** Bytes needed to open the price form and the manifest without any document. */
  readonly prefixLength: number;
  readonly totalLength: number;
  /** Bytes covered by `mac`. */
  readonly authenticated: Bytes;
  readonly mac: Bytes;
}

export interface HeaderFields {
  readonly recipientKeyId: string;
  readonly ephemeralPublicKey: Bytes;
  readonly salt: Bytes;
  readonly chunkSize: number;
  readonly bindingCheck: Bytes;
  /** Sealed lengths: price form, manifest, then documents. */
  readonly partLengths: readonly number[];
}

export function partNames(documentCount: number): string[] {
  return [
    PRICE_FORM_PART,
    MANIFEST_PART,
    ...Array.from({ length: documentCount }, (_, i) => documentPart(i)),
  ];
}

export function checkEnvelopeChunkSize(chunkSize: number): number {
  const isPowerOfTwo = Number.isInteger(chunkSize) && (chunkSize & (chunkSize - 1)) === 0;
  if (!isPowerOfTwo || chunkSize < MIN_ENVELOPE_CHUNK_SIZE || chunkSize > MAX_ENVELOPE_CHUNK_SIZE) {
    throw new RangeError(
      `envelope chunk size must be a power of two in [${MIN_ENVELOPE_CHUNK_SIZE}, ${MAX_ENVELOPE_CHUNK_SIZE}]`,
    );
  }
  return chunkSize;
}

/** The authenticated part of the header (everything but the MAC). */
export function encodeHeaderBody(fields: HeaderFields): Bytes {
  const names = partNames(fields.partLengths.length - 2);
  const json = utf8(
    canonicalJson({
      format: FORMAT_LABEL,
      ...ALGORITHMS,
      recipientKeyId: fields.recipientKeyId,
      ephemeralPublicKey: toBase64Url(fields.ephemeralPublicKey),
      salt: toBase64Url(fields.salt),
      chunkSize: fields.chunkSize,
      bindingCheck: toBase64Url(fields.bindingCheck),
      parts: fields.partLengths.map((length, i) => ({ name: names[i], length })),
    }),
  );
  const fixed = new Uint8Array(FIXED_PREFIX_LENGTH);
  fixed.set(MAGIC, 0);
  fixed[MAGIC.length] = FORMAT_VERSION;
  writeU32be(fixed, MAGIC.length + 1, json.length);
  return concatBytes([fixed, json]);
}

/**
 * Parses and structurally validates the header from the first bytes of an envelope. Performs no
 * cryptography: nothing here is trusted until the opener has verified the MAC.
 */
export function readEnvelopeHeader(bytes: Uint8Array): EnvelopeHeader {
  const magicSeen = Math.min(bytes.length, MAGIC.length);
  for (let i = 0; i < magicSeen; i++) {
    if (bytes[i] !== MAGIC[i]) throw new MalformedEnvelopeError('not a sealed bid envelope (bad magic)');
  }
  if (bytes.length < FIXED_PREFIX_LENGTH)
    throw new IncompleteEnvelopeError(FIXED_PREFIX_LENGTH, bytes.length);
  const version = bytes[MAGIC.length] as number;
  if (version !== FORMAT_VERSION) throw new UnsupportedFormatError(`unsupported envelope version ${version}`);
  const jsonLength = readU32be(bytes, MAGIC.length + 1);
  if (jsonLength > MAX_HEADER_JSON_LENGTH) throw new MalformedEnvelopeError('envelope header too large');
  const headerLength = FIXED_PREFIX_LENGTH + jsonLength + HEADER_MAC_LENGTH;
  if (bytes.length < headerLength) throw new IncompleteEnvelopeError(headerLength, bytes.length);

  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes.subarray(FIXED_PREFIX_LENGTH, FIXED_PREFIX_LENGTH + jsonLength)));
  } catch {
    throw new MalformedEnvelopeError('envelope header is not valid UTF-8 JSON');
  }
  const h = expectObject(json, 'header', [
    'format',
    'kem',
    'kdf',
    'aead',
    'recipientKeyId',
    'ephemeralPublicKey',
    'salt',
    'chunkSize',
    'bindingCheck',
    'parts',
  ]);
  if (h.format !== FORMAT_LABEL)
    throw new UnsupportedFormatError(`unsupported envelope format ${String(h.format)}`);
  for (const [field, value] of Object.entries(ALGORITHMS)) {
    if (h[field] !== value) throw new UnsupportedFormatError(`unsupported ${field} ${String(h[field])}`);
  }
  if (typeof h.recipientKeyId !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(h.recipientKeyId)) {
    throw new MalformedEnvelopeError('recipientKeyId is not a SHA-256 JWK thumbprint');
  }
  const ephemeralPublicKey = expectBase64Url(h.ephemeralPublicKey, 'ephemeralPublicKey', 65);
  const salt = expectBase64Url(h.salt, 'salt', SALT_LENGTH);
  const bindingCheck = expectBase64Url(h.bindingCheck, 'bindingCheck', 32);
  let chunkSize: number;
  try {
    chunkSize = checkEnvelopeChunkSize(h.chunkSize as number);
  } catch (error) {
    throw new MalformedEnvelopeError((error as Error).message);
  }

  if (!Array.isArray(h.parts) || h.parts.length < 2 || h.parts.length > MAX_DOCUMENTS + 2) {
    throw new MalformedEnvelopeError('header part list is missing or has the wrong number of parts');
  }
  const names = partNames(h.parts.length - 2);
  const parts: EnvelopePart[] = [];
  let offset = headerLength;
  h.parts.forEach((raw: unknown, i: number) => {
    const part = expectObject(raw, 'part', ['name', 'length']);
    const name = names[i] as string;
    if (part.name !== name) throw new MalformedEnvelopeError(`part ${i} must be "${name}"`);
    const length = part.length;
    const plain = typeof length === 'number' ? plaintextLength(length, chunkSize) : undefined;
    const limit = i === 0 ? MAX_PRICE_FORM_SIZE : i === 1 ? MAX_MANIFEST_SIZE : MAX_DOCUMENT_SIZE;
    if (plain === undefined || plain > limit || Math.ceil(plain / chunkSize) > MAX_CHUNK_COUNT) {
      throw new MalformedEnvelopeError(`part "${name}" has an impossible sealed length`);
    }
    parts.push({ name, offset, length: length as number, plaintextLength: plain });
    offset += length as number;
  });
  const [priceForm, manifest, ...documents] = parts as [EnvelopePart, EnvelopePart, ...EnvelopePart[]];
  return {
    formatVersion: version,
    recipientKeyId: h.recipientKeyId,
    ephemeralPublicKey,
    salt,
    chunkSize,
    bindingCheck,
    parts,
    priceForm,
    manifest,
    documents,
    headerLength,
    prefixLength: manifest.offset + manifest.length,
    totalLength: offset,
    authenticated: bytes.slice(0, headerLength - HEADER_MAC_LENGTH),
    mac: bytes.slice(headerLength - HEADER_MAC_LENGTH, headerLength),
  };
}

function expectObject(value: unknown, what: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedEnvelopeError(`${what} is not a JSON object`);
  }
  const actual = Object.keys(value);
  // Exact key set: a new field means a new format version, never a silently ignored one.
  if (actual.length !== keys.length || !keys.every((k) => Object.hasOwn(value, k))) {
    throw new MalformedEnvelopeError(`${what} must have exactly the fields ${keys.join(', ')}`);
  }
  return value as Record<string, unknown>;
}

function expectBase64Url(value: unknown, field: string, length: number): Bytes {
  if (typeof value === 'string') {
    try {
      const bytes = fromBase64Url(value);
      if (bytes.length === length) return bytes;
    } catch {
      // reported below
    }
  }
  throw new MalformedEnvelopeError(`${field} must be ${length} bytes of base64url`);
}
