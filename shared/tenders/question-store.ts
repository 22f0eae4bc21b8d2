// Questions live in the tender's partition (Q#<questionId>). The stored item names the asker for
// the owner's own list; views pick their fields one by one so that identity never leaks.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import { questionEntity } from '../entities/tenders.ts';
import type { Question } from './question-schemas.ts';
import { tenderPk, tenderTable } from './tender-store.ts';

export const questionKey = (tenderId: string, questionId: string) =>
  questionEntity.key({ tenderId, questionId });

export interface QuestionRecord extends Question {
  readonly askerContractorId: string;
  readonly askerSub: string;
  readonly answeredBySub?: string;
}

export function toQuestion(record: QuestionRecord): Question {
  return {
    questionId: record.questionId,
    tenderId: record.tenderId,
    ...(record.lotId ? { lotId: record.lotId } : {}),
    question: record.question,
    status: record.status,
    askedAt: record.askedAt,
    ...(record.answer !== undefined ? { answer: record.answer, answeredAt: record.answeredAt } : {}),
  };
}

export interface QuestionPage {
  readonly items: QuestionRecord[];
  readonly lastKey: Record<string, unknown> | undefined;
}

/** One page of a tender's questions, optionally only those matching a filter. */
export async function queryQuestions(
  tenderId: string,
  options: {
    status?: Question['status'];
    askerContractorId?: string;
    limit?: number;
    startKey?: Record<string, unknown> | undefined;
  },
): Promise<QuestionPage> {
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': tenderPk(tenderId), ':q': questionEntity.skPrefix({}) };
  if (options.status) {
    filters.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = options.status;
  }
  if (options.askerContractorId) {
    filters.push('askerContractorId = :asker');
    values[':asker'] = options.askerContractorId;
  }
  const page = await db.send(
    new QueryCommand({
      TableName: tenderTable(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :q)',
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      ...(options.limit ? { Limit: options.limit } : {}),
      ExclusiveStartKey: options.startKey,
      ConsistentRead: true,
    }),
  );
  return { items: (page.Items ?? []) as QuestionRecord[], lastKey: page.LastEvaluatedKey };
}

/** Every answered question of a tender, for the tender's public page. */
export async function answeredQuestions(tenderId: string): Promise<Question[]> {
  const all: Question[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryQuestions(tenderId, { status: 'answered', startKey });
    all.push(...page.items.map(toQuestion));
    startKey = page.lastKey;
  } while (startKey);
  return all;
}
