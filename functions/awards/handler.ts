// Award, standstill, complaints and contract. Every change goes with its audit event and its
// notification (outbox) in one transaction, and moves the tender: evaluating → awarded when every
// ranked lot is awarded, → contracted when every award has its contract. Every write here names the
// tender's ETag it read (If-Match): awards and contracts move the tender's version, so a complaint
// or an answer about an award that was made again meanwhile is refused (412) instead of landing
// on the wrong one.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { actorOf } from '../../shared/audit/actor.ts';
import {
  type AwardRecord,
  type ComplaintRecord,
  type ContractRecord,
  complaintKey,
  listAwards,
  listComplaints,
} from '../../shared/awards/award-store.ts';
import { loadMinutes, pricedMinutes } from '../../shared/awards/evaluation-pipeline.ts';
import { getEvaluation } from '../../shared/awards/evaluation-store.ts';
import { lotRanking, rankedLots, readReport } from '../../shared/awards/ranking.ts';
import { resources } from '../../shared/config/settings.ts';
import { db } from '../../shared/db/client.ts';
import { etag } from '../../shared/http/etag.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import {
  badRequest,
  conflict,
  forbidden,
  invalidField,
  notFound,
  unprocessable,
} from '../../shared/http/problem.ts';
import {
  awardStep,
  complaintAnswered,
  complaintFiled,
  contractSteps,
} from '../../shared/lifecycle/award-writes.ts';
import { commit, type Effects, type Step } from '../../shared/lifecycle/commit.ts';
import { tenderLifecycle } from '../../shared/lifecycle/tables.ts';
import { type TenderTransition, tenderNext, tenderStep } from '../../shared/lifecycle/tender-writes.ts';
import { revealedBidders } from '../../shared/opening/revealed-bidders.ts';
import { ownerClaimKey } from '../../shared/parties/contractor-store.ts';
import { petitionAnswerDueBy, petitionFilingEndsAt } from '../../shared/procedures/procedure-rules.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { ownTender, requireVersion } from '../../shared/tenders/tender-access.ts';
import { tenderRules } from '../../shared/tenders/tender-procedure.ts';
import type { Tender } from '../../shared/tenders/tender-schemas.ts';
import { getTender, isPublic, tenderTable } from '../../shared/tenders/tender-store.ts';
import { awardRoutes } from './contract.ts';

const strip = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest;

async function publicTender(tenderId: string): Promise<Tender> {
  const tender = await getTender(tenderId);
  if (!tender || !isPublic(tender)) throw notFound(`no published tender ${tenderId}`);
  return tender;
}

/** The tender's step, written under its version so concurrent awards serialise. */
function tenderMove(tender: Tender, transition: TenderTransition, at: string, doing: string): Step {
  return tenderStep(transition, tenderNext(transition, tender, {}, at, doing), tender.version);
}

const upheldSince = (complaints: readonly ComplaintRecord[], lotId: string, since: string) =>
  complaints.some((c) => c.lotId === lotId && c.upheld === true && c.filedAt >= since);

async function contractorOf(sub: string): Promise<string> {
  const claim = await db.send(
    new GetCommand({ TableName: resources.table('parties'), Key: ownerClaimKey(sub), ConsistentRead: true }),
  );
  const contractorId = claim.Item?.contractorId as string | undefined;
  if (!contractorId) throw forbidden('this account has no contractor registration');
  return contractorId;
}

async function write(steps: Step[], effects: Effects) {
  await commit(steps, effects);
}

