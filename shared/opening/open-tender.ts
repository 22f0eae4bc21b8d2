// The opening itself. Idempotent and resumable by construction:
//   1. claim: published → closed, a conditional write (concurrent openers: one claims, all go on);
//   2. open every current bid (decryption is deterministic; nothing is kept between attempts);
//   3. store the signed minutes with If-None-Match (the first opener's document is THE minutes;
//      anyone later, or racing, adopts it);
//   4. commit: closed → opened | unsuccessful, with the minutes' pointer, the audit event and the
//      notification, conditionally; a loser of this race finds the tender already opened;
//   5. follow up: tell the evaluation pipeline (re-sent on every redelivery until it sticks).
// A crash anywhere leaves a closed tender that the redelivered timer (or the safety net) resumes.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Actor } from '../audit/audit-event.ts';
import type { OpeningKeyRecord } from '../bids/bid-records.ts';
import { needsConfirmation } from '../bids/confirmation-rule.ts';
import { resources, settings } from '../config/settings.ts';
import { ConditionFailed } from '../db/audited-write.ts';
import { commit } from '../lifecycle/commit.ts';
import { evaluationStep } from '../lifecycle/evaluation-writes.ts';
import { closeWithoutBids } from '../lifecycle/no-bids-writes.ts';
import { openingStep } from '../lifecycle/opening-writes.ts';
import { tenderNext, tenderStep, writeTenderTransition } from '../lifecycle/tender-writes.ts';
import { limiter, mapLimit } from '../platform/concurrency.ts';
import { clock } from '../runtime/clock.ts';
import { logger } from '../runtime/logger.ts';
import { traced } from '../runtime/tracer.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { getTender } from '../tenders/tender-store.ts';
import { citeAuditCheckpoint } from './audit-citation.ts';
import { loadBidEvents } from './bid-log-reveal.ts';
import { anyBidStored, type BidCandidate, loadBidCandidates } from './bid-reader.ts';
import {
  type EnvelopeSource,
  type ObjectFacts,
  type RangeRead,
  s3EnvelopeSource,
} from './envelope-source.ts';
import { getEvaluation } from './evaluation-state.ts';
import type { EvaluationMessage, OpeningMessage, OpeningPhase } from './messages.ts';
import { buildMinutes, signMinutes } from './minutes.ts';
import { type MinutesRecord, type StoredMinutes, storeMinutesOnce } from './minutes-store.ts';
import { type OpeningOutcome, openEnvelope } from './open-envelope.ts';
import { readOpeningKeyRecord, unwrapOpeningKey } from './opening-key.ts';
import { revealBidders } from './reveal-bidders.ts';
import { loadContractorFacts } from './signing-keys.ts';
import {
  decideTimer,
  scheduleOpening,
  sendOpeningMessage,
  type TimerDecision,
  timerDelaySeconds,
} from './timers.ts';
import type { TwoEnvelopeBidRecord } from './two-envelope.ts';

/** Bids whose contractors' facts are read together (two keys each: a BatchGet of 100 keys). */
const FACTS_SLICE = 50;
/** Slices revealed and opened at once (each slice's facts are one batch read). */
const FACTS_SLICES_AT_ONCE = 4;

export const openerActor: Actor = { sub: 'system:opener', role: 'system' };

export interface OpenerHooks {
  /** After each bid is opened (tests crash here to leave an opening half done). */
  afterBid?(opened: number): void | Promise<void>;
  /** After the minutes are stored, before the opening is committed. */
  beforeCommit?(): void | Promise<void>;
  /** Before the deadline, once the reads ahead have started (tests change bids from here). */
  warmedUp?(warm: Warm): void | Promise<void>;
}

export interface OpenerOptions {
  readonly source?: EnvelopeSource;
  readonly nowMs?: () => number;
  readonly hooks?: OpenerHooks;
  /** What was fetched before the deadline (by this invocation, while it waited). */
  readonly warm?: Warm;
}

/**
 * Before the deadline the opener may read what is not secret: the bids' records and the sealed
 * envelopes' first bytes (ciphertext). Decryption, of the bids and of who made them, waits for
 * the deadline; bids that change meanwhile are read again then.
 */
