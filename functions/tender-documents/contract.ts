import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id } from '../../shared/schemas/common.ts';
import { ConfirmResult, UploadRequest, UploadTicket } from '../../shared/tenders/document-schemas.ts';

const TenderParams = z.strictObject({ tenderId: Id });
const tags = ['tender documents'];

export const tenderDocumentRoutes = {
  requestDocumentUpload: defineRoute({
    operationId: 'requestDocumentUpload',
    method: 'POST',
    path: '/tenders/{tenderId}/documents',
    summary:
      'Declare a bidding document (name, type, size, SHA-256) and get a presigned PUT signed for exactly that size and checksum',
    tags,
    auth: ['procuring-entity'],
    params: TenderParams,
    body: UploadRequest,
    response: UploadTicket,
    successStatus: 201,
  }),
  confirmDocument: defineRoute({
    operationId: 'confirmDocument',
    method: 'POST',
    path: '/tenders/{tenderId}/documents/{documentId}/confirm',
    summary:
      'Check the uploaded object against the declared size and SHA-256 and make the document available (on a published tender: a new revision)',
    tags,
    auth: ['procuring-entity'],
    params: TenderParams.extend({ documentId: Id }),
    response: ConfirmResult,
  }),
};
