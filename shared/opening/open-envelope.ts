// Opens one bid's sealed part for the minutes: checks the record, the contractor's signature and
// the stored object's hash, then decrypts only the price form and the manifest from the
// envelope's first bytes. Every failure becomes a reason in the minutes, never an exception; only
// infrastructure errors (S3 down, throttling) throw, so the opening is retried as a whole.
import { createHash } from 'node:crypto';
import type { EnvelopeHeader, EnvelopePart } from '../sealing/envelope-header.ts';
import {
  type BidBinding,
  IncompleteEnvelopeError,
  jwkThumbprint,
  MalformedEnvelopeError,
  type OpeningPrivateKey,
  openBytes,
  partAssociatedData,
  readEnvelopeHeader,
  SealingError,
  unlockEnvelope,
  verifyConfirmation,
  verifySubmission,
} from '../sealing/index.ts';
import { type DocumentDescription, decodeManifest } from '../sealing/manifest.ts';
import type { EnvelopeSource } from './envelope-source.ts';
import type { OpeningPhase } from './messages.ts';
import { nodeSealingPrimitives } from './node-sealing-primitives.ts';
import { FinancialForm, PriceForm, TechnicalForm } from './price-form.ts';
import type { RevealedCandidate } from './reveal-bidders.ts';
import type { ContractorFacts } from './signing-keys.ts';
import { financialBinding } from './two-envelope.ts';

export type InvalidReasonCode =
  | 'RECORD_MISSING'
  | 'RECORD_MISMATCH'
  | 'UNKNOWN_LOT'
  | 'LATE'
  | 'IDENTITY_UNREADABLE'
  | 'FINANCIAL_ENVELOPE_MISSING'
  | 'SIGNING_KEY_UNKNOWN'
  | 'SIGNING_KEY_RETIRED'
  | 'SIGNATURE_INVALID'
  | 'ENVELOPE_MISSING'
  | 'VERSION_MISMATCH'
  | 'SIZE_MISMATCH'
  | 'HASH_MISMATCH'
  | 'PRICE_FORM_INVALID'
  | 'CURRENCY_MISMATCH'
  | 'CONFIRMATION_INVALID'
  | SealingError['code'];

export interface BidIdentity {
  readonly bidId: string;
  readonly version: number;
  readonly lotId: string;
  /** The pseudonym the bid was stored and logged under until now. */
  readonly bidderRef: string;
  /** Absent only when the sealed identity did not open. */
  readonly contractorId?: string;
  readonly contractorName?: string;
  readonly receivedAt?: string;
}

export interface OpenedBid extends BidIdentity {
  readonly status: 'valid';
  readonly contractorId: string;
  readonly receivedAt: string;
  readonly envelopeSha256: string;
  /** The decrypted form: PriceForm, TechnicalForm or FinancialForm by phase, amounts as digit strings. */
  readonly form: Record<string, unknown>;
  readonly documents: readonly DocumentDescription[];
}

export interface InvalidBid extends BidIdentity {
  readonly status: 'invalid';
  readonly reason: { readonly code: InvalidReasonCode; readonly detail: string };
}

/** Placed before an amendment and neither confirmed nor replaced: listed, never opened. */
export interface UnconfirmedBid extends BidIdentity {
  readonly status: 'unconfirmed';
  /** The revision the bid was placed on (null: not recorded, placed before revisions were sealed). */
  readonly placedOnRevision: number | null;
  readonly confirmedRevision: number | null;
  /** The amendment's revision bids had to answer. */
  readonly requiredRevision: number;
}

export type OpeningOutcome = OpenedBid | InvalidBid | UnconfirmedBid;

export interface OpeningContextForBids {
  readonly tenderId: string;
  readonly deadline: string;
  readonly currency: string;
  readonly lotIds: ReadonlySet<string>;
  readonly phase: OpeningPhase;
  readonly openingKey: OpeningPrivateKey | undefined;
  readonly facts: ContractorFacts;
  readonly source: EnvelopeSource;
  readonly firstReadBytes: number;
  /** The tender's bidsConfirmationRevision (shared/bids/confirmation-rule.ts), if an amendment set one. */
  readonly bidsConfirmationRevision?: number | undefined;
}

