// The request rates the HTTP API accepts, per route and stage across all callers (API Gateway
// HTTP API route settings; the local gateway enforces the same). The catalog gives each HTTP
// function one of these, with per-route overrides; CDK and the local gateway read only the catalog.
import type { Throttle } from './function-spec.ts';

export const throttles = {
  /** The stage's default route settings: any route whose catalog entry declares none. */
  stage: { rateLimit: 100, burstLimit: 200 },
  /** Public notices, registers, minutes, log checkpoints: anyone may read, cheap to answer. */
  publicRead: { rateLimit: 200, burstLimit: 400 },
  /** Signed-in reads of one's own records (bids, questions, notifications, entity views). */
  signedInRead: { rateLimit: 100, burstLimit: 200 },
  /** Procuring entities' and oversight's writes: a few officials, each write audited. */
  write: { rateLimit: 50, burstLimit: 100 },
  /** Contractor registration and signing keys: every bidder does both, in waves before big tenders. */
  registration: { rateLimit: 100, burstLimit: 200 },
  /** Bid uploads and commits: the surge in the last minutes before a deadline must all get in. */
  bidSurge: { rateLimit: 500, burstLimit: 1000 },
  /** OCDS packages are rebuilt from stored state on every read: paged queries and minutes reads. */
  rebuiltExport: { rateLimit: 50, burstLimit: 100 },
  /** Confirming a bidding document may hash the whole object (up to 200 MB) in the function. */
  documentHash: { rateLimit: 10, burstLimit: 20 },
  /** Audit bundles re-read the log up to a checkpoint (1 GB, up to 29 s each). */
  auditExport: { rateLimit: 5, burstLimit: 10 },
} as const satisfies Record<string, Throttle>;

/** The stage default, for CDK's defaultRouteSettings and the local gateway alike. */
export const stageThrottle: Throttle = throttles.stage;
