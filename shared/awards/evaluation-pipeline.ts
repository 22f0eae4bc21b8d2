// The evaluation pipeline's steps, driven by the evaluation queue:
//   opened   → the evaluation starts (tender: opened → evaluating), evaluators enter their verdicts;
//   evaluate → the tender's method runs (shared/evaluation, pure) on the minutes and the entries;
//              the report, with its exact input, is stored once and the evaluation is ranked.
//              The input was validated and stored by the ranking request (evaluation-snapshot.ts);
//              the method ranks that stored input without validating it again.
// Both are idempotent: a redelivered message finds its work done and does nothing.
import type { Actor } from '../audit/audit-event.ts';
import { canonicalJson } from '../canonical/canonical-json.ts';
import { ConditionFailed } from '../db/audited-write.ts';
import { type EvaluationInput, type EvaluationReport, evaluate, rankValidated } from '../evaluation/index.ts';
import { commit } from '../lifecycle/commit.ts';
import { evaluationStart, evaluationStep } from '../lifecycle/evaluation-writes.ts';
import { tenderNext, tenderStep } from '../lifecycle/tender-writes.ts';
import type { Minutes } from '../opening/minutes-schema.ts';
import { listMinutesRecords, readMinutesObject } from '../opening/minutes-store.ts';
import { sha256Hex } from '../platform/sha256-hex.ts';
import { clock } from '../runtime/clock.ts';
import { logger } from '../runtime/logger.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { getTender } from '../tenders/tender-store.ts';
import { buildEvaluationInput } from './evaluation-input.ts';
import { readValidatedInput, type StoredInputRef, storeOnce } from './evaluation-snapshot.ts';
import { getEvaluation, loadEntries } from './evaluation-store.ts';

export const evaluationActor: Actor = { sub: 'system:evaluation', role: 'system' };

export interface OpenedMinutes {
  readonly single?: Minutes;
  readonly technical?: Minutes;
  readonly financial?: Minutes;
}

export async function loadMinutes(tenderId: string): Promise<OpenedMinutes> {
  const records = await listMinutesRecords(tenderId);
  const entries = await Promise.all(
    records.map(async (r) => [r.phase, (await readMinutesObject(r.objectKey))?.document.minutes] as const),
  );
  return Object.fromEntries(entries.filter(([, m]) => m !== undefined));
}

/** The minutes that carry prices: the single envelope's, or the financial ones. */
export const pricedMinutes = (minutes: OpenedMinutes) => minutes.single ?? minutes.financial;
/** The minutes that list the bids under technical review (eligibility, scores). */
export const reviewedMinutes = (minutes: OpenedMinutes) => minutes.single ?? minutes.technical;

/** After an opening: the evaluation record exists and the tender is evaluating. */
export async function startEvaluation(tenderId: string): Promise<'started' | 'already' | 'not-opened'> {
  const tender = await getTender(tenderId);
  if (tender?.status !== 'opened') {
    return tender && (await getEvaluation(tenderId)) ? 'already' : 'not-opened';
  }
  const at = clock.iso();
  const twoEnvelope = tender.envelopeProcedure === 'two-envelope';
  const next = tenderNext('startEvaluation', tender, {}, at);
  try {
    await commit(
      [
        tenderStep('startEvaluation', next, tender.version),
        evaluationStart({ tenderId, twoEnvelope, version: 1, startedAt: at }),
      ],
      {
        actor: evaluationActor,
        object: { type: 'tender', id: tenderId },
        tenderId,
        change: { method: tender.evaluation.method, twoEnvelope },
        at,
      },
    );
  } catch (error) {
    if (error instanceof ConditionFailed) return 'already';
    throw error;
  }
  return 'started';
}

export const reportObjectKey = (tenderId: string, requestId: string) =>
  `evaluations/${tenderId}/${requestId}.json`;
export const REPORT_FORMAT = 'eproc-evaluation-report-v1';

/** Serialises bigints (the parsed input keeps amounts as bigint) as decimal digits. */
const jsonSafe = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

interface Ranked {
  readonly input: EvaluationInput;
  readonly report: EvaluationReport;
  readonly minutesSha256: string;
}

/** The request's validated input, read back (its hash checked) and ranked without validating again. */
async function rankStoredInput(tenderId: string, requestId: string, ref: StoredInputRef): Promise<Ranked> {
  const stored = await readValidatedInput(tenderId, requestId, ref);
  return {
    input: stored.input,
    report: rankValidated(stored.validated),
    minutesSha256: stored.minutesSha256,
  };
}

/**
 * A request queued before requests stored their input: assembled from the entries and evaluated
 * from raw input, validation included, as then.
 */
async function rankFromEntries(tenderId: string, tender: Tender): Promise<Ranked> {
  logger.info('evaluation request without a stored input: validating at rank time', { tenderId });
  const [minutes, entries] = await Promise.all([loadMinutes(tenderId), loadEntries(tenderId)]);
  const priced = pricedMinutes(minutes);
  if (!priced) throw new Error(`tender ${tenderId} has no priced minutes to evaluate`);
  const input = buildEvaluationInput(tender, priced, entries);
  return { input, report: evaluate(input), minutesSha256: sha256Hex(canonicalJson(priced)) };
}

export async function rankEvaluation(tenderId: string, requestId: string): Promise<'ranked' | 'stale'> {
  const [tender, evaluation] = await Promise.all([getTender(tenderId), getEvaluation(tenderId)]);
  if (!tender || !evaluation || evaluation.stage !== 'requested' || evaluation.requestId !== requestId) {
    logger.info('stale evaluation request ignored', { tenderId, requestId, stage: evaluation?.stage });
    return 'stale';
  }
  const { input, report, minutesSha256 } = evaluation.input
    ? await rankStoredInput(tenderId, requestId, evaluation.input)
    : await rankFromEntries(tenderId, tender as Tender);
  const document = {
    format: REPORT_FORMAT,
    tenderId,
    requestId,
    minutesSha256,
    input: jsonSafe(input),
    report: jsonSafe(report),
  };
  const body = canonicalJson(document);
  const objectKey = reportObjectKey(tenderId, requestId);
  // A rerun of this request writes the same bytes (a pure function of stored data) or finds them.
  await storeOnce(objectKey, body);
  const rankedAt = clock.iso();
  const sha256 = sha256Hex(body);
  try {
    const step = evaluationStep('rank', evaluation, {
      set: { report: { objectKey, sha256, rankedAt } },
      expect: { requestId },
    });
    await commit([step], {
      actor: evaluationActor,
      object: { type: 'tender', id: tenderId },
      tenderId,
      at: rankedAt,
      change: {
        requestId,
        report: { objectKey, sha256 },
        ranking: report.steps.ranking.map((lot) => ({
          lotId: lot.lotId,
          ranked: lot.ranked.map((r) => ({ rank: r.rank, bidId: r.bidId })),
        })),
      },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) return 'stale';
    throw error;
  }
  return 'ranked';
}