class NotConfirmed extends Error {
  readonly placedOnRevision: number | null;
  readonly confirmedRevision: number | null;
  readonly requiredRevision: number;
  constructor(placed: number | null, confirmed: number | null, required: number) {
    super(`placed on revision ${placed ?? '?'}, not confirmed on revision ${required} or later`);
    this.placedOnRevision = placed;
    this.confirmedRevision = confirmed;
    this.requiredRevision = required;
  }
}

class Invalid extends Error {
  readonly code: InvalidReasonCode;
  constructor(code: InvalidReasonCode, detail: string) {
    super(detail);
    this.code = code;
  }
}

const formFor = { single: PriceForm, technical: TechnicalForm, financial: FinancialForm } as const;

export async function openEnvelope(
  candidate: RevealedCandidate,
  ctx: OpeningContextForBids,
): Promise<OpeningOutcome> {
  const { pointer, record, bidder } = candidate;
  const contractorId = bidder?.contractorId;
  const contractorName = contractorId ? ctx.facts.names.get(contractorId) : undefined;
  const identity: BidIdentity = {
    bidId: pointer.bidId,
    version: pointer.version,
    lotId: pointer.lotId,
    bidderRef: pointer.bidderRef,
    ...(contractorId ? { contractorId } : {}),
    ...(contractorName ? { contractorName } : {}),
    ...(record?.receivedAt ? { receivedAt: record.receivedAt } : {}),
  };
  try {
    return { ...identity, ...(await open(candidate, ctx)) };
  } catch (error) {
    if (error instanceof Invalid) {
      return { ...identity, status: 'invalid', reason: { code: error.code, detail: error.message } };
    }
    if (error instanceof NotConfirmed) {
      return {
        ...identity,
        status: 'unconfirmed',
        placedOnRevision: error.placedOnRevision,
        confirmedRevision: error.confirmedRevision,
        requiredRevision: error.requiredRevision,
      };
    }
    if (error instanceof SealingError) {
      return { ...identity, status: 'invalid', reason: { code: error.code, detail: error.message } };
    }
    throw error;
  }
}

/**
 * After an amendment of what bidders answer to: the bid answers it if it was placed on that
 * revision or later (the revision sealed in its identity, not the record's plain copy) or its
 * bidder confirmed it since, with a confirmation that opens and verifies like a submission.
 */
async function requireConfirmed(candidate: RevealedCandidate, ctx: OpeningContextForBids): Promise<void> {
  const required = ctx.bidsConfirmationRevision;
  const { record, bidder, confirmation } = candidate;
  if (required === undefined || ctx.phase === 'financial' || !record || !bidder) return;
  const placed = bidder.tenderRevision ?? null;
  if (placed !== null && placed >= required) return;
  const confirmed = record.confirmedRevision ?? null;
  if (confirmed === null || confirmed < required) throw new NotConfirmed(placed, confirmed, required);
  if (!confirmation || confirmation.contractorId !== bidder.contractorId) {
    throw new Invalid(
      'CONFIRMATION_INVALID',
      `the sealed confirmation does not open for this bid: ${candidate.confirmationUnreadable ?? 'another contractor'}`,
    );
  }
  const key = ctx.facts.keys.get(`${confirmation.contractorId}#${confirmation.signingKeyId}`);
  if (!key || (await jwkThumbprint(key.publicKeyJwk, nodeSealingPrimitives)) !== confirmation.signingKeyId) {
    throw new Invalid(
      'CONFIRMATION_INVALID',
      `no signing key ${confirmation.signingKeyId} for the confirmation`,
    );
  }
  const verified = await verifyConfirmation(
    key.publicKeyJwk,
    {
      tenderId: ctx.tenderId,
      lotId: record.lotId,
      contractorId: bidder.contractorId,
      bidId: record.bidId,
      envelopeSha256: record.envelopeSha256,
      ...(record.financial ? { financialEnvelopeSha256: record.financial.envelopeSha256 } : {}),
      tenderRevision: confirmed,
    },
    confirmation.signature,
    nodeSealingPrimitives,
  ).catch(() => false);
  if (!verified) throw new Invalid('CONFIRMATION_INVALID', 'the confirmation signature does not verify');
}