export interface Warm {
  readonly reads: Map<string, Promise<RangeRead | undefined>>;
  /**
   * S3's facts (size, version, full-object checksum) of each envelope longer than its first read:
   * the hash check needs them, and fetched ahead they leave no request for after the deadline.
   */
  readonly heads: Map<string, Promise<ObjectFacts | undefined>>;
  /** The opening key's record: KMS ciphertext, unwrapped only after the deadline. */
  readonly keyRecord?: Promise<OpeningKeyRecord | undefined>;
}

const envelopeOf = (record: TwoEnvelopeBidRecord, phase: OpeningPhase) =>
  phase === 'financial' ? record.financial : record;

/** A promise settled from outside; its failure surfaces where it is awaited, never as unhandled. */
function deferred<T>() {
  let settle: { resolve(v: T): void; reject(e: unknown): void } = { resolve() {}, reject() {} };
  const promise = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  promise.catch(() => {});
  return { promise, ...settle };
}

/**
 * Starts the first ranged read (and, for an envelope longer than that, the HEAD) of each envelope
 * not yet read, at most OPENING_CONCURRENCY envelopes at once.
 */
function startReads(
  ahead: Pick<Warm, 'reads' | 'heads'>,
  source: EnvelopeSource,
  candidates: readonly BidCandidate[],
  phase: OpeningPhase,
): void {
  const firstRead = settings.OPENING_FIRST_READ_BYTES;
  const wanted = candidates.flatMap((c) => {
    const envelope = c.record && envelopeOf(c.record, phase);
    if (!envelope || ahead.reads.has(envelope.envelopeKey)) return [];
    const read = deferred<RangeRead | undefined>();
    ahead.reads.set(envelope.envelopeKey, read.promise);
    const head = envelope.envelopeSize > firstRead ? deferred<ObjectFacts | undefined>() : undefined;
    if (head) ahead.heads.set(envelope.envelopeKey, head.promise);
    return [{ envelope, read, head }];
  });
  void mapLimit(wanted, settings.OPENING_CONCURRENCY, async ({ envelope, read, head }) => {
    const key = envelope.envelopeKey;
    await Promise.all([
      source.read(key, 0, Math.min(envelope.envelopeSize, firstRead)).then(read.resolve, read.reject),
      head && source.head(key).then(head.resolve, head.reject),
    ]);
  });
}

/** The source, answering each envelope's first read and HEAD from those already started. */
function readingAhead(source: EnvelopeSource, ahead: Pick<Warm, 'reads' | 'heads'>): EnvelopeSource {
  return {
    stats: source.stats,
    read(key, start, end) {
      const early = start === 0 ? ahead.reads.get(key) : undefined;
      if (early) {
        ahead.reads.delete(key);
        return early;
      }
      return source.read(key, start, end);
    },
    head(key) {
      const early = ahead.heads.get(key);
      if (early) {
        ahead.heads.delete(key);
        return early;
      }
      return source.head(key);
    },
    hashWhole: (key) => source.hashWhole(key),
  };
}

/** Bids whose envelopes are worth reading: not those waiting for a confirmation (never opened). */
const openable = (tender: Tender, candidates: readonly BidCandidate[]) =>
  candidates.filter((c) => !c.record || !needsConfirmation(tender, c.record));

async function warmUp(tender: Tender, options: OpenerOptions): Promise<Warm> {
  const phase: OpeningPhase = tender.envelopeProcedure === 'two-envelope' ? 'technical' : 'single';
  const candidates = openable(tender, await loadBidCandidates(tender.tenderId));
  const ahead = { reads: new Map(), heads: new Map() };
  startReads(ahead, options.source ?? s3EnvelopeSource(resources.bucket('bids')), candidates, phase);
  const keyRecord = readOpeningKeyRecord(tender.tenderId);
  // Awaited by the opening; a failure surfaces there (read again), never as an unhandled rejection.
  keyRecord.catch(() => {});
  return { ...ahead, keyRecord };
}

