// The manifest names the documents. It is sealed, not part of the plaintext header, because file
// names ("alternative-offer.pdf", "subcontractor-X.pdf") can reveal bid content before opening.

import { canonicalJson } from '../canonical/canonical-json.ts';
import { checkFileName, displayFileName } from '../schemas/file-name-rule.ts';
import { type Bytes, fromUtf8, utf8 } from './bytes.ts';
import { MAX_DOCUMENT_SIZE, MAX_DOCUMENTS } from './envelope-header.ts';
import { InvalidInputError, MalformedEnvelopeError } from './errors.ts';

export interface DocumentDescription {
  readonly name: string;
  readonly contentType: string;
  /** Plaintext size in bytes. */
  readonly size: number;
}

const MAX_TEXT_LENGTH = 255;

function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT_LENGTH;
}

function isDocumentSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_DOCUMENT_SIZE;
}

/**
 * `names: 'file-name'` (sealing) holds each name to the API's file-name rule and stores it NFC;
 * `'as-sealed'` (opening) takes any short text, so an envelope sealed before the rule still opens.
 */
export function checkDocumentDescriptions(
  documents: readonly DocumentDescription[],
  names: 'file-name' | 'as-sealed' = 'file-name',
): DocumentDescription[] {
  if (!Array.isArray(documents) || documents.length > MAX_DOCUMENTS) {
    throw new InvalidInputError(`documents must be an array of at most ${MAX_DOCUMENTS} entries`);
  }
  return documents.map((document, i) => {
    const { name, contentType, size } = (document ?? {}) as Partial<DocumentDescription>;
    // The file-name rule bounds the name in bytes once NFC; an NFD name may have more characters.
    if (typeof name !== 'string' || (names === 'as-sealed' && !isShortText(name)))
      throw new InvalidInputError(`document ${i}: name must be 1-${MAX_TEXT_LENGTH} characters`);
    // At opening the name is shown, never refused: a bid sealed by a client that skipped the rule
    // still opens, with any control, format or separator character written out.
    const checked = names === 'file-name' ? checkFileName(name) : { name: displayFileName(name) };
    if ('problem' in checked) throw new InvalidInputError(`document ${i}: name ${checked.problem}`);
    if (!isShortText(contentType)) {
      throw new InvalidInputError(`document ${i}: contentType must be 1-${MAX_TEXT_LENGTH} characters`);
    }
    if (!isDocumentSize(size)) {
      throw new InvalidInputError(`document ${i}: size must be an integer in [0, ${MAX_DOCUMENT_SIZE}]`);
    }
    return { name: checked.name, contentType, size };
  });
}

export function encodeManifest(documents: readonly DocumentDescription[]): Bytes {
  return utf8(canonicalJson({ documents: checkDocumentDescriptions(documents) }));
}

/** Only reached after the manifest authenticated, so a failure here means a malformed sealer. */
export function decodeManifest(bytes: Uint8Array): DocumentDescription[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new MalformedEnvelopeError('manifest is not valid UTF-8 JSON');
  }
  const documents = (parsed as { documents?: unknown } | null)?.documents;
  if (!Array.isArray(documents)) throw new MalformedEnvelopeError('manifest lacks a document list');
  try {
    return checkDocumentDescriptions(documents, 'as-sealed');
  } catch (error) {
    throw new MalformedEnvelopeError(`manifest: ${(error as Error).message}`);
  }
}