async function open(
  candidate: RevealedCandidate,
  ctx: OpeningContextForBids,
): Promise<Omit<OpenedBid, Exclude<keyof BidIdentity, 'receivedAt' | 'contractorId'>>> {
  const { pointer, record, bidder, unreadable } = candidate;
  if (!record) throw new Invalid('RECORD_MISSING', `bid version ${pointer.version} is not stored`);
  if (
    record.bidId !== pointer.bidId ||
    record.version !== pointer.version ||
    record.status !== 'active' ||
    record.tenderId !== ctx.tenderId ||
    record.lotId !== pointer.lotId ||
    record.bidderRef !== pointer.bidderRef
  ) {
    throw new Invalid('RECORD_MISMATCH', 'the current-bid pointer and the bid version disagree');
  }
  if (!ctx.lotIds.has(record.lotId))
    throw new Invalid('UNKNOWN_LOT', `the tender has no lot ${record.lotId}`);
  if (Date.parse(record.receivedAt) > Date.parse(ctx.deadline)) {
    throw new Invalid('LATE', `received at ${record.receivedAt}, after the deadline ${ctx.deadline}`);
  }
  if (!bidder) {
    throw new Invalid(
      'IDENTITY_UNREADABLE',
      `the sealed bidder identity does not open: ${unreadable ?? 'absent'}`,
    );
  }
  const { contractorId, signingKeyId } = bidder;
  const own: BidBinding = { tenderId: ctx.tenderId, lotId: record.lotId, contractorId };
  const envelope = ctx.phase === 'financial' ? record.financial : record;
  if (!envelope) throw new Invalid('FINANCIAL_ENVELOPE_MISSING', 'the bid has no financial envelope');
  const binding = ctx.phase === 'financial' ? financialBinding(own) : own;
  const signature = ctx.phase === 'financial' ? bidder.financialSignature : bidder.signature;
  if (!signature) throw new Invalid('SIGNATURE_INVALID', 'the bid carries no signature for this envelope');

  const key = ctx.facts.keys.get(`${contractorId}#${signingKeyId}`);
  if (!key || (await jwkThumbprint(key.publicKeyJwk, nodeSealingPrimitives)) !== signingKeyId) {
    throw new Invalid('SIGNING_KEY_UNKNOWN', `no signing key ${signingKeyId} registered for the contractor`);
  }
  if (key.retiredAt && Date.parse(key.retiredAt) <= Date.parse(record.receivedAt)) {
    throw new Invalid('SIGNING_KEY_RETIRED', `signing key retired at ${key.retiredAt}, before the bid`);
  }
  let signed = false;
  try {
    signed = await verifySubmission(
      key.publicKeyJwk,
      { ...binding, envelopeSha256: envelope.envelopeSha256 },
      signature,
      nodeSealingPrimitives,
    );
  } catch (error) {
    throw new Invalid('SIGNATURE_INVALID', (error as Error).message);
  }
  if (!signed) throw new Invalid('SIGNATURE_INVALID', 'the submission signature does not verify');
  // Before a byte of the envelope is read: an unconfirmed bid is listed, not opened.
  await requireConfirmed(candidate, ctx);
  if (!ctx.openingKey) throw new Invalid('WRONG_OPENING_KEY', 'the tender has no opening key');

  const { bytes, header } = await readPrefix(envelope, ctx);
  await checkHash(envelope, bytes, ctx);

  const unlocked = await unlockEnvelope(header, {
    openingKey: ctx.openingKey,
    binding,
    primitives: nodeSealingPrimitives,
  });
  const openPart = async (part: EnvelopePart) =>
    openBytes(bytes.subarray(part.offset, part.offset + part.length), {
      ...(await unlocked.keys.partKey(part.name)),
      associatedData: partAssociatedData(binding, part.name),
      chunkSize: header.chunkSize,
      ciphertextLength: part.length,
    });
  const [formBytes, manifestBytes] = await Promise.all([
    openPart(header.priceForm),
    openPart(header.manifest),
  ]);
  const documents = decodeManifest(manifestBytes);
  if (documents.length !== header.documents.length) {
    throw new MalformedEnvelopeError('manifest and header disagree on the number of documents');
  }
  documents.forEach((d, i) => {
    if (header.documents[i]?.plaintextLength !== d.size) {
      throw new MalformedEnvelopeError(`manifest and header disagree on the size of document ${i}`);
    }
  });

  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(formBytes));
  } catch {
    throw new Invalid('PRICE_FORM_INVALID', 'the price form is not UTF-8 JSON');
  }
  const parsed = formFor[ctx.phase].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new Invalid('PRICE_FORM_INVALID', `${where}${issue?.message ?? 'invalid'}`);
  }
  const form = parsed.data as Record<string, unknown>;
  if ('currency' in form && form.currency !== ctx.currency) {
    throw new Invalid(
      'CURRENCY_MISMATCH',
      `priced in ${String(form.currency)}, the tender is in ${ctx.currency}`,
    );
  }
  return {
    status: 'valid',
    contractorId,
    receivedAt: record.receivedAt,
    envelopeSha256: envelope.envelopeSha256,
    form,
    documents,
  };
}