export const handler = httpHandler(awardRoutes, {
  async award({ params, body, principal, role, ifMatch }) {
    const tender = await ownTender(params.tenderId, principal);
    requireVersion(tender, ifMatch);
    tenderLifecycle.require('awardLast', tender.status, 'award');
    const evaluation = await getEvaluation(tender.tenderId);
    if (evaluation?.stage !== 'ranked')
      throw conflict('the bids have not been ranked (or the ranking is out of date)');
    const report = await readReport(evaluation);
    if (!report) throw conflict('the ranking report is missing');
    const ranking = lotRanking(report, params.lotId);
    if (ranking.length === 0) throw notFound(`lot ${params.lotId} has no ranked bid`);
    const chosen = ranking.find((r) => r.bidId === body.bidId);
    if (!chosen) throw invalidField('body.bidId', 'is not a ranked bid of this lot');
    if (chosen.rank > 1 && !body.reason) {
      const message = `is required: the bid ranked ${chosen.rank}, not first`;
      // The field's own code too, so a client shows its message beside the reason field.
      throw badRequest(
        `body.reason: ${message}`,
        [{ field: 'body.reason', message, code: 'AWARD_REASON_REQUIRED' }],
        'AWARD_REASON_REQUIRED',
      );
    }
    const [awards, complaints] = await Promise.all([
      listAwards(tender.tenderId),
      listComplaints(tender.tenderId),
    ]);
    const existing = awards.find((a) => a.lotId === params.lotId);
    if (existing) {
      if (existing.status === 'contracted') throw conflict('the lot is already contracted');
      if (!upheldSince(complaints, params.lotId, existing.awardedAt)) {
        throw conflict('the lot is already awarded; only an upheld complaint reopens it');
      }
    }
    const at = clock.iso();
    const name = pricedMinutes(await loadMinutes(tender.tenderId))?.bids.find(
      (b) => b.bidId === chosen.bidId,
    )?.contractorName;
    const award: Omit<AwardRecord, 'status'> = {
      tenderId: tender.tenderId,
      lotId: params.lotId,
      awardId: ulid(),
      bidId: chosen.bidId,
      contractorId: chosen.contractorId,
      ...(name ? { contractorName: name } : {}),
      rank: chosen.rank,
      amount: chosen.priceAfterDiscount,
      currency: tender.currency,
      ...(body.reason ? { reason: body.reason } : {}),
      awardedAt: at,
      awardedBy: principal.sub,
      // Petitions against the result are filed within 10 days of it (ND 214 Art. 138); no contract before.
      standstillEndsAt: petitionFilingEndsAt(at, tenderRules(tender)),
      version: 1,
    };
    const awardedLots = new Set([...awards.map((a) => a.lotId), params.lotId]);
    const allAwarded = rankedLots(report).every((lotId) => awardedLots.has(lotId));
    const made = awardStep(award, existing);
    await write([made.step, tenderMove(tender, allAwarded ? 'awardLast' : 'awardLot', at, 'award')], {
      actor: actorOf(principal, role),
      object: { type: 'award', id: award.awardId },
      tenderId: tender.tenderId,
      at,
      notification: {
        title: tender.title,
        message: `Lot ${params.lotId} awarded to ${name ?? chosen.contractorId} for ${award.amount} ${award.currency}; complaints until ${award.standstillEndsAt}`,
        audience: { bidders: true, followers: true, contractorIds: [chosen.contractorId] },
      },
      change: {
        lotId: award.lotId,
        bidId: award.bidId,
        contractorId: award.contractorId,
        rank: award.rank,
        amount: award.amount,
        reason: award.reason ?? null,
        standstillEndsAt: award.standstillEndsAt,
        replaces: existing?.awardId ?? null,
      },
    });
    const { version: _v, awardedBy: _by, ...notice } = made.record;
    return {
      body: notice,
      headers: { location: `/tenders/${tender.tenderId}/awards`, etag: etag(tender.version + 1) },
    };
  },

  async recordContract({ params, body, principal, role, ifMatch }) {
    const tender = await ownTender(params.tenderId, principal);
    requireVersion(tender, ifMatch);
    const [awards, complaints] = await Promise.all([
      listAwards(tender.tenderId),
      listComplaints(tender.tenderId),
    ]);
    const award = awards.find((a) => a.lotId === params.lotId);
    if (!award) throw notFound(`lot ${params.lotId} has no award`);
    if (award.status === 'contracted') throw conflict('the lot already has its contract');
    const now = clock.iso();
    if (Date.parse(now) < Date.parse(award.standstillEndsAt)) {
      throw conflict(`the standstill runs until ${award.standstillEndsAt}: no contract before then`);
    }
    const pending = complaints.filter((c) => c.lotId === params.lotId && c.status === 'pending');
    if (pending.length > 0) {
      throw conflict(`complaints await an answer: ${pending.map((c) => c.complaintId).join(', ')}`);
    }
    if (upheldSince(complaints, params.lotId, award.awardedAt)) {
      throw conflict('a complaint against this award was upheld: award the lot again first');
    }
    if (BigInt(body.value) > BigInt(award.amount)) {
      throw unprocessable('the contract is worth more than the award', [
        { field: 'body.value', message: `must not exceed the awarded amount ${award.amount}` },
      ]);
    }
    if (
      Date.parse(body.signedAt) < Date.parse(award.standstillEndsAt) ||
      Date.parse(body.signedAt) > Date.parse(now)
    ) {
      throw invalidField(
        'body.signedAt',
        `must be between the end of the standstill (${award.standstillEndsAt}) and now`,
      );
    }
    const contract: ContractRecord = {
      contractId: ulid(),
      value: body.value,
      currency: award.currency,
      signedAt: new Date(body.signedAt).toISOString(),
      recordedAt: now,
      recordedBy: principal.sub,
    };
    const contracted = contractSteps(award, contract);
    const others = awards.filter((a) => a.lotId !== params.lotId);
    const allContracted = tender.status === 'awarded' && others.every((a) => a.status === 'contracted');
    await write(
      [
        ...contracted.steps,
        tenderMove(tender, allContracted ? 'contractLast' : 'contractLot', now, 'record a contract on'),
      ],
      {
        actor: actorOf(principal, role),
        object: { type: 'award', id: award.awardId },
        tenderId: tender.tenderId,
        at: now,
        notification: {
          title: tender.title,
          message: `Contract for lot ${params.lotId} signed at ${contract.value} ${contract.currency}`,
          audience: { bidders: true, followers: true },
        },
        change: {
          lotId: params.lotId,
          contractId: contract.contractId,
          value: contract.value,
          signedAt: contract.signedAt,
        },
      },
    );
    const { version: _v, awardedBy: _by, ...notice } = contracted.record;
    const { recordedBy: _r, ...shown } = contract;
    return { body: { ...notice, contract: shown }, headers: { etag: etag(tender.version + 1) } };
  },

  async listAwards({ params }) {
    await publicTender(params.tenderId);
    const items = (await listAwards(params.tenderId)).map((a) => {
      const { version: _v, awardedBy: _by, contract, ...notice } = a;
      const shown = contract ? (({ recordedBy: _r, ...c }) => c)(contract) : undefined;
      return { ...notice, ...(shown ? { contract: shown } : {}) };
    });
    return { body: { items } };
  },

  async fileComplaint({ params, body, principal, role, ifMatch }) {
    const tender = await publicTender(params.tenderId);
    requireVersion(tender, ifMatch);
    const contractorId = await contractorOf(principal.sub);
    const award = (await listAwards(tender.tenderId)).find((a) => a.lotId === body.lotId);
    if (!award) throw notFound(`lot ${body.lotId} has no award to complain about`);
    const now = clock.iso();
    if (Date.parse(now) >= Date.parse(award.standstillEndsAt)) {
      throw conflict(`the standstill ended at ${award.standstillEndsAt}: complaints are closed`);
    }
    const bidders = await revealedBidders(tender.tenderId);
    if (!bidders.some((b) => b.contractorId === contractorId && b.lotId === body.lotId)) {
      throw forbidden('only contractors who bid on the lot may complain about its award');
    }
    const { record: complaint, step } = complaintFiled({
      complaintId: ulid(),
      tenderId: tender.tenderId,
      lotId: body.lotId,
      contractorId,
      text: body.text,
      filedAt: now,
      answerDueBy: petitionAnswerDueBy(now, tenderRules(tender)),
    });
    await write([step], {
      actor: actorOf(principal, role),
      object: { type: 'complaint', id: complaint.complaintId },
      tenderId: tender.tenderId,
      at: now,
      notification: {
        title: tender.title,
        message: `A complaint about the award of lot ${body.lotId}; the answer is due by ${complaint.answerDueBy}`,
        audience: {
          bidders: false,
          followers: true,
          organisationId: tender.buyer,
          contractorIds: [contractorId],
        },
      },
      change: {
        lotId: complaint.lotId,
        contractorId,
        text: complaint.text,
        answerDueBy: complaint.answerDueBy,
      },
    });
    return {
      body: complaint,
      headers: { location: `/tenders/${tender.tenderId}/complaints`, etag: etag(tender.version) },
    };
  },

  async answerComplaint({ params, body, principal, role, ifMatch }) {
    const tender = await ownTender(params.tenderId, principal);
    requireVersion(tender, ifMatch);
    const found = await db.send(
      new GetCommand({
        TableName: tenderTable(),
        Key: complaintKey(tender.tenderId, params.complaintId),
        ConsistentRead: true,
      }),
    );
    if (!found.Item) throw notFound(`no complaint ${params.complaintId}`);
    const complaint = strip(found.Item) as unknown as ComplaintRecord;
    const now = clock.iso();
    const { record: answered, step } = complaintAnswered(
      complaint,
      { answer: body.answer, upheld: body.upheld, answeredAt: now },
      { answeredBy: principal.sub },
    );
    await write([step], {
      actor: actorOf(principal, role),
      object: { type: 'complaint', id: complaint.complaintId },
      tenderId: tender.tenderId,
      at: now,
      notification: {
        title: tender.title,
        message: `The complaint about lot ${complaint.lotId} was ${body.upheld ? 'upheld' : 'dismissed'}: ${body.answer}`,
        audience: { bidders: true, followers: true, contractorIds: [complaint.contractorId] },
      },
      change: { answer: body.answer, upheld: body.upheld },
    });
    return { body: answered, headers: { etag: etag(tender.version) } };
  },

  async listComplaints({ params }) {
    await publicTender(params.tenderId);
    const items = (await listComplaints(params.tenderId)).map((c) => {
      const { answeredBy: _a, ...shown } = c as ComplaintRecord & { answeredBy?: string };
      return shown;
    });
    return { body: { items } };
  },
});
