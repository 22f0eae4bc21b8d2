// Everything the releases of one tender are built from, as stored. Loading it (ocds-store.ts) is
// kept apart from mapping it (releases.ts), so the mapping is a pure function tests can feed.
import type { AwardRecord } from '../awards/award-store.ts';
import type { OpeningPhase } from '../opening/messages.ts';
import type { Minutes } from '../opening/minutes-schema.ts';
import type { Organisation } from '../organisations/organisation-schemas.ts';
import type { Revision, Tender } from '../tenders/tender-schemas.ts';
import type { PlanSource } from './planning-section.ts';

/** Opening minutes that are public: the signed document and when its pointer was committed. */
export interface PublicMinutes {
  readonly phase: OpeningPhase;
  readonly publishedAt: string;
  /** Hex SHA-256 of the stored minutes object. */
  readonly sha256: string;
  readonly minutes: Minutes;
}

/** What the public contractor register shows about a bidder (never its contacts). */
export interface ContractorFacts {
  readonly contractorId: string;
  readonly name: string;
  readonly enterpriseCode?: string;
  readonly province?: string;
  readonly country?: string;
}

export interface OcdsSource {
  /** The tender's current state (META). */
  readonly tender: Tender;
  /** Every published revision with its full snapshot, revision 1 (publication) first. */
  readonly revisions: readonly Revision[];
  /** The buyer's registered profile; absent only if the organisation record is gone. */
  readonly buyer: Organisation | undefined;
  /** Only minutes whose pointer is committed: before that, no bidder may be named. */
  readonly minutes: readonly PublicMinutes[];
  readonly contractors: ReadonlyMap<string, ContractorFacts>;
  /** The current award of each lot, with its contract once recorded. */
  readonly awards: readonly AwardRecord[];
  /** The plan package it was created from, with the plan's published revisions. */
  readonly plan?: PlanSource;
}

export interface OcdsOptions {
  /** The registered OCID prefix, e.g. `ocds-eproc01`. */
  readonly prefix: string;
  /** Absolute base URL of this API (no trailing slash), for document links. */
  readonly baseUrl: string;
}