interface EnvelopeRef {
  readonly envelopeKey: string;
  readonly envelopeVersionId?: string | undefined;
  readonly envelopeSha256: string;
  readonly envelopeSize: number;
}

/** The envelope's first bytes up to the end of the manifest: one ranged GET, two if the header is long. */
async function readPrefix(
  envelope: EnvelopeRef,
  ctx: OpeningContextForBids,
): Promise<{ bytes: Uint8Array; header: EnvelopeHeader; objectSize: number }> {
  const first = await ctx.source.read(
    envelope.envelopeKey,
    0,
    Math.min(envelope.envelopeSize, ctx.firstReadBytes),
  );
  if (!first) throw new Invalid('ENVELOPE_MISSING', `no object ${envelope.envelopeKey}`);
  if (first.objectSize !== envelope.envelopeSize) {
    throw new Invalid(
      'SIZE_MISMATCH',
      `stored object is ${first.objectSize} bytes, the bid says ${envelope.envelopeSize}`,
    );
  }
  if (envelope.envelopeVersionId && first.versionId && first.versionId !== envelope.envelopeVersionId) {
    throw new Invalid(
      'VERSION_MISMATCH',
      `stored object is version ${first.versionId}, the bid names ${envelope.envelopeVersionId}`,
    );
  }
  let bytes = first.bytes;
  const extend = async (needed: number) => {
    if (needed > envelope.envelopeSize) {
      throw new MalformedEnvelopeError(`the envelope needs ${needed} bytes but has ${envelope.envelopeSize}`);
    }
    const more = await ctx.source.read(envelope.envelopeKey, bytes.byteLength, needed);
    if (!more) throw new Invalid('ENVELOPE_MISSING', `no object ${envelope.envelopeKey}`);
    const joined = new Uint8Array(bytes.byteLength + more.bytes.byteLength);
    joined.set(bytes, 0);
    joined.set(more.bytes, bytes.byteLength);
    bytes = joined;
  };
  let header: EnvelopeHeader | undefined;
  while (!header) {
    try {
      header = readEnvelopeHeader(bytes);
    } catch (error) {
      if (!(error instanceof IncompleteEnvelopeError) || error.bytesNeeded <= bytes.byteLength) throw error;
      await extend(error.bytesNeeded);
    }
  }
  if (header.totalLength !== envelope.envelopeSize) {
    throw new Invalid(
      'SIZE_MISMATCH',
      `the header describes ${header.totalLength} bytes, the bid says ${envelope.envelopeSize}`,
    );
  }
  if (bytes.byteLength < header.prefixLength) await extend(header.prefixLength);
  return { bytes, header, objectSize: first.objectSize };
}

/** The signed hash against the object: recomputed when the whole object is at hand, else S3's checksum. */
async function checkHash(
  envelope: EnvelopeRef,
  bytes: Uint8Array,
  ctx: OpeningContextForBids,
): Promise<void> {
  let actual: string;
  if (bytes.byteLength === envelope.envelopeSize) {
    actual = createHash('sha256').update(bytes).digest('hex');
  } else {
    const facts = await ctx.source.head(envelope.envelopeKey);
    if (!facts) throw new Invalid('ENVELOPE_MISSING', `no object ${envelope.envelopeKey}`);
    actual = facts.sha256Hex ?? (await ctx.source.hashWhole(envelope.envelopeKey));
  }
  if (actual !== envelope.envelopeSha256) {
    throw new Invalid(
      'HASH_MISMATCH',
      `stored object hashes to ${actual}, the bid signed ${envelope.envelopeSha256}`,
    );
  }
}
