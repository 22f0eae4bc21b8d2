// The evaluators' side of the pipeline: verdicts, scores and adjustments per bid, the two-envelope
// approval of the compliant list, and the request that runs the method (on the evaluation queue).
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { actorOf } from '../../shared/audit/actor.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { Role } from '../../shared/auth/roles.ts';
import { listAwards } from '../../shared/awards/award-store.ts';
import {
  adjustedMethods,
  evaluableBids,
  scoredMethods,
  technicalScoreOf,
} from '../../shared/awards/evaluation-input.ts';
import { loadMinutes, pricedMinutes, reviewedMinutes } from '../../shared/awards/evaluation-pipeline.ts';
import { prepareEvaluation, storeValidatedInput } from '../../shared/awards/evaluation-snapshot.ts';
import {
  adjustmentKey,
  type EvaluationState,
  eligibilityKey,
  getEvaluation,
  loadEntries,
  technicalScoreKey,
} from '../../shared/awards/evaluation-store.ts';
import { resources } from '../../shared/config/settings.ts';
import { requireVersion } from '../../shared/errors/require-version.ts';
import { etag } from '../../shared/http/etag.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { conflict, notFound, unprocessable } from '../../shared/http/problem.ts';
import { commit } from '../../shared/lifecycle/commit.ts';
import { type EvaluationTransition, evaluationStep } from '../../shared/lifecycle/evaluation-writes.ts';
import { evaluationLifecycle } from '../../shared/lifecycle/tables.ts';
import { tenderNext, tenderStep } from '../../shared/lifecycle/tender-writes.ts';
import type { EvaluationMessage, OpeningMessage } from '../../shared/opening/messages.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { traced } from '../../shared/runtime/tracer.ts';
import { readStoredText } from '../../shared/storage/stored-object.ts';
import { ownTender } from '../../shared/tenders/tender-access.ts';
import type { Tender } from '../../shared/tenders/tender-schemas.ts';
import { tenderTable } from '../../shared/tenders/tender-store.ts';
import { evaluationRoutes } from './contract.ts';

const sqs = traced(new SQSClient({}));
const send = (queue: 'opening' | 'evaluation', message: OpeningMessage | EvaluationMessage) =>
  sqs.send(
    new SendMessageCommand({ QueueUrl: resources.queueUrl(queue), MessageBody: JSON.stringify(message) }),
  );

interface Context {
  readonly tender: Tender;
  readonly evaluation: EvaluationState;
}

async function evaluating(tenderId: string, principal: Principal): Promise<Context> {
  const tender = await ownTender(tenderId, principal);
  const evaluation = await getEvaluation(tenderId);
  if (tender.status !== 'evaluating' || !evaluation) {
    throw conflict(`the tender is ${tender.status}, not under evaluation`, { status: tender.status });
  }
  if ((await listAwards(tenderId)).length > 0) throw conflict('an award was made: the evaluation is closed');
  return { tender, evaluation };
}

/** The evaluation as the procuring entity sees it, with its version as the ETag writes must send. */
async function viewed(tender: Tender) {
  const body = await view(tender);
  return { body, headers: { etag: etag(body.version) } };
}