export type OpeningResult =
  | {
      readonly status: 'opened' | 'unsuccessful';
      readonly phase: OpeningPhase;
      readonly stored: StoredMinutes;
      readonly committed: boolean;
    }
  | { readonly status: 'skipped'; readonly why: string }
  /** No bid was ever stored: no minutes; the procuring entity extends or declares it unsuccessful. */
  | { readonly status: 'no-bids'; readonly committed: boolean };

export type MessageResult = { readonly decision: TimerDecision | { action: 'financial' } } & {
  readonly opening?: OpeningResult;
};

const sqs = traced(new SQSClient({}));

async function sendEvaluation(message: EvaluationMessage): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: resources.queueUrl('evaluation'),
      MessageBody: JSON.stringify(message),
    }),
  );
}

export async function handleOpeningMessage(
  message: OpeningMessage,
  options: OpenerOptions = {},
): Promise<MessageResult> {
  const now = options.nowMs ?? clock.nowMs;
  if (message.kind === 'open-financial') {
    return { decision: { action: 'financial' }, opening: await openFinancial(message.tenderId, options) };
  }
  const tender = await getTender(message.tenderId);
  const decision = decideTimer(message, tender, now());
  const log = { tenderId: message.tenderId, due: message.due, version: message.version };
  switch (decision.action) {
    case 'ignore':
      logger.info('opening timer ignored', { ...log, why: decision.why });
      return { decision };
    case 'drop':
      logger.info('stale opening timer dropped', { ...log, why: decision.why });
      // The deadline moved by a path that set no timer: this one hands over to a fresh one.
      if (decision.reschedule && tender) await scheduleOpening(tender, now());
      return { decision };
    case 'wait': {
      if (decision.dueInMs <= settings.OPENING_PREFETCH_SECONDS * 1000 && tender?.status === 'published') {
        // Near: read what is not secret, wait for the deadline here, then decide again.
        const warm = options.warm ?? (await warmUp(tender, options));
        await options.hooks?.warmedUp?.(warm);
        // In short steps, re-reading the clock: a clock moved meanwhile (tests) ends the wait too.
        const due = Date.parse(tender.submissionDeadline);
        while (now() < due) await new Promise((r) => setTimeout(r, Math.min(250, due - now())));
        // With the tender as read before the wait (one read less at the deadline): the claim is
        // conditional on its version, so a tender changed meanwhile is decided again, read afresh.
        const again = decideTimer(message, tender, now());
        if (again.action === 'open') {
          const opening = await openAtDeadline(tender, { ...options, warm }, true);
          if (opening) return { decision: again, opening };
        }
        return handleOpeningMessage(message, { ...options, warm });
      }
      // Early: never opened before the deadline by the server's clock; the timer goes round again.
      logger.info('opening refused: not due yet', { ...log, delaySeconds: decision.delaySeconds });
      await sendOpeningMessage(message, timerDelaySeconds(message.due, now()));
      return { decision };
    }
    case 'follow-up':
      await followUp(tender as Tender);
      return { decision };
    case 'open':
      return { decision, opening: await openAtDeadline(tender as Tender, options) };
  }
}

/** Published → closed. Returns the tender as it then is (someone else may have moved it). */
async function claim(tender: Tender, nowIso: string): Promise<Tender | undefined> {
  const next = tenderNext('close', tender, {}, nowIso);
  try {
    await writeTenderTransition('close', tender, next, {
      actor: openerActor,
      change: { submissionDeadline: tender.submissionDeadline, closedAt: nowIso },
    });
    return next;
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    return getTender(tender.tenderId);
  }
}

