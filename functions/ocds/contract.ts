import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { RecordPackage, ReleasePackage } from '../../shared/ocds/ocds-schemas.ts';
import { Id } from '../../shared/schemas/common.ts';
import { UtcInstant } from '../../shared/tenders/tender-schemas.ts';

const tags = ['ocds'];
const TenderParams = z.strictObject({ tenderId: Id });

export const ReleaseFeedQuery = z.strictObject({
  /** Only releases dated at or after this instant: harvest incrementally from the last run. */
  since: UtcInstant.optional(),
  /** Tenders (contracting processes) per page; each brings all its releases. */
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(2048).optional(),
});

export const ocdsRoutes = {
  listOcdsReleases: defineRoute({
    operationId: 'listOcdsReleases',
    method: 'GET',
    path: '/ocds/releases',
    summary:
      'OCDS 1.1 release package of published tenders (by status, latest deadline first), optionally only releases since an instant',
    tags,
    auth: 'public',
    query: ReleaseFeedQuery,
    response: ReleasePackage,
  }),
  getOcdsTenderReleases: defineRoute({
    operationId: 'getOcdsTenderReleases',
    method: 'GET',
    path: '/ocds/tenders/{tenderId}/releases',
    summary: 'OCDS 1.1 release package of every release of one published tender, oldest first',
    tags,
    auth: 'public',
    params: TenderParams,
    response: ReleasePackage,
  }),
  getOcdsTenderRecord: defineRoute({
    operationId: 'getOcdsTenderRecord',
    method: 'GET',
    path: '/ocds/tenders/{tenderId}/record',
    summary: 'OCDS 1.1 record package of one published tender: its releases and the compiled release',
    tags,
    auth: 'public',
    params: TenderParams,
    response: RecordPackage,
  }),
};
