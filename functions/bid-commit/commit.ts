// Committing a bid: the checks in their contractual order, then one audited transaction that
// stores the version, moves the contractor's pointer, supersedes the replaced version and keeps
// the idempotency record, with the receipt signed beforehand (it cites the audit event's id).
import type { Principal } from '../../shared/auth/principal.ts';
import type { Role } from '../../shared/auth/roles.ts';
import {
  callerContractorId,
  refuseIfNoLongerOpen,
  requireBeforeDeadline,
  requireBiddable,
  requireEligible,
  stillOpenCheck,
} from '../../shared/bids/bid-access.ts';
import { bidEvent } from '../../shared/bids/bid-events.ts';
import { bidProblems } from '../../shared/bids/bid-problems.ts';
import { envelopeKey } from '../../shared/bids/bid-records.ts';
import type { BidVersionView } from '../../shared/bids/bid-schemas.ts';
import {
  getCurrentPointer,
  getIdempotencyRecord,
  getVersion,
  type IdempotencyRecord,
  idempotencyPut,
  ownIndexPut,
  pointerPut,
  type StoredBidVersion,
  sealOwnCopy,
  toBidView,
  versionPut,
  versionStatusUpdate,
} from '../../shared/bids/bid-store.ts';
import { type BidderSecret, bidderSecret } from '../../shared/bids/bidder-secret.ts';
import { storedEnvelope } from '../../shared/bids/envelope-attributes.ts';
import { sealIdentity } from '../../shared/bids/sealed-identity.ts';
import { canonicalJson } from '../../shared/canonical/canonical-json.ts';
import { settings } from '../../shared/config/settings.ts';
import { ConditionFailed, writeWithAudit } from '../../shared/db/audited-write.ts';
import { isTransactionConflict, lostWriteRace } from '../../shared/db/write-conflicts.ts';
import { invalidField } from '../../shared/http/problem.ts';
import { bidPointerLifecycle, bidVersionLifecycle } from '../../shared/lifecycle/record-tables.ts';
import { financialBinding } from '../../shared/opening/two-envelope.ts';
import { getContractor } from '../../shared/parties/contractor-store.ts';
import { getSigningKey } from '../../shared/parties/signing-key-store.ts';
import { recordMetric } from '../../shared/platform/lambda/observability.ts';
import type { BidReceipt } from '../../shared/receipts/receipt.ts';
import { signReceipt } from '../../shared/receipts/receipt-signer.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { verifySubmission } from '../../shared/sealing/index.ts';
import type { Tender } from '../../shared/tenders/tender-schemas.ts';
import { getTender } from '../../shared/tenders/tender-store.ts';
import { newTenderSalt } from '../../shared/tlog/index.ts';

