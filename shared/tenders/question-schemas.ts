// Clarification questions. Whoever asked stays out of every view: the public, the procuring
// entity and the asker see the same fields; only the audit trail records the asker.
import * as z from 'zod';
import { Id, Instant, PageQuery, Text } from '../schemas/common.ts';

export const QuestionStatus = z.enum(['open', 'answered']);

export const QuestionRequest = z.strictObject({
  question: Text(5000),
  /** The lot the question is about, if any. */
  lotId: Id.optional(),
});

export const AnswerRequest = z.strictObject({ answer: Text(10_000) });

export const Question = z.object({
  questionId: Id,
  tenderId: Id,
  lotId: Id.optional(),
  question: z.string(),
  status: QuestionStatus,
  askedAt: Instant,
  answer: z.string().optional(),
  answeredAt: Instant.optional(),
});

export const MyQuestionsQuery = PageQuery.extend({ tenderId: Id });
export const EntityQuestionsQuery = PageQuery.extend({ status: QuestionStatus.optional() });

export type Question = z.infer<typeof Question>;
