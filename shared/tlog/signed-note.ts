// C2SP signed-note (c2sp.org/signed-note): text ending in a newline, a blank line, then one or
// more lines "— <key name> <base64(uint32 key id || signature)>". Parsing is strict so that one
// logical note has one byte representation, which is what gets signed.
import { fromBase64, toBase64 } from './bytes.ts';
import { NoteError } from './note-error.ts';

export interface NoteSignature {
  readonly name: string;
  /** Big-endian uint32 from the first four signature bytes. */
  readonly keyId: number;
  readonly signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, including its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** Produces a signature over the exact UTF-8 bytes of the note text; may call out to KMS. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface OpenedNote extends ParsedNote {
  /** The signatures made by the given verifiers' keys, all of which verified. */
  readonly verified: readonly NoteSignature[];
}

/** The spec asks verifiers to accept at least 16; the cap bounds work on hostile input. */
export const MAX_NOTE_SIGNATURES = 100;

const EM_DASH = '\u2014';
// Go's unicode.IsSpace also counts U+0085, which JavaScript's \s does not.
const spaceOrPlus = /[\s\u0085+]/u;

function hasControlExceptNewline(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && name.isWellFormed() && !spaceOrPlus.test(name);
}

function malformed(message: string): NoteError {
  return new NoteError('malformed-note', message);
}

function checkText(text: string, what: string): void {
  if (!text.isWellFormed()) throw malformed(`${what} is not valid Unicode`);
  if (hasControlExceptNewline(text)) throw malformed(`${what} contains a control character`);
}

const encoder = new TextEncoder();

export function noteMessage(text: string): Uint8Array {
  return encoder.encode(text);
}

function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export function parseNote(note: string): ParsedNote {
  if (typeof note !== 'string') throw malformed('a note must be a string');
  checkText(note, 'the note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('the note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw malformed('the last signature line does not end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures = lines.map((line, i): NoteSignature => {
    const where = `signature line ${i + 1}`;
    if (!line.startsWith(`${EM_DASH} `))
      throw malformed(`${where} does not start with an em dash and a space`);
    const fields = line.slice(2).split(' ');
    if (fields.length !== 2) throw malformed(`${where} is not "— <key name> <signature>"`);
    const [name, encoded] = fields as [string, string];
    if (!isValidKeyName(name)) throw malformed(`${where} has an invalid key name`);
    const bytes = fromBase64(encoded);
    if (bytes === undefined) throw malformed(`${where} is not canonical base64`);
    if (bytes.byteLength < 5) throw malformed(`${where} is too short to hold a key id and a signature`);
    const keyId = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
    return { name, keyId, signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

export function formatSignatureLine(signature: NoteSignature): string {
  const bytes = new Uint8Array(4 + signature.signature.byteLength);
  new DataView(bytes.buffer).setUint32(0, signature.keyId);
  bytes.set(signature.signature, 4);
  return `${EM_DASH} ${signature.name} ${toBase64(bytes)}\n`;
}

function checkSignerIdentity(name: string, keyId: number): void {
  if (!isValidKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffffffff)
    throw new RangeError('key id is not a uint32');
}

/** Signs `text` (which must end in a newline) with each signer, in order. */
export async function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): Promise<string> {
  const all = Array.isArray(signers) ? (signers as readonly NoteSigner[]) : [signers as NoteSigner];
  if (all.length === 0) throw new RangeError('a note needs at least one signer');
  if (!text.endsWith('\n')) throw malformed('note text must end in a newline');
  checkText(text, 'the note text');
  const message = noteMessage(text);
  let lines = '';
  for (const signer of all) {
    checkSignerIdentity(signer.name, signer.keyId);
    const signature = await signer.sign(message);
    if (signature.byteLength === 0) throw new RangeError(`signer ${signer.name} returned an empty signature`);
    lines += formatSignatureLine({ name: signer.name, keyId: signer.keyId, signature });
  }
  return `${text}\n${lines}`;
}

/**
 * Parses a note and checks it against trusted keys per the spec: signatures from unknown keys are
 * ignored, a known key's signature that fails rejects the whole note, and at least one known
 * signature must verify. When none does, the error says whether the key name or the key id was off.
 */
export function openNote(note: string, verifiers: NoteVerifier | readonly NoteVerifier[]): OpenedNote {
  const trusted = Array.isArray(verifiers)
    ? (verifiers as readonly NoteVerifier[])
    : [verifiers as NoteVerifier];
  const parsed = parseNote(note);
  const message = noteMessage(parsed.text);
  const verified: NoteSignature[] = [];
  for (const signature of parsed.signatures) {
    const verifier = trusted.find((v) => v.name === signature.name && v.keyId === signature.keyId);
    if (verifier === undefined) continue;
    let ok: boolean;
    try {
      ok = verifier.verify(message, signature.signature);
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new NoteError(
        'bad-signature',
        `the signature by ${signature.name} (key id ${formatKeyId(signature.keyId)}) does not verify`,
      );
    }
    verified.push(signature);
  }
  if (verified.length > 0) return { ...parsed, verified };
  const names = new Set(trusted.map((v) => v.name));
  const sameName = parsed.signatures.find((s) => names.has(s.name));
  if (sameName !== undefined) {
    const expected = trusted.filter((v) => v.name === sameName.name).map((v) => formatKeyId(v.keyId));
    throw new NoteError(
      'key-id-mismatch',
      `the signature by ${sameName.name} has key id ${formatKeyId(sameName.keyId)}, expected ${expected.join(' or ')}`,
    );
  }
  const seen = parsed.signatures.map((s) => s.name).join(', ');
  throw new NoteError('unknown-key-name', `no signature by ${[...names].join(' or ')}; signed by ${seen}`);
}
