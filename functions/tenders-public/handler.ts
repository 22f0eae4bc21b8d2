import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { etag } from '../../shared/http/etag.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { notFound } from '../../shared/http/problem.ts';
import { decodePosition, encodePosition, fillPage } from '../../shared/platform/paged-query.ts';
import { answeredQuestions, queryQuestions, toQuestion } from '../../shared/tenders/question-store.ts';
import { listPublicTenders } from '../../shared/tenders/tender-listing.ts';
import type { Tender } from '../../shared/tenders/tender-schemas.ts';
import { getRevision, getTender, isPublic, listRevisions } from '../../shared/tenders/tender-store.ts';
import { tenderPublicRoutes } from './contract.ts';

/** Drafts do not exist for the public: same answer as an unknown id. */
async function publicTender(tenderId: string): Promise<Tender> {
  const tender = await getTender(tenderId);
  if (!tender || !isPublic(tender)) throw notFound(`no published tender ${tenderId}`);
  return tender;
}

export const handler = httpHandler(tenderPublicRoutes, {
  async listTenders(request) {
    return { body: await listPublicTenders(request.query, cursorsOf(request)) };
  },

  async getTender({ params }) {
    const tender = await publicTender(params.tenderId);
    const [revisions, questions] = await Promise.all([
      listRevisions(tender.tenderId),
      answeredQuestions(tender.tenderId),
    ]);
    return { body: { ...tender, revisions, questions }, headers: { etag: etag(tender.version) } };
  },

  async getTenderRevision({ params }) {
    await publicTender(params.tenderId);
    const revision = await getRevision(params.tenderId, params.revision);
    if (!revision) throw notFound(`tender ${params.tenderId} has no revision ${params.revision}`);
    return { body: revision };
  },

  async listTenderQuestions(request) {
    const { params, query } = request;
    await publicTender(params.tenderId);
    const cursors = cursorsOf(request);
    const { items, next } = await fillPage(
      query.limit,
      await decodePosition(cursors, storedKeySchema('tenders')),
      1,
      async (_part, limit, startKey) => {
        const page = await queryQuestions(params.tenderId, { status: 'answered', limit, startKey });
        return { items: page.items.map(toQuestion), lastKey: page.lastKey };
      },
    );
    return { body: { items, nextCursor: await encodePosition(cursors, next) } };
  },
});
