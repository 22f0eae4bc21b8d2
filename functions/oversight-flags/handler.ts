import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { FLAG_KINDS } from '../../shared/ocds-export/flag-rows.ts';
import { currentFlagRun, queryFlagRows } from '../../shared/ocds-export/flag-store.ts';
import { decodePosition, encodePosition, fillPage } from '../../shared/platform/paged-query.ts';
import { oversightFlagRoutes } from './contract.ts';

export const handler = httpHandler(oversightFlagRoutes, {
  async listRedFlags(request) {
    const { query } = request;
    const run = await currentFlagRun();
    if (!run) return { body: { items: [] } };
    // A cursor belongs to one run: once the flags are recomputed it is refused (CURSOR_INVALID).
    const cursors = cursorsOf(request, { runId: run.runId });
    // An indicator without a kind reads each kind's slice of the run in turn.
    const kinds = query.kind ? [query.kind] : query.indicator ? FLAG_KINDS : [undefined];
    const { items, next } = await fillPage(
      query.limit,
      await decodePosition(cursors, storedKeySchema('flags'), kinds.length),
      kinds.length,
      (part, limit, startKey) => {
        const kind = kinds[part];
        return queryFlagRows(
          run.runId,
          { ...(kind ? { kind } : {}), ...(query.indicator ? { indicator: query.indicator } : {}) },
          limit,
          startKey,
        );
      },
    );
    const nextCursor = await encodePosition(cursors, next);
    const { runId, exportRunId, exportedAt, computedAt, releases, flags } = run;
    return {
      body: {
        run: { runId, exportRunId, exportedAt, computedAt, releases, flags },
        items,
        ...(nextCursor ? { nextCursor } : {}),
      },
    };
  },
});
