// Building, signing and verifying the opening minutes. Building is pure and ordered (lots, then
// contractors), so the same opening gives the same document; signing uses the log's KMS key
// (ECDSA P-256) over a short statement naming the minutes' hash, as KMS signs at most 4 KB raw.
import { createPublicKey, verify } from 'node:crypto';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { logPublicKeyDer } from '../audit-log/log-key.ts';
import { canonicalJson } from '../canonical/canonical-json.ts';
import { resources } from '../config/settings.ts';
import { sha256Hex } from '../platform/sha256-hex.ts';
import { traced } from '../runtime/tracer.ts';
import type { OpeningPhase } from './messages.ts';
import { canonicalMinutes } from './minutes-json.ts';
import {
  type AuditCheckpointCitation,
  MINUTES_FORMAT,
  type Minutes,
  type MinutesBid,
  type MinutesBidEvents,
  type MinutesInvalidBid,
  type MinutesUnconfirmedBid,
  type SignedMinutes,
} from './minutes-schema.ts';
import type { OpeningOutcome } from './open-envelope.ts';

export interface MinutesTender {
  readonly tenderId: string;
  readonly title: string;
  readonly buyer: string;
  readonly buyerName: string;
  readonly envelopeProcedure: 'one-envelope' | 'two-envelope';
  readonly submissionDeadline: string;
  readonly currency: string;
  readonly minBids: number;
  readonly lots: readonly { readonly lotId: string; readonly title: string }[];
}

// Bids whose bidder could not be told sort last in their lot, by pseudonym.
const byLotThenContractor = (
  a: { lotId: string; contractorId?: string | undefined; bidderRef: string },
  b: { lotId: string; contractorId?: string | undefined; bidderRef: string },
) => {
  const key = (x: typeof a) => [x.lotId, x.contractorId === undefined ? 1 : 0, x.contractorId ?? x.bidderRef];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) {
    if ((ka[i] as string | number) < (kb[i] as string | number)) return -1;
    if ((ka[i] as string | number) > (kb[i] as string | number)) return 1;
  }
  return 0;
};

function validEntry(bid: Extract<OpeningOutcome, { status: 'valid' }>, currency: string): MinutesBid {
  const form = bid.form as {
    price?: string;
    discount?: MinutesBid['discount'];
    bidSecurity?: MinutesBid['bidSecurity'];
    validityDays?: number;
  };
  return {
    bidId: bid.bidId,
    version: bid.version,
    lotId: bid.lotId,
    bidderRef: bid.bidderRef,
    contractorId: bid.contractorId,
    ...(bid.contractorName ? { contractorName: bid.contractorName } : {}),
    receivedAt: bid.receivedAt,
    envelopeSha256: bid.envelopeSha256,
    ...(form.price !== undefined
      ? { price: { amount: form.price, currency }, discount: form.discount ?? null }
      : {}),
    ...(form.bidSecurity ? { bidSecurity: form.bidSecurity } : {}),
    ...(form.validityDays !== undefined ? { validityDays: form.validityDays } : {}),
    documents: bid.documents.map((d) => ({ name: d.name, contentType: d.contentType, size: d.size })),
  };
}

function invalidEntry(bid: Extract<OpeningOutcome, { status: 'invalid' }>): MinutesInvalidBid {
  return {
    bidId: bid.bidId,
    version: bid.version,
    lotId: bid.lotId,
    bidderRef: bid.bidderRef,
    ...(bid.contractorId ? { contractorId: bid.contractorId } : {}),
    ...(bid.contractorName ? { contractorName: bid.contractorName } : {}),
    ...(bid.receivedAt ? { receivedAt: bid.receivedAt } : {}),
    reason: bid.reason,
  };
}

function unconfirmedEntry(bid: Extract<OpeningOutcome, { status: 'unconfirmed' }>): MinutesUnconfirmedBid {
  return {
    bidId: bid.bidId,
    version: bid.version,
    lotId: bid.lotId,
    bidderRef: bid.bidderRef,
    ...(bid.contractorId ? { contractorId: bid.contractorId } : {}),
    ...(bid.contractorName ? { contractorName: bid.contractorName } : {}),
    ...(bid.receivedAt ? { receivedAt: bid.receivedAt } : {}),
    placedOnRevision: bid.placedOnRevision,
    confirmedRevision: bid.confirmedRevision,
    requiredRevision: bid.requiredRevision,
  };
}

