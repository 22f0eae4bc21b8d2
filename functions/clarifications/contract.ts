import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id, Page } from '../../shared/schemas/common.ts';
import {
  AnswerRequest,
  EntityQuestionsQuery,
  MyQuestionsQuery,
  Question,
  QuestionRequest,
} from '../../shared/tenders/question-schemas.ts';

const TenderParams = z.strictObject({ tenderId: Id });
const tags = ['clarifications'];

export const clarificationRoutes = {
  askQuestion: defineRoute({
    operationId: 'askQuestion',
    method: 'POST',
    path: '/tenders/{tenderId}/questions',
    summary: 'Ask the procuring entity a question about a published tender, until its questions deadline',
    tags,
    auth: ['contractor'],
    params: TenderParams,
    body: QuestionRequest,
    response: Question,
    successStatus: 201,
  }),
  answerQuestion: defineRoute({
    operationId: 'answerQuestion',
    method: 'POST',
    path: '/tenders/{tenderId}/questions/{questionId}/answer',
    summary: 'Answer a question on your own tender; the answer is published, the asker is not',
    tags,
    auth: ['procuring-entity'],
    params: TenderParams.extend({ questionId: Id }),
    body: AnswerRequest,
    response: Question,
  }),
  listMyQuestions: defineRoute({
    operationId: 'listMyQuestions',
    method: 'GET',
    path: '/me/questions',
    summary: "The calling contractor's own questions on a tender, answered or not",
    tags,
    auth: ['contractor'],
    query: MyQuestionsQuery,
    response: Page(Question),
  }),
  listEntityQuestions: defineRoute({
    operationId: 'listEntityQuestions',
    method: 'GET',
    path: '/entity/tenders/{tenderId}/questions',
    summary: 'All questions on your own tender, to answer them (askers are not shown)',
    tags,
    auth: ['procuring-entity'],
    params: TenderParams,
    query: EntityQuestionsQuery,
    response: Page(Question),
  }),
};
