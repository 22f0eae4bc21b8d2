import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id } from '../../shared/schemas/common.ts';
import { DownloadLink } from '../../shared/tenders/document-schemas.ts';

export const tenderDocumentDownloadRoutes = {
  getDocumentLink: defineRoute({
    operationId: 'getDocumentLink',
    method: 'GET',
    path: '/tenders/{tenderId}/documents/{documentId}',
    summary: 'A short-lived download URL for an available document of a published tender, with its SHA-256',
    tags: ['tender documents'],
    auth: 'public',
    params: z.strictObject({ tenderId: Id, documentId: Id }),
    response: DownloadLink,
  }),
};
