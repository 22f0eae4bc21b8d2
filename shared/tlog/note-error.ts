/**
 * Why a signed note or checkpoint was rejected. Each cause has its own code because the remedies
 * differ: a malformed note is corrupt, an unknown key name or key id means the verifier was given
 * the wrong trust root (or the log rotated keys), and a bad signature means forgery or tampering.
 */
export type NoteErrorCode =
  | 'malformed-note'
  | 'malformed-checkpoint'
  | 'unknown-key-name'
  | 'key-id-mismatch'
  | 'bad-signature';

export class NoteError extends Error {
  readonly code: NoteErrorCode;

  constructor(code: NoteErrorCode, message: string) {
    super(message);
    this.name = 'NoteError';
    this.code = code;
  }
}