export interface CommitInput {
  readonly params: { tenderId: string; lotId: string };
  readonly body: {
    uploadId: string;
    envelopeSha256: string;
    signature: string;
    signingKeyId: string;
    replaces?: string | undefined;
    financial?: { uploadId: string; envelopeSha256: string; signature: string } | undefined;
  };
  readonly principal: Principal;
  readonly role: Role;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface CommitOutput {
  readonly status: number;
  readonly body: { receipt: BidReceipt; bid: BidVersionView };
  readonly headers: Record<string, string>;
}

/** Idempotency records outlive the deadline by this much: retries come within minutes, not weeks. */
const idempotencyRetentionSeconds = 7 * 86_400;
const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

function idempotencyKeyOf(headers: CommitInput['headers']): string {
  const key = headers['idempotency-key']?.trim();
  if (!key || !idempotencyKeyPattern.test(key)) throw bidProblems.idempotencyKeyMissing();
  return key;
}

/**
 * What makes two commits the same request. Not the signature: ECDSA signatures are randomised, so
 * a client that signs the same statement again on retry must still be recognised. Keyed with the
 * bidder's secret: a plain hash of fields that include the signing key id could be matched
 * against every registered key.
 */
const requestMac = (secret: BidderSecret, { params, body }: CommitInput) => {
  const { signature: _signature, financial, ...rest } = body;
  const { signature: _financialSignature, ...financialRest } = financial ?? { signature: '' };
  return secret.mac(
    'commit-request',
    canonicalJson({ ...params, ...rest, ...(financial ? { financial: financialRest } : {}) }),
  );
};

/** The stored object's size and version, once its stored checksum is the signed hash. */
async function checkedEnvelope(objectKey: string, signedSha256: string, at: string) {
  const stored = await storedEnvelope(objectKey);
  if (!stored) throw bidProblems.envelopeNotUploaded(at);
  if (stored.size === undefined) throw new Error('S3 gave no size for a stored envelope');
  if (stored.size > settings.BID_ENVELOPE_MAX_BYTES) {
    throw bidProblems.envelopeTooLarge(stored.size, settings.BID_ENVELOPE_MAX_BYTES);
  }
  if (!stored.sha256) throw bidProblems.checksumMissing(at);
  if (stored.sha256 !== signedSha256) throw bidProblems.checksumMismatch(stored.sha256, at);
  return { size: stored.size, versionId: stored.versionId };
}

const location = (r: BidReceipt) => `/tenders/${r.tenderId}/lots/${r.lotId}/bids/${r.bidId}`;

/** The answer the key's first use got: the same receipt, with the bid as it stands now. */
async function replay(
  secret: BidderSecret,
  tenderId: string,
  record: IdempotencyRecord,
  mac: string,
  tender: Tender | undefined,
): Promise<CommitOutput> {
  if (record.requestMac !== mac) throw bidProblems.idempotencyKeyReused();
  const version = await getVersion(tenderId, record.lotId, secret.bidderRef(tenderId), record.version);
  if (!version) throw new Error(`idempotency record names bid ${record.bidId}, which is not stored`);
  const bid = toBidView(secret, version, tender);
  return {
    status: 201,
    body: { receipt: bid.receipt, bid },
    headers: { location: location(bid.receipt), 'idempotent-replayed': 'true' },
  };
}

export async function commitBid(input: CommitInput): Promise<CommitOutput> {
  const { params, body, principal } = input;
  const { tenderId, lotId } = params;
  const key = idempotencyKeyOf(input.headers);
  const contractorId = await callerContractorId(principal.sub);
  // Everything the checks need, read at once (the bidder's own items as soon as its secret is
  // known, usually at once from the warm function's cache); the refusals still come in order.
  const pending = bidderSecret(contractorId);
  const [secret, contractor, tender, signingKey, [earlier, pointer]] = await Promise.all([
    pending,
    getContractor(contractorId),
    getTender(tenderId),
    getSigningKey(contractorId, body.signingKeyId),
    pending.then((s) =>
      Promise.all([
        getIdempotencyRecord(s, tenderId, key),
        getCurrentPointer(tenderId, lotId, s.bidderRef(tenderId)),
      ]),
    ),
  ]);
  const bidderRef = secret.bidderRef(tenderId);
  const mac = requestMac(secret, input);
  // A retry of an accepted commit gets its receipt, even after the deadline.
  if (earlier) return replay(secret, tenderId, earlier, mac, tender);

  // The server's clock, read once: it decides lateness and is the time the receipt states.
  const receivedAtMs = clock.nowMs();
  const receivedAt = new Date(receivedAtMs).toISOString();
  requireEligible(contractor, receivedAtMs);
  const open = requireBiddable(tender, tenderId, lotId, receivedAtMs);
  requireBeforeDeadline(open, receivedAtMs);

  const { financial } = body;
  const twoEnvelopes = open.envelopeProcedure === 'two-envelope';
  if (twoEnvelopes && !financial) throw bidProblems.financialEnvelopeRequired();
  if (!twoEnvelopes && financial) throw bidProblems.financialEnvelopeNotExpected();
  if (financial?.uploadId === body.uploadId) {
    throw invalidField('body.financial.uploadId', 'must be another upload than the technical envelope');
  }

  // Both objects are asked about at once; their refusals still come technical first.
  const objectKey = envelopeKey(tenderId, lotId, bidderRef, body.uploadId);
  const mainEnvelope = checkedEnvelope(objectKey, body.envelopeSha256, 'body');
  const financialKey = financial && envelopeKey(tenderId, lotId, bidderRef, financial.uploadId);
  const financialEnvelope =
    financial && checkedEnvelope(financialKey as string, financial.envelopeSha256, 'body.financial');
  financialEnvelope?.catch(() => {});
  const stored = await mainEnvelope;
  const storedFinancial = await financialEnvelope;

  if (!signingKey) throw bidProblems.signingKeyUnknown(body.signingKeyId);
  if (signingKey.status !== 'active') {
    throw bidProblems.signingKeyRetired(signingKey.keyId, signingKey.retiredAt);
  }
  const binding = { tenderId, lotId, contractorId };
  const signs = (signed: typeof binding, envelopeSha256: string, signature: string) =>
    verifySubmission(signingKey.publicKeyJwk, { ...signed, envelopeSha256 }, signature);
  if (!(await signs(binding, body.envelopeSha256, body.signature))) throw bidProblems.signatureInvalid();
  if (financial && !(await signs(financialBinding(binding), financial.envelopeSha256, financial.signature))) {
    throw bidProblems.signatureInvalid('body.financial');
  }

  const replacing = pointer?.status === 'active' ? pointer : undefined;
  if (replacing && body.replaces === undefined) throw bidProblems.activeBidExists(replacing.bidId);
  if (body.replaces !== undefined && body.replaces !== replacing?.bidId) {
    throw bidProblems.replacedBidNotActive(body.replaces);
  }

  const bidId = ulid(receivedAtMs);
  const version = (pointer?.version ?? 0) + 1;
  const action = replacing ? 'bid.replaced' : 'bid.submitted';
  // The event names the tender only through a commitment salted for this version (bid-events.ts).
  const tenderSalt = newTenderSalt();
  const event = bidEvent({
    action,
    tenderId,
    lotId,
    bidderRef,
    bidId,
    salt: tenderSalt,
    // Auditors read this: identifiers and hashes only, never anything of the sealed content, nor
    // the signing key id (which names its contractor), nor the tender or lot.
    change: {
      bidderRef,
      bidId,
      version,
      envelopeSha256: body.envelopeSha256,
      envelopeSize: stored.size,
      ...(financial && storedFinancial
        ? { financialEnvelopeSha256: financial.envelopeSha256, financialEnvelopeSize: storedFinancial.size }
        : {}),
      receivedAt,
      ...(replacing ? { replaces: replacing.bidId } : {}),
    },
    at: receivedAt,
  });
  const placed = { tenderId, lotId, bidderRef, bidId };
  const sealing = sealIdentity(open.openingPublicKey.jwk, placed, {
    contractorId,
    signingKeyId: signingKey.keyId,
    signature: body.signature,
    ...(financial ? { financialSignature: financial.signature } : {}),
    tenderRevision: open.revision,
  });
  sealing.catch(() => {});
  const receipt = await signReceipt({
    action,
    tenderId,
    lotId,
    contractorId,
    bidId,
    version,
    envelopeSha256: body.envelopeSha256,
    ...(financial ? { financialEnvelopeSha256: financial.envelopeSha256 } : {}),
    ...(replacing ? { replaces: replacing.bidId } : {}),
    receivedAt,
    eventId: event.eventId,
  });
  const sealedIdentity = await sealing;
  const record: StoredBidVersion = {
    bidId,
    tenderId,
    lotId,
    bidderRef,
    version,
    status: bidVersionLifecycle.next('submit', undefined),
    envelopeKey: objectKey,
    ...(stored.versionId ? { envelopeVersionId: stored.versionId } : {}),
    envelopeSha256: body.envelopeSha256,
    envelopeSize: stored.size,
    sealedIdentity,
    receivedAt,
    auditEventId: event.eventId,
    tenderSalt,
    // The revision this bid answers (confirmation-rule.ts). An amendment racing this commit makes
    // the bid need a confirmation, which its bidder sees on it: the safe side.
    tenderRevision: open.revision,
    ...(financial && storedFinancial
      ? {
          financial: {
            envelopeKey: financialKey as string,
            ...(storedFinancial.versionId ? { envelopeVersionId: storedFinancial.versionId } : {}),
            envelopeSha256: financial.envelopeSha256,
            envelopeSize: storedFinancial.size,
          },
        }
      : {}),
    ownerSeal: sealOwnCopy(secret, placed, { receipt, signingKeyId: signingKey.keyId }),
  };
  try {
    await writeWithAudit(
      [
        stillOpenCheck(tenderId, receivedAt),
        versionPut(record),
        pointerPut(
          {
            tenderId,
            lotId,
            bidderRef,
            bidId,
            version,
            status: bidPointerLifecycle.next('point', pointer?.status),
          },
          pointer,
        ),
        ...(replacing ? [versionStatusUpdate(replacing, 'supersede', { supersededBy: bidId })] : []),
        idempotencyPut(secret, tenderId, key, {
          requestMac: mac,
          bidId,
          lotId,
          version,
          expiresAt: Math.floor(Date.parse(open.submissionDeadline) / 1000) + idempotencyRetentionSeconds,
        }),
        ownIndexPut(secret, { tenderId, lotId, bidId, version }),
      ],
      event,
    );
  } catch (error) {
    if (!lostWriteRace(error)) throw error;
    // The same request sent twice at once: the one that won answers for both.
    const winner = await getIdempotencyRecord(secret, tenderId, key);
    if (winner) return replay(secret, tenderId, winner, mac, await getTender(tenderId));
    // The tender closed (or changed its deadline, or was cancelled) while this request ran.
    if (error instanceof ConditionFailed && error.index === 0) {
      await refuseIfNoLongerOpen(tenderId, lotId, receivedAtMs);
    }
    // Only another transaction holding an item, no condition failed: nothing changed, and the
    // client is told to retry (503), not that its bid changed.
    if (isTransactionConflict(error)) throw bidProblems.transactionConflict();
    throw bidProblems.concurrentChange();
  }
  recordMetric('bidsCommitted', 1);
  return {
    status: 201,
    body: { receipt, bid: toBidView(secret, record, open) },
    headers: { location: location(receipt) },
  };
}