async function openBids(
  tender: Tender,
  phase: OpeningPhase,
  candidates: readonly BidCandidate[],
  options: OpenerOptions,
): Promise<{ outcomes: OpeningOutcome[]; openingKeyId: string | null }> {
  if (candidates.length === 0) return { outcomes: [], openingKeyId: null };
  const base = options.source ?? s3EnvelopeSource(resources.bucket('bids'));
  // Reads start first: they take longest, and need neither the key nor the signatures.
  const ahead = options.warm ?? { reads: new Map(), heads: new Map() };
  startReads(ahead, base, phase === 'financial' ? candidates : openable(tender, candidates), phase);
  const source = readingAhead(base, ahead);
  const keyRecord =
    (await options.warm?.keyRecord?.catch(() => undefined)) ?? (await readOpeningKeyRecord(tender.tenderId));
  // Bids were sealed to a key; without its record nothing can be opened, and calling every bid
  // invalid would be irreversible: fail, retry, and alarm from the dead-letter queue instead.
  if (!keyRecord) throw new Error(`tender ${tender.tenderId} has bids but no opening key record`);
  const openingKey = await unwrapOpeningKey(keyRecord);
  const context = {
    tenderId: tender.tenderId,
    deadline: tender.submissionDeadline,
    currency: tender.currency,
    lotIds: new Set(tender.lots.map((l) => l.lotId)),
    phase,
    openingKey,
    source,
    firstReadBytes: settings.OPENING_FIRST_READ_BYTES,
    bidsConfirmationRevision: tender.bidsConfirmationRevision,
  };
  // Who bid is known only now, so the contractors' names and keys are read only now: in slices,
  // each slice's bids opening as soon as its facts arrive, while the next slices are revealed.
  const slices: BidCandidate[][] = [];
  for (let i = 0; i < candidates.length; i += FACTS_SLICE) slices.push(candidates.slice(i, i + FACTS_SLICE));
  const limit = limiter(settings.OPENING_CONCURRENCY);
  let opened = 0;
  // A few slices at a time: 10,000 bids revealed all at once (and 200 batch reads in flight) held
  // every identity, record and response in memory together; a few keep the decryption busy while
  // the next slice's facts are on their way.
  const outcomes = (
    await mapLimit(slices, FACTS_SLICES_AT_ONCE, async (slice) => {
      const revealed = await revealBidders(tender.tenderId, slice, openingKey);
      const facts = await loadContractorFacts(
        revealed.flatMap((c) => [
          ...(c.bidder ? [{ contractorId: c.bidder.contractorId, signingKeyId: c.bidder.signingKeyId }] : []),
          // A confirmation may be signed with another of the contractor's keys.
          ...(c.confirmation
            ? [{ contractorId: c.confirmation.contractorId, signingKeyId: c.confirmation.signingKeyId }]
            : []),
        ]),
      );
      return Promise.all(
        revealed.map((candidate) =>
          limit(async () => {
            const outcome = await openEnvelope(candidate, { ...context, facts });
            opened++;
            await options.hooks?.afterBid?.(opened);
            return outcome;
          }),
        ),
      );
    })
  ).flat();
  return { outcomes, openingKeyId: keyRecord.keyId };
}

async function makeMinutes(
  tender: Tender,
  phase: OpeningPhase,
  candidates: readonly BidCandidate[],
  options: OpenerOptions,
  openedAt: string,
): Promise<StoredMinutes> {
  const [{ outcomes, openingKeyId }, auditCheckpoint, bidEvents] = await Promise.all([
    openBids(tender, phase, candidates, options),
    citeAuditCheckpoint(Date.parse(openedAt)),
    // The deadline's minutes reveal which log entries were this tender's bids (bid-log-reveal.ts).
    phase === 'financial'
      ? undefined
      : loadBidEvents(tender.tenderId, {
          lotIds: tender.lots.map((l) => l.lotId),
          expectedVersions: candidates.length,
        }),
  ]);
  const minutes = buildMinutes({
    tender,
    phase,
    openedAt,
    openingKeyId,
    outcomes,
    auditCheckpoint,
    ...(bidEvents ? { bidEvents } : {}),
  });
  const stored = await storeMinutesOnce(await signMinutes(minutes));
  logger.info('opening minutes stored', {
    tenderId: tender.tenderId,
    phase,
    objectKey: stored.objectKey,
    written: stored.written,
    validBids: stored.document.minutes.bids.length,
    invalidBids: stored.document.minutes.invalidBids.length,
  });
  return stored;
}