async function view(tender: Tender) {
  const [evaluation, minutes, entries] = await Promise.all([
    getEvaluation(tender.tenderId),
    loadMinutes(tender.tenderId),
    loadEntries(tender.tenderId),
  ]);
  if (!evaluation) throw notFound(`tender ${tender.tenderId} is not under evaluation`);
  const reviewed = reviewedMinutes(minutes);
  const prices = new Map((pricedMinutes(minutes)?.bids ?? []).map((b) => [b.bidId, b.price]));
  const bids = (reviewed ? evaluableBids(reviewed) : []).map((bid) => ({
    bidId: bid.bidId,
    lotId: bid.lotId,
    contractorId: bid.contractorId,
    ...(bid.contractorName ? { contractorName: bid.contractorName } : {}),
    ...(prices.get(bid.bidId) ? { price: prices.get(bid.bidId) } : {}),
    eligibility: entries.eligibility
      .filter((e) => e.bidId === bid.bidId)
      .map((e) => ({
        criterion: e.criterion,
        pass: e.pass,
        ...(e.reason ? { reason: e.reason } : {}),
        enteredBy: e.enteredBy,
      })),
    technicalScores: entries.technicalScores
      .filter((s) => s.bidId === bid.bidId)
      .map((s) => ({ evaluatorId: s.evaluatorId, criterion: s.criterion, points: s.points, outOf: s.outOf })),
    adjustments: entries.adjustments
      .filter((a) => a.bidId === bid.bidId)
      .map((a) => ({ label: a.label, amount: a.amount })),
  }));
  return {
    tenderId: tender.tenderId,
    method: tender.evaluation.method,
    stage: evaluation.stage,
    twoEnvelope: evaluation.twoEnvelope,
    version: evaluation.version,
    ...(evaluation.compliantBidIds ? { compliantBidIds: [...evaluation.compliantBidIds] } : {}),
    ...(evaluation.requestId ? { requestId: evaluation.requestId } : {}),
    ...(evaluation.report ? { report: evaluation.report } : {}),
    bids,
  };
}

/** The bid must be one the evaluation considers: a valid bid in a lot that opened. */
async function requireBid(tenderId: string, bidId: string, priced: boolean) {
  const minutes = await loadMinutes(tenderId);
  const source = priced ? pricedMinutes(minutes) : reviewedMinutes(minutes);
  const bid = source && evaluableBids(source).find((b) => b.bidId === bidId);
  if (!bid) throw notFound(`bid ${bidId} is not among the bids under evaluation`);
  return bid;
}

async function recordEntry(
  request: {
    params: { tenderId: string; bidId: string };
    principal: Principal;
    role: Role;
    ifMatch: number | undefined;
  },
  kind: 'eligibility' | 'technical' | 'adjustment',
  item: Record<string, unknown>,
  action: string,
) {
  const { tenderId, bidId } = request.params;
  const { tender, evaluation } = await evaluating(tenderId, request.principal);
  requireVersion(evaluation, request.ifMatch, 'the evaluation');
  const method = tender.evaluation.method;
  const two = evaluation.twoEnvelope;
  // An entry moves the evaluation back to where entries are made: a ranking asked for or made no
  // longer reflects the entries. Two envelopes: the technical review ends with the approved list.
  let transition: EvaluationTransition;
  if (kind === 'adjustment') {
    if (!adjustedMethods.has(method)) throw conflict(`${method} takes no price adjustments`);
    transition = two ? 'adjustPrices' : 'enter';
  } else {
    if (kind === 'technical' && !scoredMethods.has(method))
      throw conflict(`${method} has no technical score`);
    transition = two ? 'review' : 'enter';
  }
  const doing = `enter ${kind === 'technical' ? 'technical scores' : kind}`;
  const stage = evaluationStep(transition, evaluation, { doing, expect: { version: evaluation.version } });
  await requireBid(tenderId, bidId, kind === 'adjustment');
  const at = clock.iso();
  await commit([stage], {
    actor: actorOf(request.principal, request.role),
    action,
    object: { type: 'bid', id: bidId },
    tenderId,
    change: Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'pk' && k !== 'sk')),
    at,
    items: { entry: { Put: { TableName: tenderTable(), Item: { ...item, bidId, enteredAt: at } } } },
  });
  return viewed(tender);
}