export function buildMinutes(input: {
  tender: MinutesTender;
  phase: OpeningPhase;
  openedAt: string;
  openingKeyId: string | null;
  outcomes: readonly OpeningOutcome[];
  auditCheckpoint: AuditCheckpointCitation | null;
  /** At the deadline's opening: every bid version with its events (bid-log-reveal.ts). */
  bidEvents?: readonly MinutesBidEvents[];
}): Minutes {
  const { tender, outcomes } = input;
  const bids = outcomes
    .filter((o): o is Extract<OpeningOutcome, { status: 'valid' }> => o.status === 'valid')
    .map((b) => validEntry(b, tender.currency))
    .sort(byLotThenContractor);
  const invalidBids = outcomes
    .filter((o): o is Extract<OpeningOutcome, { status: 'invalid' }> => o.status === 'invalid')
    .map(invalidEntry)
    .sort(byLotThenContractor);
  const unconfirmedBids = outcomes
    .filter((o): o is Extract<OpeningOutcome, { status: 'unconfirmed' }> => o.status === 'unconfirmed')
    .map(unconfirmedEntry)
    .sort(byLotThenContractor);
  const lots = [...tender.lots]
    .sort((a, b) => (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0))
    .map((lot) => {
      const validBids = bids.filter((b) => b.lotId === lot.lotId).length;
      return {
        lotId: lot.lotId,
        title: lot.title,
        validBids,
        invalidBids: invalidBids.filter((b) => b.lotId === lot.lotId).length,
        unconfirmedBids: unconfirmedBids.filter((b) => b.lotId === lot.lotId).length,
        outcome: validBids >= tender.minBids ? ('opened' as const) : ('unsuccessful' as const),
      };
    });
  return {
    format: MINUTES_FORMAT,
    tenderId: tender.tenderId,
    title: tender.title,
    buyer: tender.buyer,
    buyerName: tender.buyerName,
    phase: input.phase,
    envelopeProcedure: tender.envelopeProcedure,
    submissionDeadline: tender.submissionDeadline,
    openedAt: input.openedAt,
    openingKeyId: input.openingKeyId,
    currency: tender.currency,
    minBids: tender.minBids,
    lots,
    bids,
    invalidBids,
    unconfirmedBids,
    outcome: lots.some((l) => l.outcome === 'opened') ? 'opened' : 'unsuccessful',
    ...(input.bidEvents
      ? {
          bidEvents: [...input.bidEvents].sort((a, b) =>
            a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0,
          ),
        }
      : {}),
    auditCheckpoint: input.auditCheckpoint,
  };
}

export function minutesStatement(minutes: Minutes) {
  return {
    statement: MINUTES_FORMAT,
    tenderId: minutes.tenderId,
    phase: minutes.phase,
    minutesSha256: sha256Hex(canonicalMinutes(minutes)),
  } as const;
}

const kms = traced(new KMSClient({}));
/** The log key's SPKI, base64: the audit log's own lookup, once per key and execution environment. */
export async function logPublicKeySpki(): Promise<string> {
  return Buffer.from(await logPublicKeyDer()).toString('base64');
}

export async function signMinutes(minutes: Minutes): Promise<SignedMinutes> {
  const statement = minutesStatement(minutes);
  const [signed, spki] = await Promise.all([
    kms.send(
      new SignCommand({
        KeyId: resources.keyId('log'),
        Message: Buffer.from(canonicalJson(statement)),
        MessageType: 'RAW',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    ),
    logPublicKeySpki(),
  ]);
  if (!signed.Signature) throw new Error('KMS returned no signature for the minutes');
  return {
    minutes,
    signature: {
      algorithm: 'ECDSA_SHA_256',
      encoding: 'DER',
      statement,
      value: Buffer.from(signed.Signature).toString('base64'),
      publicKey: spki,
    },
  };
}

/** Checks the minutes against their statement and the statement's signature under `spkiBase64`. */
export function verifyMinutes(document: SignedMinutes, spkiBase64: string): boolean {
  const expected = minutesStatement(document.minutes);
  if (canonicalJson(expected) !== canonicalJson(document.signature.statement)) return false;
  const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
  return verify(
    'sha256',
    Buffer.from(canonicalJson(expected)),
    { key, dsaEncoding: 'der' },
    Buffer.from(document.signature.value, 'base64'),
  );
}
