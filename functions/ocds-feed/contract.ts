// GET /ocds/changes: releases in the audit log's order, with the log position as the cursor.
import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Release } from '../../shared/ocds/ocds-schemas.ts';

export const ChangesQuery = z.strictObject({
  /** The `cursor` of the previous page: the log position (seq) read up to. */
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ChangeFeedPage = z.object({
  items: z.array(
    z.object({
      seq: z.number().int().describe('log position of the event that made this release'),
      release: Release,
    }),
  ),
  cursor: z
    .number()
    .int()
    .optional()
    .describe('the log position read up to: pass as `after`; stable across restarts (the log is durable)'),
  caughtUp: z.boolean().describe('no entry up to the latest signed checkpoint is left to read'),
  links: z.object({ next: z.string() }).optional(),
});

export const ocdsFeedRoutes = {
  listOcdsChanges: defineRoute({
    operationId: 'listOcdsChanges',
    method: 'GET',
    path: '/ocds/changes',
    summary:
      'OCDS releases in audit-log order (never by clock: nothing committed late is skipped), after a log position, up to the latest checkpoint',
    tags: ['ocds'],
    auth: 'public',
    query: ChangesQuery,
    response: ChangeFeedPage,
  }),
};