export const handler = httpHandler(evaluationRoutes, {
  async getEvaluation({ params, principal }) {
    const tender = await ownTender(params.tenderId, principal);
    return viewed(tender);
  },

  async getOwnEvaluationReport({ params, principal }) {
    await ownTender(params.tenderId, principal);
    const evaluation = await getEvaluation(params.tenderId);
    if (!evaluation?.report) throw notFound('no ranking has been made yet');
    const text = await readStoredText(
      resources.bucket('log'),
      evaluation.report.objectKey,
      'evaluation report',
    );
    return {
      body: { sha256: evaluation.report.sha256, document: JSON.parse(text) as Record<string, unknown> },
    };
  },

  async enterEligibility(request) {
    const { tenderId, bidId, criterion } = request.params;
    return recordEntry(
      request,
      'eligibility',
      {
        ...eligibilityKey(tenderId, bidId, criterion),
        criterion,
        pass: request.body.pass,
        ...(request.body.reason ? { reason: request.body.reason } : {}),
        enteredBy: request.principal.sub,
      },
      'evaluation.eligibility-entered',
    );
  },

  async enterTechnicalScore(request) {
    const { tenderId, bidId, criterion } = request.params;
    const evaluatorId = request.principal.sub;
    return recordEntry(
      request,
      'technical',
      {
        ...technicalScoreKey(tenderId, bidId, evaluatorId, criterion),
        evaluatorId,
        criterion,
        points: request.body.points,
        outOf: request.body.outOf,
      },
      'evaluation.technical-score-entered',
    );
  },

  async enterAdjustment(request) {
    const { tenderId, bidId, label } = request.params;
    return recordEntry(
      request,
      'adjustment',
      {
        ...adjustmentKey(tenderId, bidId, label),
        label,
        amount: request.body.amount,
        ...(request.body.note ? { note: request.body.note } : {}),
        enteredBy: request.principal.sub,
      },
      'evaluation.adjustment-entered',
    );
  },

  async approveTechnical({ params, body, principal, role, ifMatch }) {
    const { tender, evaluation } = await evaluating(params.tenderId, principal);
    if (!evaluation.twoEnvelope) throw conflict('a one-envelope tender has no separate technical approval');
    const [minutes, entries] = await Promise.all([
      loadMinutes(tender.tenderId),
      loadEntries(tender.tenderId),
    ]);
    const reviewed = reviewedMinutes(minutes);
    const bids = reviewed ? evaluableBids(reviewed) : [];
    const listed = new Set(body.compliantBidIds);
    const expected = new Set<string>();
    const unjudged: string[] = [];
    const min = tender.evaluation.minTechnicalScore;
    for (const bid of bids) {
      const verdicts = entries.eligibility.filter((e) => e.bidId === bid.bidId);
      const score = technicalScoreOf(entries, bid.bidId);
      const scored = scoredMethods.has(tender.evaluation.method);
      if (verdicts.length === 0 || (scored && score === undefined)) unjudged.push(bid.bidId);
      else if (verdicts.every((v) => v.pass) && (!scored || min === undefined || (score as number) >= min)) {
        expected.add(bid.bidId);
      }
    }
    // A repeated approval of the same list re-queues the financial opening (its message may be lost).
    if (evaluation.stage === 'technical-approved') {
      const same =
        evaluation.compliantBidIds?.length === listed.size &&
        evaluation.compliantBidIds.every((id) => listed.has(id));
      if (!same) throw conflict('a different compliant list was already approved');
      await send('opening', { kind: 'open-financial', tenderId: tender.tenderId });
      return viewed(tender);
    }
    // After the idempotent repeat above (a retry after a lost answer carries the ETag it read before).
    requireVersion(evaluation, ifMatch, 'the evaluation');
    evaluationLifecycle.require('approveTechnical', evaluation.stage, 'approve the compliant list');
    if (unjudged.length > 0) {
      throw unprocessable('every bid needs its eligibility verdicts (and technical scores) first', [
        { field: 'body.compliantBidIds', message: `not yet evaluated: ${unjudged.join(', ')}` },
      ]);
    }
    const missing = [...expected].filter((id) => !listed.has(id));
    const wrong = [...listed].filter((id) => !expected.has(id));
    if (missing.length > 0 || wrong.length > 0) {
      throw unprocessable('the list must be exactly the bids that passed every criterion', [
        {
          field: 'body.compliantBidIds',
          message: `${missing.length ? `compliant but not listed: ${missing.join(', ')}` : ''}${missing.length && wrong.length ? '; ' : ''}${wrong.length ? `listed but not compliant: ${wrong.join(', ')}` : ''}`,
        },
      ]);
    }
    const compliantPerLot = new Map<string, number>();
    for (const bid of bids)
      if (expected.has(bid.bidId)) compliantPerLot.set(bid.lotId, (compliantPerLot.get(bid.lotId) ?? 0) + 1);
    const anyLotOpens = [...compliantPerLot.values()].some((n) => n >= tender.minBids);
    const at = clock.iso();
    const approval = evaluationStep(anyLotOpens ? 'approveTechnical' : 'approveNone', evaluation, {
      set: { compliantBidIds: [...expected].sort(), approvedAt: at, approvedBy: principal.sub },
      expect: { version: evaluation.version },
    });
    // None compliant enough: the tender is unsuccessful, and its step (first) names the audit action.
    const unsuccessful = anyLotOpens
      ? []
      : [
          tenderStep(
            'technicalUnsuccessful',
            tenderNext(
              'technicalUnsuccessful',
              tender,
              {
                unsuccessfulReason: `fewer technically compliant bids than the minimum of ${tender.minBids} in every lot`,
              },
              at,
            ),
            tender.version,
          ),
        ];
    await commit([...unsuccessful, approval], {
      actor: actorOf(principal, role),
      object: { type: 'tender', id: tender.tenderId },
      tenderId: tender.tenderId,
      change: {
        compliantBidIds: [...expected].sort(),
        notCompliant: bids.filter((b) => !expected.has(b.bidId)).map((b) => b.bidId),
      },
      at,
      ...(anyLotOpens
        ? {
            timers: {
              openFinancial: () => send('opening', { kind: 'open-financial', tenderId: tender.tenderId }),
            },
          }
        : {}),
    });
    return viewed(tender);
  },

  async requestRanking({ params, principal, role, ifMatch }) {
    const { tender, evaluation } = await evaluating(params.tenderId, principal);
    requireVersion(evaluation, ifMatch, 'the evaluation');
    const transition = evaluation.twoEnvelope ? 'requestTwoEnvelope' : 'request';
    evaluationLifecycle.require(transition, evaluation.stage, 'rank the bids');
    const [minutes, entries] = await Promise.all([
      loadMinutes(tender.tenderId),
      loadEntries(tender.tenderId),
    ]);
    const priced = pricedMinutes(minutes);
    if (!priced) throw conflict('no prices have been opened yet');
    const prepared = prepareEvaluation(tender, priced, entries);
    if (!prepared.ok)
      throw unprocessable('the entries are not complete enough to rank the bids', prepared.errors);
    const requestId = ulid();
    // Validated once, here: the worker ranks this stored input (shared/awards/evaluation-snapshot.ts).
    const stored = await storeValidatedInput(tender.tenderId, requestId, prepared);
    const at = clock.iso();
    const step = evaluationStep(transition, evaluation, {
      set: {
        requestId,
        requestedAt: at,
        entryStage: evaluation.twoEnvelope ? 'financial-opened' : 'entries',
        input: stored,
      },
      expect: { version: evaluation.version },
    });
    await commit([step], {
      actor: actorOf(principal, role),
      object: { type: 'tender', id: tender.tenderId },
      tenderId: tender.tenderId,
      change: {
        requestId,
        method: tender.evaluation.method,
        bids: prepared.input.bids.length,
        input: stored,
      },
      at,
      timers: {
        evaluation: () => send('evaluation', { kind: 'evaluate', tenderId: tender.tenderId, requestId }),
      },
    });
    // The ranking worker moves the version again when it stores the result: poll GET for it.
    return {
      body: { requestId, stage: 'requested' as const },
      headers: { etag: etag(evaluation.version + 1) },
    };
  },
});
