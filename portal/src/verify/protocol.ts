// Messages between the verify page and its worker (worker/verify.worker.ts). Plain data only, and
// no imports, so both the portal and the worker (type-checked as Node code) can read this file.

/** A log key pinned for the checkpoints: its note key name and SPKI PEM. */
export interface PinnedLogKey {
  readonly name: string;
  readonly publicKey: string;
}

export type VerifyRequest =
  | { readonly type: 'bundle'; readonly id: number; readonly text: string; readonly logKey: PinnedLogKey }
  | {
      readonly type: 'receipts';
      readonly id: number;
      /** The receipts public key, PEM or JWK text. */
      readonly receiptsKey: string;
      readonly files: readonly { readonly name: string; readonly text: string }[];
    };

/** Where the first failure sits, as the verifier pins it down. */
export type FailurePlace =
  | { readonly kind: 'entry'; readonly index: number }
  | { readonly kind: 'range'; readonly from: number; readonly to: number }
  | { readonly kind: 'checkpoint'; readonly index: number }
  | { readonly kind: 'consistencyProof'; readonly index: number }
  | { readonly kind: 'inclusionProof'; readonly index: number }
  | { readonly kind: 'bundle' };

/** What the bad entry says about itself (read from the bundle as given: it may be the forgery). */
export interface EntrySummary {
  readonly seq: number;
  readonly action?: string;
  readonly eventId?: string;
  readonly at?: string;
}

export type BundleOutcome =
  | {
      readonly ok: true;
      readonly origin: string;
      readonly keyName: string;
      readonly treeSize: number;
      readonly rootHash: string;
      readonly entries: number;
      readonly uncoveredEntries: number;
      readonly checkpoints: number;
      readonly consistencyProofs: number;
      readonly inclusionProofs: number;
      readonly revealed?: {
        readonly tenderId: string;
        readonly events: number;
        readonly bidVersions: number;
      };
    }
  | {
      readonly ok: false;
      /** The verifier's FailureReason, kept for data attributes and logs; never shown as prose. */
      readonly reason: string;
      /** The catalogue message naming what is wrong. */
      readonly messageId: string;
      readonly place: FailurePlace;
      readonly entry?: EntrySummary;
    };

export interface ReceiptOutcome {
  readonly name: string;
  readonly ok: boolean;
  /** The catalogue message: accepted, or why not. */
  readonly messageId: string;
  readonly reason?: string;
  readonly eventId?: string;
  readonly action?: string;
  readonly bidId?: string;
  readonly tenderId?: string;
  /** The entry the receipt's event is, when found. */
  readonly index?: number;
  readonly treeSize?: number;
}

export type VerifyResponse =
  | { readonly type: 'progress'; readonly id: number; readonly fraction: number; readonly stage: string }
  | { readonly type: 'bundle'; readonly id: number; readonly outcome: BundleOutcome }
  | { readonly type: 'receipts'; readonly id: number; readonly outcomes: readonly ReceiptOutcome[] }
  /** The input could not be read at all (not JSON, say): a catalogue message. */
  | { readonly type: 'error'; readonly id: number; readonly messageId: string };
