// The oversight API's shapes, declared once for validation, types and the OpenAPI document.
import * as z from 'zod';
import { Id, Instant, PageQuery } from '../schemas/common.ts';
import { BUNDLE_FORMAT } from '../tlog/index.ts';

const Base64Hash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 SHA-256 hash');
const Size = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const LoggedEvent = z.object({
  eventId: z.string(),
  at: z.string(),
  actor: z.object({ sub: z.string(), role: z.string(), organisationId: z.string().optional() }),
  action: z.string(),
  object: z.object({ type: z.string(), id: z.string() }),
  tenderId: z.string().optional(),
  /** Bid events: the tender only as a commitment, opened by the salt in the opening minutes. */
  tenderCommitment: z.string().optional(),
  change: z.unknown(),
  changeHash: z.string(),
  /** Present once the event is in the log. */
  seq: z.number().int().optional(),
  integratedAt: z.string().optional(),
});

export const EventQueryParams = PageQuery.extend({
  tenderId: Id.optional(),
  actor: z.string().min(1).max(256).optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'must be an action such as bid.submitted')
    .optional(),
  objectType: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'must be an object type such as tender')
    .optional(),
  objectId: z.string().min(1).max(128).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
}).superRefine((query, ctx) => {
  if ((query.objectType === undefined) !== (query.objectId === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [query.objectType === undefined ? 'objectType' : 'objectId'],
      message: 'objectType and objectId go together',
    });
  }
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
});

export const Checkpoint = z.object({
  size: z.number().int(),
  rootHash: z.string(),
  /** The C2SP signed note, byte for byte. */
  note: z.string(),
  at: z.string(),
});

export const PublicKey = z.object({
  name: z.string(),
  keyId: z.string(),
  algorithm: z.literal('ecdsa-p256-sha256'),
  publicKey: z.string(),
});

export const EntryParams = z.strictObject({ seq: Size });
export const EntryQuery = z.strictObject({ treeSize: Size.optional() });
export const EntryWithProof = z.object({
  seq: z.number().int(),
  event: LoggedEvent,
  leafHash: z.string(),
  integratedAt: z.string(),
  checkpoint: Checkpoint,
  inclusionProof: z.array(Base64Hash),
});

export const ConsistencyQuery = z
  .strictObject({ from: Size, to: Size })
  .refine((q) => q.from <= q.to, { path: ['from'], message: 'must not exceed to' });
export const ConsistencyProof = z.object({
  fromSize: z.number().int(),
  toSize: z.number().int(),
  fromRoot: z.string(),
  toRoot: z.string(),
  hashes: z.array(Base64Hash),
});

export const CheckpointParams = z.strictObject({ treeSize: Size });

export const BundleQuery = z
  .strictObject({
    tenderId: Id.optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    treeSize: Size.optional(),
  })
  .superRefine((query, ctx) => {
    const range = query.from !== undefined || query.to !== undefined;
    if (query.tenderId === undefined && !range) {
      ctx.addIssue({ code: 'custom', path: ['tenderId'], message: 'give a tenderId, or from and to' });
    }
    if (query.tenderId !== undefined && range) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'give either a tenderId or a time range' });
    }
    if (range && (query.from === undefined || query.to === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [query.from === undefined ? 'from' : 'to'],
        message: 'a time range needs from and to',
      });
    }
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    }
  });

export const Bundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  origin: z.string(),
  publicKeys: z.array(PublicKey),
  entries: z.array(z.object({ seq: z.number().int(), event: z.unknown(), leafHash: z.string() })),
  checkpoints: z.array(z.string()),
  inclusionProofs: z.array(
    z.object({
      index: z.number().int(),
      treeSize: z.number().int(),
      leafHash: z.string(),
      hashes: z.array(z.string()),
    }),
  ),
  consistencyProofs: z.array(
    z.object({ fromSize: z.number().int(), toSize: z.number().int(), hashes: z.array(z.string()) }),
  ),
  /** An opened tender: the signed opening minutes that tie its bid entries to it. */
  reveal: z.object({ tenderId: z.string(), minutes: z.unknown() }).optional(),
});

export const EventIdParams = z.strictObject({ eventId: Id });
export const EventIntegration = z.object({
  eventId: z.string(),
  status: z.enum(['pending', 'integrated']),
  at: z.string(),
  /** What the receipt promised: at + MAX_INTEGRATION_DELAY_SECONDS. */
  integratedBy: z.string(),
  seq: z.number().int().optional(),
  leafHash: z.string().optional(),
  integratedAt: z.string().optional(),
  withinPromise: z.boolean().optional(),
  /** The latest checkpoint, once it covers the entry, with the inclusion proof against it. */
  checkpoint: Checkpoint.optional(),
  inclusionProof: z.array(Base64Hash).optional(),
});