function minutesRecord(stored: StoredMinutes, at: string): MinutesRecord {
  const m = stored.document.minutes;
  return {
    tenderId: m.tenderId,
    phase: m.phase,
    objectKey: stored.objectKey,
    ...(stored.versionId ? { versionId: stored.versionId } : {}),
    sha256: stored.sha256,
    publishedAt: at,
    outcome: m.outcome,
    validBids: m.bids.length,
    invalidBids: m.invalidBids.length,
  };
}

const minutesChange = (stored: StoredMinutes) => {
  const m = stored.document.minutes;
  return {
    phase: m.phase,
    minutes: { objectKey: stored.objectKey, sha256: stored.sha256, versionId: stored.versionId ?? null },
    validBids: m.bids.length,
    invalidBids: m.invalidBids.length,
    lots: m.lots.map((l) => ({ lotId: l.lotId, validBids: l.validBids, outcome: l.outcome })),
  };
};

const unsuccessfulReason = (minBids: number) =>
  `fewer valid bids than the minimum of ${minBids} in every lot`;

/** `readBeforeWait`: undefined if the tender changed since (still published): decide again. */
async function openAtDeadline(
  tender: Tender,
  options: OpenerOptions,
  readBeforeWait = false,
): Promise<OpeningResult | undefined> {
  const now = options.nowMs ?? clock.nowMs;
  const openedAt = new Date(now()).toISOString();
  const phase: OpeningPhase = tender.envelopeProcedure === 'two-envelope' ? 'technical' : 'single';
  const current = tender.status === 'published' ? await claim(tender, openedAt) : tender;
  if (readBeforeWait && current?.status === 'published') return undefined;
  if (current?.status !== 'closed') {
    if (current) await followUp(current);
    return { status: 'skipped', why: `tender is ${current?.status ?? 'gone'}` };
  }
  const candidates = await loadBidCandidates(current.tenderId);
  if (candidates.length === 0 && !(await anyBidStored(current.tenderId))) {
    return commitNoBids(current, new Date(now()).toISOString());
  }
  const stored = await makeMinutes(current, phase, candidates, options, openedAt);
  await options.hooks?.beforeCommit?.();

  const m = stored.document.minutes;
  const at = new Date(now()).toISOString();
  const transition = m.outcome === 'opened' ? 'open' : 'openUnsuccessful';
  const next = tenderNext(
    transition,
    current,
    {
      openedAt: m.openedAt,
      ...(m.outcome === 'unsuccessful' ? { unsuccessfulReason: unsuccessfulReason(m.minBids) } : {}),
    },
    at,
  );
  let committed = true;
  try {
    await commit([tenderStep(transition, next, current.version), openingStep(minutesRecord(stored, at))], {
      actor: openerActor,
      object: { type: 'tender', id: current.tenderId },
      tenderId: current.tenderId,
      change: minutesChange(stored),
      at,
      notification: {
        title: current.title,
        message:
          m.outcome === 'opened'
            ? `Bids opened: ${m.bids.length} valid, ${m.invalidBids.length} invalid; the minutes are public`
            : `The tender is unsuccessful: ${unsuccessfulReason(m.minBids)}`,
        audience: { bidders: true, followers: true, organisationId: current.buyer },
      },
      ...(transition === 'open' ? { timers: { evaluation: () => followUp(next) } } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    const fresh = await getTender(current.tenderId);
    if (!fresh || fresh.status === 'closed') throw error;
    committed = false;
  }
  // Committed: the row's timer told the evaluation. Lost: the winner's state decides (it may have).
  const after = committed ? undefined : await getTender(current.tenderId);
  if (after) await followUp(after);
  return { status: m.outcome, phase, stored, committed };
}

/**
 * Closed with no bid ever stored (shared/tenders/no-bids-rule.ts): nothing to open and no minutes
 * (a later opening, after an extension, makes the tender's one set); the procuring entity is told
 * to choose. Conditional on the tender still being closed, like the opening's commit.
 */
async function commitNoBids(current: Tender, at: string): Promise<OpeningResult> {
  const next = closeWithoutBids(current, at);
  try {
    await writeTenderTransition('closeWithoutBids', current, next, {
      actor: openerActor,
      change: { submissionDeadline: current.submissionDeadline, bids: 0 },
      notification: {
        title: current.title,
        message:
          'No bid was received by the deadline: extend the submission deadline by at least 5 working days or declare the tender unsuccessful (POST /tenders/{tenderId}/no-bids-decision)',
        audience: { bidders: false, followers: true, organisationId: current.buyer },
      },
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    const fresh = await getTender(current.tenderId);
    if (!fresh || fresh.status === 'closed') throw error;
    return { status: 'no-bids', committed: false };
  }
  logger.info('tender closed without bids', { tenderId: current.tenderId });
  return { status: 'no-bids', committed: true };
}

/** What comes after an opening; safe to repeat (the evaluation worker is idempotent). */
async function followUp(tender: Tender): Promise<void> {
  if (tender.status === 'opened') {
    const phase: OpeningPhase = tender.envelopeProcedure === 'two-envelope' ? 'technical' : 'single';
    await sendEvaluation({ kind: 'opened', tenderId: tender.tenderId, phase });
  }
}

/** Two envelopes: the financial parts of the bidders on the approved compliant list, and only those. */
async function openFinancial(tenderId: string, options: OpenerOptions): Promise<OpeningResult> {
  const now = options.nowMs ?? clock.nowMs;
  const [tender, evaluation] = await Promise.all([getTender(tenderId), getEvaluation(tenderId)]);
  if (tender?.status !== 'evaluating' || !evaluation) {
    return { status: 'skipped', why: `tender is ${tender?.status ?? 'gone'}` };
  }
  if (evaluation.stage !== 'technical-approved') {
    if (evaluation.stage === 'financial-opened') {
      await sendEvaluation({ kind: 'opened', tenderId, phase: 'financial' });
    }
    return { status: 'skipped', why: `evaluation is at ${evaluation.stage}` };
  }
  const compliant = new Set(evaluation.compliantBidIds ?? []);
  const openedAt = new Date(now()).toISOString();
  const candidates = await loadBidCandidates(tenderId, (p) => compliant.has(p.bidId));
  const stored = await makeMinutes(tender, 'financial', candidates, options, openedAt);
  await options.hooks?.beforeCommit?.();

  const m = stored.document.minutes;
  const at = new Date(now()).toISOString();
  const unsuccessful = m.outcome === 'unsuccessful';
  const stage = evaluationStep(unsuccessful ? 'openFinancialNone' : 'openFinancial', evaluation, {
    set: { entryStage: 'financial-opened' },
  });
  const tenderSteps = unsuccessful
    ? [
        tenderStep(
          'financialUnsuccessful',
          tenderNext(
            'financialUnsuccessful',
            tender,
            { unsuccessfulReason: unsuccessfulReason(m.minBids) },
            at,
          ),
          tender.version,
        ),
      ]
    : [];
  try {
    // The tender's step first when it moves: its row names the audit action and the notification.
    await commit([...tenderSteps, stage, openingStep(minutesRecord(stored, at))], {
      actor: openerActor,
      object: { type: 'tender', id: tenderId },
      tenderId,
      change: minutesChange(stored),
      at,
      action: unsuccessful ? 'tender.unsuccessful' : 'tender.financial-opened',
      notification: {
        title: tender.title,
        message: unsuccessful
          ? `The tender is unsuccessful: ${unsuccessfulReason(m.minBids)}`
          : `Financial envelopes opened: ${m.bids.length} valid, ${m.invalidBids.length} invalid`,
        audience: { bidders: true, followers: true, organisationId: tender.buyer },
      },
      ...(unsuccessful
        ? {}
        : { timers: { evaluation: () => sendEvaluation({ kind: 'opened', tenderId, phase: 'financial' }) } }),
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    const fresh = await getEvaluation(tenderId);
    if (fresh?.stage === 'technical-approved') throw error;
    return { status: m.outcome, phase: 'financial', stored, committed: false };
  }
  return { status: m.outcome, phase: 'financial', stored, committed: true };
}
