import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { actorOf } from '../../shared/audit/actor.ts';
import { writeWithAudit } from '../../shared/db/audited-write.ts';
import { db } from '../../shared/db/client.ts';
import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { onConditionFailure } from '../../shared/db/write-conflicts.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { conflict, forbidden, invalidField, notFound } from '../../shared/http/problem.ts';
import { questionLifecycle } from '../../shared/lifecycle/record-tables.ts';
import { stateUpdate } from '../../shared/lifecycle/state-update.ts';
import { contractorIdOfOwner } from '../../shared/parties/contractor-store.ts';
import { decodePosition, encodePosition, fillPage } from '../../shared/platform/paged-query.ts';
import { answerCutoffBreak, questionsOpen } from '../../shared/procedures/procedure-rules.ts';
import { throwIfRuleBreaks } from '../../shared/procedures/rule-problem.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import {
  type QuestionRecord,
  queryQuestions,
  questionKey,
  toQuestion,
} from '../../shared/tenders/question-store.ts';
import { ownTender, requireStatus } from '../../shared/tenders/tender-access.ts';
import { tenderRules } from '../../shared/tenders/tender-procedure.ts';
import { getTender, isPublic, tenderTable } from '../../shared/tenders/tender-store.ts';
import { clarificationRoutes } from './contract.ts';

async function myContractorId(sub: string): Promise<string> {
  const contractorId = await contractorIdOfOwner(sub);
  if (!contractorId) throw forbidden('register as a contractor (POST /contractors) before asking questions');
  return contractorId;
}

async function getQuestion(tenderId: string, questionId: string): Promise<QuestionRecord | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: tenderTable(),
      Key: questionKey(tenderId, questionId),
      ConsistentRead: true,
    }),
  );
  return result.Item as QuestionRecord | undefined;
}

export const handler = httpHandler(clarificationRoutes, {
  async askQuestion({ params, body, principal, role }) {
    const contractorId = await myContractorId(principal.sub);
    const tender = await getTender(params.tenderId);
    if (!tender || !isPublic(tender)) throw notFound(`no published tender ${params.tenderId}`);
    requireStatus(tender, ['published'], 'ask about');
    const now = clock.iso();
    // The tender's own questionsDeadline, and never within the procedure's cut-off before closing.
    if (!questionsOpen(tender, now, tenderRules(tender))) {
      throw conflict(`questions closed at ${tender.questionsDeadline}`, {
        questionsDeadline: tender.questionsDeadline,
      });
    }
    if (body.lotId && !tender.lots.some((l) => l.lotId === body.lotId)) {
      throw invalidField('body.lotId', 'is not a lot of this tender');
    }
    const record: QuestionRecord = {
      questionId: ulid(),
      tenderId: tender.tenderId,
      ...(body.lotId ? { lotId: body.lotId } : {}),
      question: body.question,
      status: questionLifecycle.next('ask', undefined),
      askedAt: now,
      askerContractorId: contractorId,
      askerSub: principal.sub,
    };
    await writeWithAudit(
      [
        {
          Put: {
            TableName: tenderTable(),
            Item: { ...questionKey(record.tenderId, record.questionId), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      {
        actor: actorOf(principal, role),
        action: 'question.asked',
        object: { type: 'question', id: record.questionId },
        tenderId: record.tenderId,
        // Auditors may see who asked; no API view shows it.
        change: { ...toQuestion(record), askerContractorId: contractorId },
      },
      now,
    );
    return {
      body: toQuestion(record),
      headers: { location: `/me/questions?tenderId=${record.tenderId}` },
    };
  },

  async answerQuestion({ params, body, principal, role }) {
    const tender = await ownTender(params.tenderId, principal);
    requireStatus(tender, ['published'], 'answer questions on');
    const question = await getQuestion(params.tenderId, params.questionId);
    if (!question) throw notFound(`no question ${params.questionId} on tender ${params.tenderId}`);
    questionLifecycle.require('answer', question.status, 'answer');
    const now = clock.iso();
    const late = answerCutoffBreak(tender, now, tenderRules(tender));
    if (late) throwIfRuleBreaks([late], 'tender', 'too late to answer');
    const answered: QuestionRecord = {
      ...question,
      status: questionLifecycle.next('answer', question.status),
      answer: body.answer,
      answeredAt: now,
      answeredBySub: principal.sub,
    };
    try {
      await writeWithAudit(
        [
          {
            Update: {
              TableName: tenderTable(),
              Key: questionKey(params.tenderId, params.questionId),
              ...stateUpdate(questionLifecycle, 'answer', question.status, {
                answer: body.answer,
                answeredAt: now,
                answeredBySub: principal.sub,
              }),
            },
          },
        ],
        {
          actor: actorOf(principal, role),
          action: 'question.answered',
          object: { type: 'question', id: params.questionId },
          tenderId: params.tenderId,
          change: { questionId: params.questionId, answer: body.answer, answeredAt: now },
        },
        now,
      );
    } catch (error) {
      onConditionFailure(error, () => conflict('this question has already been answered'));
    }
    return { body: toQuestion(answered) };
  },

  async listMyQuestions(request) {
    const { query, principal } = request;
    const contractorId = await myContractorId(principal.sub);
    const cursors = cursorsOf(request, { contractorId });
    const { items, next } = await fillPage(
      query.limit,
      await decodePosition(cursors, storedKeySchema('tenders')),
      1,
      async (_part, limit, startKey) => {
        const page = await queryQuestions(query.tenderId, {
          askerContractorId: contractorId,
          limit,
          startKey,
        });
        return { items: page.items.map(toQuestion), lastKey: page.lastKey };
      },
    );
    return { body: { items, nextCursor: await encodePosition(cursors, next) } };
  },

  async listEntityQuestions(request) {
    const { params, query, principal } = request;
    await ownTender(params.tenderId, principal);
    const cursors = cursorsOf(request);
    const { items, next } = await fillPage(
      query.limit,
      await decodePosition(cursors, storedKeySchema('tenders')),
      1,
      async (_part, limit, startKey) => {
        const page = await queryQuestions(params.tenderId, {
          ...(query.status ? { status: query.status } : {}),
          limit,
          startKey,
        });
        return { items: page.items.map(toQuestion), lastKey: page.lastKey };
      },
    );
    return { body: { items, nextCursor: await encodePosition(cursors, next) } };
  },
});
