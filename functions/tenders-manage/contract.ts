import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id, Page, PageQuery } from '../../shared/schemas/common.ts';
import {
  AmendmentRequest,
  AmendmentResult,
  CancelRequest,
  Tender,
  TenderChanges,
  TenderCreate,
  TenderStatus,
  TenderSummary,
} from '../../shared/tenders/tender-schemas.ts';

const TenderParams = z.strictObject({ tenderId: Id });
const tags = ['tenders'];
const auth = ['procuring-entity'] as const;

export const tenderManageRoutes = {
  createTender: defineRoute({
    operationId: 'createTender',
    method: 'POST',
    path: '/tenders',
    summary: "Create a draft tender for the caller's organisation",
    tags,
    auth,
    body: TenderCreate,
    response: Tender,
    successStatus: 201,
  }),
  updateTender: defineRoute({
    operationId: 'updateTender',
    method: 'PATCH',
    path: '/tenders/{tenderId}',
    summary: 'Edit a draft (published tenders change by amendment)',
    tags,
    auth,
    params: TenderParams,
    body: TenderChanges,
    response: Tender,
    requiresIfMatch: true,
  }),
  publishTender: defineRoute({
    operationId: 'publishTender',
    method: 'POST',
    path: '/tenders/{tenderId}/publish',
    summary: 'Publish a draft: it becomes public as revision 1',
    tags,
    auth,
    params: TenderParams,
    response: Tender,
    requiresIfMatch: true,
  }),
  cancelTender: defineRoute({
    operationId: 'cancelTender',
    method: 'POST',
    path: '/tenders/{tenderId}/cancel',
    summary: 'Cancel a draft or published tender, with the reason',
    tags,
    auth,
    params: TenderParams,
    body: CancelRequest,
    response: Tender,
    requiresIfMatch: true,
  }),
  amendTender: defineRoute({
    operationId: 'amendTender',
    method: 'POST',
    path: '/tenders/{tenderId}/amendments',
    summary:
      "Amend a published tender: a new revision; the deadline moves out if less than the procedure's amendment period (10 days, 3 working days for a small package) would remain",
    tags,
    auth,
    params: TenderParams,
    body: AmendmentRequest,
    response: AmendmentResult,
    successStatus: 201,
    requiresIfMatch: true,
  }),
  listOwnTenders: defineRoute({
    operationId: 'listOwnTenders',
    method: 'GET',
    path: '/entity/tenders',
    summary: "The caller's organisation's tenders, drafts included, newest first",
    tags,
    auth,
    query: PageQuery.extend({ status: TenderStatus.optional() }),
    response: Page(TenderSummary),
  }),
  getOwnTender: defineRoute({
    operationId: 'getOwnTender',
    method: 'GET',
    path: '/entity/tenders/{tenderId}',
    summary: "One of the caller's organisation's tenders, drafts included",
    tags,
    auth,
    params: TenderParams,
    response: Tender,
  }),
};
