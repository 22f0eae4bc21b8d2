// The public list: only published (or cancelled after publication) tenders, filters, and cursor
// pagination. Each test works in its own far-future deadline window or with its own buyer, so
// other tests' tenders in the shared tables cannot disturb it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  createDraft,
  type Entity,
  ifMatch,
  procuringEntity,
  publishedTender,
  storedTender,
  tenderBody,
} from './fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

/** A window of deadlines no other test uses: a random hour between 2040 and 2090. */
function window() {
  const start = Date.UTC(2040, 0, 1) + Math.floor(Math.random() * 50 * 365 * 24) * 3_600_000;
  const at = (minute: number) => new Date(start + minute * 60_000).toISOString();
  return { at, from: at(0), to: at(59) };
}

const inWindow = (w: ReturnType<typeof window>, minute: number, extra: Record<string, unknown> = {}) => ({
  submissionDeadline: w.at(minute),
  questionsDeadline: w.at(minute - 60 * 24),
  ...extra,
});

async function listAll(query: string) {
  const ids: string[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const response = await cloud.call(
      'GET',
      `/tenders?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    ids.push(...response.body.items.map((t: any) => t.tenderId));
    pages.push(response.body.items.length);
    cursor = response.body.nextCursor;
  } while (cursor);
  return { ids, pages };
}

describe('public tender list', () => {
  it('lists published tenders of a deadline window in deadline order, page by page', async () => {
    const w = window();
    const minutes = [30, 10, 50, 20, 40];
    const tenders = [];
    for (const minute of minutes) tenders.push(await publishedTender(cloud, entity, inWindow(w, minute)));
    const byDeadline = [...tenders]
      .sort((a, b) => (a.submissionDeadline < b.submissionDeadline ? -1 : 1))
      .map((t) => t.tenderId);

    const { ids, pages } = await listAll(
      `status=published&limit=2&deadlineFrom=${w.from}&deadlineTo=${w.to}`,
    );
    expect(ids).toEqual(byDeadline);
    expect(pages.slice(0, 3)).toEqual([2, 2, 1]);

    const narrow = await cloud.call(
      'GET',
      `/tenders?status=published&deadlineFrom=${w.at(20)}&deadlineTo=${w.at(40)}`,
    );
    expect(narrow.body.items.map((t: any) => t.submissionDeadline)).toEqual([w.at(20), w.at(30), w.at(40)]);
    expect(narrow.body.items[0]).toMatchObject({
      status: 'published',
      buyer: entity.organisationId,
      lotCount: 2,
    });
  });

  it('never lists drafts or tenders cancelled before publication, and 404s them', async () => {
    const w = window();
    const draft = await createDraft(cloud, entity, inWindow(w, 5));
    const cancelledDraft = await createDraft(cloud, entity, inWindow(w, 6));
    await cloud.call('POST', `/tenders/${cancelledDraft.tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(1),
      body: { reason: 'Không cần nữa' },
    });
    expect(await storedTender(cancelledDraft.tenderId)).toMatchObject({ status: 'cancelled' });
    const published = await publishedTender(cloud, entity, inWindow(w, 7));

    const { ids } = await listAll(`deadlineFrom=${w.from}&deadlineTo=${w.to}`);
    expect(ids).toEqual([published.tenderId]);
    const byBuyer = await listAll(`buyer=${entity.organisationId}`);
    expect(byBuyer.ids).toContain(published.tenderId);
    expect(byBuyer.ids).not.toContain(draft.tenderId);
    expect(byBuyer.ids).not.toContain(cancelledDraft.tenderId);
    for (const id of [draft.tenderId, cancelledDraft.tenderId]) {
      expect((await cloud.call('GET', `/tenders/${id}`)).status).toBe(404);
      expect((await cloud.call('GET', `/tenders/${id}/questions`)).status).toBe(404);
      expect((await cloud.call('GET', `/tenders/${id}/revisions/1`)).status).toBe(404);
    }
    // The owner still sees all three.
    const own = await cloud.call('GET', '/entity/tenders?limit=100', { token: entity.token });
    const ownIds = own.body.items.map((t: any) => t.tenderId);
    expect(ownIds).toEqual(
      expect.arrayContaining([draft.tenderId, cancelledDraft.tenderId, published.tenderId]),
    );
  });

  it('filters by status and category, and lists both public statuses without a status', async () => {
    const w = window();
    const goods = await publishedTender(cloud, entity, inWindow(w, 10));
    const works = await publishedTender(cloud, entity, inWindow(w, 20, { category: 'works' }));
    const cancelled = await publishedTender(cloud, entity, inWindow(w, 30, { category: 'works' }));
    await cloud.call('POST', `/tenders/${cancelled.tenderId}/cancel`, {
      token: entity.token,
      headers: ifMatch(cancelled.version),
      body: { reason: 'Thay đổi nhu cầu' },
    });
    const range = `deadlineFrom=${w.from}&deadlineTo=${w.to}`;
    expect((await listAll(`${range}&status=published`)).ids).toEqual([goods.tenderId, works.tenderId]);
    expect((await listAll(`${range}&status=cancelled`)).ids).toEqual([cancelled.tenderId]);
    expect((await listAll(`${range}&category=works`)).ids).toEqual([works.tenderId, cancelled.tenderId]);
    // Published first, then cancelled, across pages of one.
    const all = await listAll(`${range}&limit=1`);
    expect(all.ids).toEqual([goods.tenderId, works.tenderId, cancelled.tenderId]);
  });

  it('filters by procedure and by words of the title, without diacritics or case, in both reads', async () => {
    const w = window();
    const computers = await publishedTender(
      cloud,
      entity,
      inWindow(w, 10, { title: 'Mua sắm Máy tính xách tay' }),
    );
    const limited = await publishedTender(
      cloud,
      entity,
      inWindow(w, 20, { title: 'Sửa chữa đường Láng', procurementMethod: 'limited' }),
    );
    const range = `deadlineFrom=${w.from}&deadlineTo=${w.to}`;
    expect((await listAll(`${range}&procurementMethod=limited`)).ids).toEqual([limited.tenderId]);
    expect((await listAll(`${range}&procurementMethod=open`)).ids).toEqual([computers.tenderId]);
    // Typed as people do: no diacritics, other case, extra spaces; every word must appear.
    expect((await listAll(`${range}&q=${encodeURIComponent('may  TINH')}`)).ids).toEqual([
      computers.tenderId,
    ]);
    expect((await listAll(`${range}&q=${encodeURIComponent('duong lang')}`)).ids).toEqual([limited.tenderId]);
    expect((await listAll(`${range}&q=${encodeURIComponent('máy láng')}`)).ids).toEqual([]);
    // A buyer's list takes the same filters.
    const buyer = `buyer=${entity.organisationId}`;
    expect((await listAll(`${buyer}&q=xach%20tay&limit=100`)).ids).toContain(computers.tenderId);
    expect((await listAll(`${buyer}&q=xach%20tay&limit=100`)).ids).not.toContain(limited.tenderId);
    // The folded title is a search key, not part of the tender anyone reads.
    const listed = await cloud.call('GET', `/tenders?${range}&q=lang`);
    expect(listed.body.items[0]).not.toHaveProperty('titleSearch');
    expect((await cloud.call('GET', `/tenders/${limited.tenderId}`)).body).not.toHaveProperty('titleSearch');
    expect(await storedTender(limited.tenderId)).toMatchObject({ titleSearch: 'sua chua duong lang' });
  });

  it("filters by buyer, newest first, with the buyer's own pagination", async () => {
    const buyer = await procuringEntity(cloud);
    const first = await publishedTender(cloud, buyer);
    const second = await publishedTender(cloud, buyer, { category: 'works' });
    await createDraft(cloud, buyer);
    const { ids } = await listAll(`buyer=${buyer.organisationId}&limit=1`);
    expect(ids).toEqual([second.tenderId, first.tenderId]);
    expect((await listAll(`buyer=${buyer.organisationId}&category=works`)).ids).toEqual([second.tenderId]);
    const own = await cloud.call('GET', '/entity/tenders?status=draft', { token: buyer.token });
    expect(own.body.items).toHaveLength(1);
  });

  it('refuses bad filters and cursors naming the parameter', async () => {
    const reversed = await cloud.call(
      'GET',
      '/tenders?deadlineFrom=2030-02-01T00:00:00Z&deadlineTo=2030-01-01T00:00:00Z',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].field).toBe('query.deadlineTo');
    const draftStatus = await cloud.call('GET', '/tenders?status=draft');
    expect(draftStatus.status).toBe(400);
    expect(draftStatus.body.errors[0].field).toBe('query.status');
    const garbage = await cloud.call('GET', '/tenders?cursor=not-a-cursor');
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0].field).toBe('query.cursor');

    const w = window();
    await publishedTender(cloud, entity, inWindow(w, 1));
    await publishedTender(cloud, entity, inWindow(w, 2));
    const page = await cloud.call(
      'GET',
      `/tenders?status=published&limit=1&deadlineFrom=${w.from}&deadlineTo=${w.to}`,
    );
    expect(page.body.nextCursor).toBeDefined();
    const otherFilters = await cloud.call(
      'GET',
      `/tenders?status=cancelled&cursor=${encodeURIComponent(page.body.nextCursor)}`,
    );
    expect(otherFilters.status).toBe(400);
    expect(otherFilters.body.errors[0].field).toBe('query.cursor');
  });

  it('shows a tender body the public can use, without drafts-only data', async () => {
    const tender = await publishedTender(cloud, entity, tenderBody());
    const detail = await cloud.call('GET', `/tenders/${tender.tenderId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      tenderId: tender.tenderId,
      status: 'published',
      revision: 1,
      revisions: [expect.objectContaining({ revision: 1, kind: 'publication' })],
      questions: [],
    });
    expect(detail.body.pk).toBeUndefined();
    expect(detail.body.gsi1pk).toBeUndefined();
  });
});
