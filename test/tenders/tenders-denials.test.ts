// Everything a caller may not do to a tender, and proof that a refused request changed nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  createDraft,
  dayMs,
  type Entity,
  fromNow,
  ifMatch,
  procuringEntity,
  publishedTender,
  registeredContractor,
  setStoredDeadline,
  storedTender,
  tenderAuditTrail,
  tenderBody,
} from './fixtures.ts';

let cloud: TestCloud;
let owner: Entity;
let other: Entity;
beforeAll(async () => {
  cloud = await startTestCloud();
  owner = await procuringEntity(cloud);
  other = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

const fieldsOf = (body: any) => (body.errors ?? []).map((e: any) => e.field);

describe('who may act on a tender', () => {
  it("refuses another organisation's procuring entity on every route, changing nothing", async () => {
    const draft = await createDraft(cloud, owner);
    const id = draft.tenderId;
    const attempts = [
      cloud.call('PATCH', `/tenders/${id}`, {
        token: other.token,
        headers: ifMatch(1),
        body: { title: 'Hijack' },
      }),
      cloud.call('POST', `/tenders/${id}/publish`, { token: other.token, headers: ifMatch(1) }),
      cloud.call('POST', `/tenders/${id}/cancel`, {
        token: other.token,
        headers: ifMatch(1),
        body: { reason: 'sabotage' },
      }),
      cloud.call('GET', `/entity/tenders/${id}`, { token: other.token }),
      cloud.call('GET', `/entity/tenders/${id}/questions`, { token: other.token }),
      cloud.call('POST', `/tenders/${id}/documents`, {
        token: other.token,
        body: { fileName: 'x.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) },
      }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
    const published = await cloud.call('POST', `/tenders/${id}/publish`, {
      token: owner.token,
      headers: ifMatch(1),
    });
    expect(published.status).toBe(200);
    const amend = await cloud.call('POST', `/tenders/${id}/amendments`, {
      token: other.token,
      headers: ifMatch(2),
      body: { changes: { title: 'Hijack' }, note: 'x' },
    });
    expect(amend.status).toBe(403);
    expect(await storedTender(id)).toMatchObject({ version: 2, status: 'published', title: draft.title });
    expect((await tenderAuditTrail(id)).map((e) => e.action)).toEqual(['tender.created', 'tender.published']);
    const ownList = await cloud.call('GET', '/entity/tenders', { token: other.token });
    expect(ownList.body.items.map((t: any) => t.tenderId)).not.toContain(id);
  });

  it('refuses contractors, anonymous callers and entities without a registered organisation', async () => {
    const contractor = await registeredContractor(cloud);
    expect(
      (await cloud.call('POST', '/tenders', { token: contractor.token, body: tenderBody() })).status,
    ).toBe(403);
    expect((await cloud.call('GET', '/entity/tenders', { token: contractor.token })).status).toBe(403);
    expect((await cloud.call('POST', '/tenders', { body: tenderBody() })).status).toBe(401);
    const noOrg = await cloud.token('pe-no-org', 'procuring-entity');
    const withoutClaim = await cloud.call('POST', '/tenders', { token: noOrg, body: tenderBody() });
    expect(withoutClaim.status).toBe(403);
    expect(withoutClaim.body.detail).toContain('organisation');
    const ghost = await cloud.token('pe-ghost', 'procuring-entity', '01ARZ3NDEKTSV4RRFFQ69G5FAV');
    const unknownOrg = await cloud.call('POST', '/tenders', { token: ghost, body: tenderBody() });
    expect(unknownOrg.status).toBe(403);
    expect(unknownOrg.body.detail).toContain('not registered');
  });
});

describe('server-owned fields', () => {
  it('refuses status, ids, timestamps, versions and the buyer in a new tender, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'published' }, 'body.status'],
      [{ tenderId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'body.tenderId'],
      [{ createdAt: '2025-01-01T00:00:00Z' }, 'body.createdAt'],
      [{ publishedAt: '2025-01-01T00:00:00Z' }, 'body.publishedAt'],
      [{ version: 7 }, 'body.version'],
      [{ revision: 2 }, 'body.revision'],
      [{ buyer: other.organisationId }, 'body.buyer'],
      [
        {
          lots: [
            { lotId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', title: 'x', estimatedValue: 100, bidSecurityAmount: 0 },
          ],
        },
        'body.lots.0.lotId',
      ],
    ];
    for (const [extra, field] of cases) {
      const response = await cloud.call('POST', '/tenders', { token: owner.token, body: tenderBody(extra) });
      expect(response.status, field).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(response.body), field).toContain(field);
    }
  });

  it('refuses them in edits and amendments too', async () => {
    const draft = await createDraft(cloud, owner);
    const patch = await cloud.call('PATCH', `/tenders/${draft.tenderId}`, {
      token: owner.token,
      headers: ifMatch(1),
      body: { status: 'published' },
    });
    expect(patch.status).toBe(400);
    expect(fieldsOf(patch.body)).toEqual(['body.status']);
    const empty = await cloud.call('PATCH', `/tenders/${draft.tenderId}`, {
      token: owner.token,
      headers: ifMatch(1),
      body: {},
    });
    expect(empty.status).toBe(400);
    const publish = await cloud.call('POST', `/tenders/${draft.tenderId}/publish`, {
      token: owner.token,
      headers: ifMatch(1),
    });
    const amend = await cloud.call('POST', `/tenders/${draft.tenderId}/amendments`, {
      token: owner.token,
      headers: ifMatch(publish.body.version),
      body: { changes: { version: 1, updatedAt: '2025-01-01T00:00:00Z' }, note: 'x' },
    });
    expect(amend.status).toBe(400);
    expect(fieldsOf(amend.body)).toEqual(['body.changes.version,updatedAt']);
    expect(await storedTender(draft.tenderId)).toMatchObject({ version: 2, revision: 1 });
  });
});

describe('optimistic concurrency', () => {
  it('answers a stale If-Match with 412 and the current ETag, a missing one with 428', async () => {
    const draft = await createDraft(cloud, owner);
    const path = `/tenders/${draft.tenderId}`;
    const first = await cloud.call('PATCH', path, {
      token: owner.token,
      headers: ifMatch(1),
      body: { minBids: 2 },
    });
    expect(first.status).toBe(200);
    const stale = await cloud.call('PATCH', path, {
      token: owner.token,
      headers: ifMatch(1),
      body: { minBids: 3 },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    const missing = await cloud.call('PATCH', path, { token: owner.token, body: { minBids: 3 } });
    expect(missing.status).toBe(428);
    const garbage = await cloud.call('PATCH', path, {
      token: owner.token,
      headers: { 'if-match': 'yesterday' },
      body: { minBids: 3 },
    });
    expect(garbage.status).toBe(400);
    for (const route of ['publish', 'cancel']) {
      const response = await cloud.call('POST', `${path}/${route}`, {
        token: owner.token,
        ...(route === 'cancel' ? { body: { reason: 'x' } } : {}),
      });
      expect(response.status, route).toBe(428);
    }
    expect(await storedTender(draft.tenderId)).toMatchObject({ version: 2, minBids: 2 });
  });

  it('lets exactly one of two concurrent writers with the same ETag win', async () => {
    const draft = await createDraft(cloud, owner);
    const path = `/tenders/${draft.tenderId}`;
    const results = await Promise.all(
      [4, 5, 6, 7].map((minBids) =>
        cloud.call('PATCH', path, { token: owner.token, headers: ifMatch(1), body: { minBids } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200)?.body.minBids;
    expect(await storedTender(draft.tenderId)).toMatchObject({ version: 2, minBids: winner });
    expect((await tenderAuditTrail(draft.tenderId)).map((e) => e.action)).toEqual([
      'tender.created',
      'tender.updated',
    ]);
  });
});

describe('lifecycle rules', () => {
  it('edits only drafts, amends only published tenders, publishes once, cancels once', async () => {
    const draft = await createDraft(cloud, owner);
    const id = draft.tenderId;
    const amendDraft = await cloud.call('POST', `/tenders/${id}/amendments`, {
      token: owner.token,
      headers: ifMatch(1),
      body: { changes: { title: 'Tên mới' }, note: 'x' },
    });
    expect(amendDraft.status).toBe(409);
    await cloud.call('POST', `/tenders/${id}/publish`, { token: owner.token, headers: ifMatch(1) });
    const patchPublished = await cloud.call('PATCH', `/tenders/${id}`, {
      token: owner.token,
      headers: ifMatch(2),
      body: { title: 'Tên mới' },
    });
    expect(patchPublished.status).toBe(409);
    const again = await cloud.call('POST', `/tenders/${id}/publish`, {
      token: owner.token,
      headers: ifMatch(2),
    });
    expect(again.status).toBe(409);
    const cancel = await cloud.call('POST', `/tenders/${id}/cancel`, {
      token: owner.token,
      headers: ifMatch(2),
      body: { reason: 'Hủy' },
    });
    expect(cancel.status).toBe(200);
    const twice = await cloud.call('POST', `/tenders/${id}/cancel`, {
      token: owner.token,
      headers: ifMatch(3),
      body: { reason: 'Hủy' },
    });
    expect(twice.status).toBe(409);
    const noReason = await cloud.call(
      'POST',
      `/tenders/${(await createDraft(cloud, owner)).tenderId}/cancel`,
      {
        token: owner.token,
        headers: ifMatch(1),
        body: {},
      },
    );
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['body.reason']);
  });

  it('refuses to publish with a deadline in the past, naming the field', async () => {
    // A draft with past deadlines is refused when drafted (PROCEDURE_RULE_BROKEN); one whose
    // deadlines passed while it waited is refused at publication.
    const draft = await createDraft(cloud, owner);
    await setStoredDeadline(draft.tenderId, 'submissionDeadline', fromNow(-dayMs));
    await setStoredDeadline(draft.tenderId, 'questionsDeadline', fromNow(-2 * dayMs));
    const response = await cloud.call('POST', `/tenders/${draft.tenderId}/publish`, {
      token: owner.token,
      headers: ifMatch(1),
    });
    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['tender.submissionDeadline', 'tender.questionsDeadline']);
    expect(await storedTender(draft.tenderId)).toMatchObject({ status: 'draft', version: 1 });
  });

  it('refuses amendments after the deadline and deadlines in the past', async () => {
    const tender = await publishedTender(cloud, owner);
    const past = await cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
      token: owner.token,
      headers: ifMatch(tender.version),
      body: { changes: { submissionDeadline: fromNow(-60_000) }, note: 'x' },
    });
    expect(past.status).toBe(400);
    expect(fieldsOf(past.body)).toEqual(['body.changes.submissionDeadline']);
    await setStoredDeadline(tender.tenderId, 'submissionDeadline', fromNow(-60_000));
    const closed = await cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
      token: owner.token,
      headers: ifMatch(tender.version),
      body: { changes: { title: 'Quá hạn' }, note: 'x' },
    });
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toContain('deadline');
  });
});

describe('consistency rules, each naming its field', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'weights that do not add up to 100',
      { evaluation: { method: 'combined', technicalWeight: 20, priceWeight: 70 } },
      ['body.evaluation.priceWeight'],
    ],
    [
      'combined without weights',
      { evaluation: { method: 'combined' } },
      ['body.evaluation.technicalWeight', 'body.evaluation.priceWeight'],
    ],
    [
      'weights on a lowest-price tender',
      { evaluation: { method: 'lowest-price', technicalWeight: 50, priceWeight: 50 } },
      ['body.evaluation.technicalWeight', 'body.evaluation.priceWeight'],
    ],
    [
      'technical score for goods',
      { evaluation: { method: 'technical-score', minTechnicalScore: 70 } },
      ['body.evaluation.method'],
    ],
    [
      'technical score without a pass mark',
      { category: 'consulting', evaluation: { method: 'technical-score' } },
      ['body.evaluation.minTechnicalScore'],
    ],
    [
      'consulting with a technical weight outside 70-80 %',
      { category: 'consulting', evaluation: { method: 'combined', technicalWeight: 50, priceWeight: 50 } },
      ['body.evaluation.technicalWeight'],
    ],
    [
      'evaluated price for consulting',
      { category: 'consulting', evaluation: { method: 'evaluated-price' } },
      ['body.evaluation.method'],
    ],
    [
      'questions closing after submissions',
      { questionsDeadline: fromNow(40 * dayMs) },
      ['body.questionsDeadline'],
    ],
    ['no lots', { lots: [] }, ['body.lots']],
    // Bid security outside its range is a procedure rule (422): test/procedures/procedure-api.test.ts.
    [
      'a fractional amount',
      { lots: [{ title: 'Lô 1', estimatedValue: 1_000_000.5, bidSecurityAmount: 0 }] },
      ['body.lots.0.estimatedValue'],
    ],
    ['bid validity over 180 days', { bidValidityDays: 365 }, ['body.bidValidityDays']],
    ['minBids over 9', { minBids: 10 }, ['body.minBids']],
    [
      'a deadline with an offset',
      { submissionDeadline: '2030-01-01T10:00:00+07:00' },
      ['body.submissionDeadline'],
    ],
    ['an unknown category', { category: 'services' }, ['body.category']],
    ['an unknown currency', { currency: 'XYZ' }, ['body.currency']],
  ];
  it.each(cases)('refuses %s', async (_name, overrides, fields) => {
    const response = await cloud.call('POST', '/tenders', {
      token: owner.token,
      body: tenderBody(overrides),
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(fields);
  });

  it('accepts consulting by technical score and combined 80/20', async () => {
    for (const evaluation of [
      { method: 'technical-score', minTechnicalScore: 80 },
      { method: 'combined', technicalWeight: 80, priceWeight: 20, minTechnicalScore: 70 },
    ]) {
      const response = await cloud.call('POST', '/tenders', {
        token: owner.token,
        body: tenderBody({ category: 'consulting', evaluation }),
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
  });

  it('checks an edit against the merged tender, and lot ids against the tender', async () => {
    const draft = await createDraft(cloud, owner);
    const path = `/tenders/${draft.tenderId}`;
    const method = await cloud.call('PATCH', path, {
      token: owner.token,
      headers: ifMatch(1),
      body: { evaluation: { method: 'combined' } },
    });
    expect(method.status).toBe(400);
    expect(fieldsOf(method.body)).toEqual(['body.evaluation.technicalWeight', 'body.evaluation.priceWeight']);
    const lot = await cloud.call('PATCH', path, {
      token: owner.token,
      headers: ifMatch(1),
      body: {
        lots: [{ lotId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', title: 'x', estimatedValue: 1, bidSecurityAmount: 0 }],
      },
    });
    expect(lot.status).toBe(400);
    expect(fieldsOf(lot.body)).toEqual(['body.lots.0.lotId']);
    const deadline = await cloud.call('PATCH', path, {
      token: owner.token,
      headers: ifMatch(1),
      body: { submissionDeadline: fromNow(10 * dayMs) },
    });
    expect(deadline.status).toBe(400);
    expect(fieldsOf(deadline.body)).toEqual(['body.questionsDeadline']);
    expect(await storedTender(draft.tenderId)).toMatchObject({ version: 1 });
  });

  it('answers malformed ids with 400 and unknown tenders with 404', async () => {
    const malformed = await cloud.call('GET', '/entity/tenders/not-an-id', { token: owner.token });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual(['path.tenderId']);
    const unknown = await cloud.call('GET', '/entity/tenders/01ARZ3NDEKTSV4RRFFQ69G5FAV', {
      token: owner.token,
    });
    expect(unknown.status).toBe(404);
  });
});
