import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id, Page, PageQuery } from '../../shared/schemas/common.ts';
import { Question } from '../../shared/tenders/question-schemas.ts';
import {
  Category,
  ProcurementMethod,
  PublicStatus,
  Revision,
  RevisionSummary,
  Tender,
  TenderSummary,
  UtcInstant,
} from '../../shared/tenders/tender-schemas.ts';

const TenderParams = z.strictObject({ tenderId: Id });
const tags = ['tenders'];

export const TenderListQuery = PageQuery.extend({
  status: PublicStatus.optional(),
  category: Category.optional(),
  /** The procedure (GET /procedures lists them). */
  procurementMethod: ProcurementMethod.optional(),
  /** Words that must all appear in the title; case and Vietnamese diacritics do not matter. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Organisation id of the procuring entity. */
  buyer: Id.optional(),
  deadlineFrom: UtcInstant.optional(),
  deadlineTo: UtcInstant.optional(),
}).refine((q) => !q.deadlineFrom || !q.deadlineTo || q.deadlineFrom <= q.deadlineTo, {
  path: ['deadlineTo'],
  message: 'must not be before deadlineFrom',
});

export const PublicTenderDetail = Tender.extend({
  revisions: z.array(RevisionSummary),
  /** Answered clarification questions, without who asked. */
  questions: z.array(Question),
});

export const tenderPublicRoutes = {
  listTenders: defineRoute({
    operationId: 'listTenders',
    method: 'GET',
    path: '/tenders',
    summary: 'Published and cancelled tenders: by deadline within each status, or newest first for one buyer',
    tags,
    auth: 'public',
    query: TenderListQuery,
    response: Page(TenderSummary),
  }),
  getTender: defineRoute({
    operationId: 'getTender',
    method: 'GET',
    path: '/tenders/{tenderId}',
    summary: 'A published tender with its revisions and answered questions',
    tags,
    auth: 'public',
    params: TenderParams,
    response: PublicTenderDetail,
  }),
  getTenderRevision: defineRoute({
    operationId: 'getTenderRevision',
    method: 'GET',
    path: '/tenders/{tenderId}/revisions/{revision}',
    summary: 'The full tender as published in one revision',
    tags,
    auth: 'public',
    params: TenderParams.extend({ revision: z.coerce.number().int().positive() }),
    response: Revision,
  }),
  listTenderQuestions: defineRoute({
    operationId: 'listTenderQuestions',
    method: 'GET',
    path: '/tenders/{tenderId}/questions',
    summary: "A published tender's answered clarification questions (never who asked)",
    tags,
    auth: 'public',
    params: TenderParams,
    query: PageQuery,
    response: Page(Question),
  }),
};
