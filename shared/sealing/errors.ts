// Every failure carries a stable `code` so callers (HTTP handlers, the opening ceremony UI, audit
// events) can branch and record *why* a bid was refused without parsing messages.

export type SealingErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_KEY'
  | 'MALFORMED_ENVELOPE'
  | 'UNSUPPORTED_FORMAT'
  | 'INCOMPLETE_ENVELOPE'
  | 'WRONG_OPENING_KEY'
  | 'TAMPERED_HEADER'
  | 'BINDING_MISMATCH'
  | 'TAMPERED_CHUNK'
  | 'TRUNCATED_STREAM'
  | 'REORDERED_CHUNK'
  | 'DUPLICATED_CHUNK'
  | 'TRAILING_DATA'
  | 'DOCUMENT_SIZE_MISMATCH';

export class SealingError extends Error {
  readonly code: SealingErrorCode;

  constructor(code: SealingErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

export class InvalidInputError extends SealingError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

export class InvalidKeyError extends SealingError {
  constructor(message: string) {
    super('INVALID_KEY', message);
  }
}

export class MalformedEnvelopeError extends SealingError {
  constructor(message: string) {
    super('MALFORMED_ENVELOPE', message);
  }
}

export class UnsupportedFormatError extends SealingError {
  constructor(message: string) {
    super('UNSUPPORTED_FORMAT', message);
  }
}

/** The bytes given end before the header (or the requested part) does; fetch `bytesNeeded` and retry. */
export class IncompleteEnvelopeError extends SealingError {
  readonly bytesNeeded: number;

  constructor(bytesNeeded: number, have: number) {
    super('INCOMPLETE_ENVELOPE', `envelope prefix too short: need ${bytesNeeded} bytes, have ${have}`);
    this.bytesNeeded = bytesNeeded;
  }
}

export class WrongOpeningKeyError extends SealingError {
  readonly expectedKeyId: string;
  readonly actualKeyId: string;

  constructor(expectedKeyId: string, actualKeyId: string) {
    super(
      'WRONG_OPENING_KEY',
      `envelope was sealed to opening key ${expectedKeyId}, but key ${actualKeyId} was supplied`,
    );
    this.expectedKeyId = expectedKeyId;
    this.actualKeyId = actualKeyId;
  }
}

export class TamperedHeaderError extends SealingError {
  constructor() {
    super('TAMPERED_HEADER', 'envelope header failed authentication: it was altered after sealing');
  }
}

export class BindingMismatchError extends SealingError {
  constructor() {
    super(
      'BINDING_MISMATCH',
      'envelope was sealed for a different tender, lot or contractor than the one it is being opened for',
    );
  }
}

export class TamperedChunkError extends SealingError {
  readonly chunkIndex: number;

  constructor(chunkIndex: number) {
    super(
      'TAMPERED_CHUNK',
      `chunk ${chunkIndex} failed authentication (altered bytes, wrong key, or wrong associated data)`,
    );
    this.chunkIndex = chunkIndex;
  }
}

export class TruncatedStreamError extends SealingError {
  /** Complete chunks read before the stream stopped; the missing data starts at this index. */
  readonly chunkIndex: number;

  constructor(chunkIndex: number) {
    super(
      'TRUNCATED_STREAM',
      `sealed stream ends after ${chunkIndex} complete chunk(s) without its final chunk`,
    );
    this.chunkIndex = chunkIndex;
  }
}

export class ReorderedChunkError extends SealingError {
  readonly chunkIndex: number;
  readonly sealedAsIndex: number;

  constructor(chunkIndex: number, sealedAsIndex: number) {
    super(
      'REORDERED_CHUNK',
      `chunk at position ${chunkIndex} was sealed as chunk ${sealedAsIndex}: chunks were reordered`,
    );
    this.chunkIndex = chunkIndex;
    this.sealedAsIndex = sealedAsIndex;
  }
}

export class DuplicatedChunkError extends SealingError {
  readonly chunkIndex: number;
  readonly sealedAsIndex: number;

  constructor(chunkIndex: number, sealedAsIndex: number) {
    super('DUPLICATED_CHUNK', `chunk at position ${chunkIndex} repeats already-read chunk ${sealedAsIndex}`);
    this.chunkIndex = chunkIndex;
    this.sealedAsIndex = sealedAsIndex;
  }
}

export class TrailingDataError extends SealingError {
  readonly chunkIndex: number;

  constructor(chunkIndex: number) {
    super('TRAILING_DATA', `data follows the final chunk (${chunkIndex}) of the sealed stream`);
    this.chunkIndex = chunkIndex;
  }
}

export class DocumentSizeMismatchError extends SealingError {
  readonly declared: number;
  readonly actual: number;

  constructor(name: string, declared: number, actual: number) {
    super(
      'DOCUMENT_SIZE_MISMATCH',
      `document "${name}" declared ${declared} bytes but its stream ${actual > declared ? 'has more' : `ended after ${actual}`}`,
    );
    this.declared = declared;
    this.actual = actual;
  }
}
