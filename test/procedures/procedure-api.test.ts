// The procedure rules through the HTTP API against the emulators, at the law's periods
// (PERIOD_ACCELERATION=1) with one stage override: refusals at draft, publish and amend name the
// field, the rule, its limit and the value; GET /procedures serves the stage's numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  createDraft,
  dayMs,
  type Entity,
  fromNow,
  ifMatch,
  letTimePass,
  procuringEntity,
  publishedTender,
  registeredContractor,
  setStoredDeadline,
  storedTender,
  tenderBody,
} from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
beforeAll(async () => {
  cloud = await startTestCloud({
    PERIOD_ACCELERATION: '1',
    PROCEDURE_LIMITED_MIN_SUBMISSION_DAYS_DOMESTIC: '21',
  });
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

// Requests take time: "exactly the limit" through the API is the limit plus this margin (the
// pure tests in procedure-rules.test.ts check the exact instant).
const margin = 60_000;
// Goods lots: VND 2.5 bn in all is a small package, VND 12 bn a large one (bid security 1.5 %).
const largeLots = [{ title: 'Lô 1', estimatedValue: 12_000_000_000, bidSecurityAmount: 180_000_000 }];
const deadlines = (days: number, extraMs = 0) => ({
  submissionDeadline: fromNow(days * dayMs + extraMs),
  questionsDeadline: fromNow(2 * dayMs),
});
const publish = (tenderId: string, version: number) =>
  cloud.call('POST', `/tenders/${tenderId}/publish`, { token: entity.token, headers: ifMatch(version) });

describe('minimum submission period', () => {
  it.each([
    ['domestic', 'small', {}, 9],
    ['domestic', 'large', { lots: largeLots }, 18],
    ['international', 'small', { biddingScope: 'international' }, 18],
    ['international', 'large', { biddingScope: 'international', lots: largeLots }, 35],
  ] as const)(
    '%s %s package: %i days; refused a day short at draft, published at the limit',
    async (_s, _z, body, days) => {
      const short = await cloud.call('POST', '/tenders', {
        token: entity.token,
        body: tenderBody({ ...body, ...deadlines(days - 1) }),
      });
      expect(short.status, JSON.stringify(short.body)).toBe(422);
      expect(short.body.code).toBe('PROCEDURE_RULE_BROKEN');
      expect(short.body.errors).toEqual([
        {
          field: 'body.submissionDeadline',
          message: expect.stringContaining(`${days} days`),
          code: 'PROCEDURE_RULE_BROKEN',
          rule: 'min-submission-period',
          limit: days,
          value: expect.closeTo(days - 1, 1),
          unit: 'days',
        },
      ]);

      const draft = await createDraft(cloud, entity, { ...body, ...deadlines(days, margin) });
      expect(draft.biddingScope).toBe((body as { biddingScope?: string }).biddingScope ?? 'domestic');
      const published = await publish(draft.tenderId, draft.version);
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(await storedTender(draft.tenderId)).toMatchObject({
        status: 'published',
        biddingScope: draft.biddingScope,
      });
    },
  );

  it('refuses at publish a draft whose period ran short while it waited, changing nothing', async () => {
    const draft = await createDraft(cloud, entity, deadlines(9, margin));
    // Two days later it is published: 7 days are left (the stored deadline moves, as time would).
    await setStoredDeadline(draft.tenderId, 'submissionDeadline', fromNow(7 * dayMs));
    const refused = await publish(draft.tenderId, draft.version);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      field: 'tender.submissionDeadline',
      rule: 'min-submission-period',
      limit: 9,
    });
    expect(refused.body.errors[0].value).toBeLessThan(9);
    expect(await storedTender(draft.tenderId)).toMatchObject({ status: 'draft', version: draft.version });
  });

  it("applies a stage's override: limited bidding takes 21 days here", async () => {
    const refused = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: tenderBody({ procurementMethod: 'limited', lots: largeLots, ...deadlines(20, margin) }),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ rule: 'min-submission-period', limit: 21 });
  });
});

describe('other rules at draft', () => {
  it('refuses bid security outside its range, small and large package, naming the lot', async () => {
    const small = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: tenderBody({
        lots: [{ title: 'Lô 1', estimatedValue: 1_000_000_000, bidSecurityAmount: 20_000_000 }],
      }),
    });
    expect(small.status).toBe(422);
    expect(small.body.errors).toEqual([
      expect.objectContaining({
        field: 'body.lots.0.bidSecurityAmount',
        rule: 'bid-security-max',
        limit: 1.5,
        value: 2,
        unit: 'percent',
      }),
    ]);
    const large = await cloud.call('POST', '/tenders', {
      token: entity.token,
      body: tenderBody({
        lots: [{ title: 'Lô 1', estimatedValue: 12_000_000_000, bidSecurityAmount: 120_000_000 }],
      }),
    });
    expect(large.body.errors).toEqual([
      expect.objectContaining({
        field: 'body.lots.0.bidSecurityAmount',
        rule: 'bid-security-min',
        limit: 1.5,
        value: 1,
      }),
    ]);
    // 2 % is fine for the large package.
    await createDraft(cloud, entity, {
      lots: [{ title: 'Lô 1', estimatedValue: 12_000_000_000, bidSecurityAmount: 240_000_000 }],
    });
  });

  it('refuses questions closing within the cut-off: 3 working days domestic, 5 international', async () => {
    const closing = fromNow(30 * dayMs);
    const tooLate = new Date(Date.parse(closing) - 1 * dayMs).toISOString();
    for (const [scope, limit] of [
      ['domestic', 3],
      ['international', 5],
    ] as const) {
      const refused = await cloud.call('POST', '/tenders', {
        token: entity.token,
        body: tenderBody({ biddingScope: scope, submissionDeadline: closing, questionsDeadline: tooLate }),
      });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0]).toMatchObject({
        field: 'body.questionsDeadline',
        rule: 'clarification-cutoff',
        limit,
      });
    }
  });

  it('refuses a procedure breach in a draft edit too', async () => {
    const draft = await createDraft(cloud, entity);
    const edited = await cloud.call('PATCH', `/tenders/${draft.tenderId}`, {
      token: entity.token,
      headers: ifMatch(draft.version),
      body: { procurementMethod: 'competitive-shopping', envelopeProcedure: 'two-envelope' },
    });
    expect(edited.status).toBe(422);
    expect(edited.body.errors[0]).toMatchObject({
      field: 'body.envelopeProcedure',
      rule: 'envelope-procedure',
      limit: ['one-envelope'],
      value: 'two-envelope',
    });
  });
});

describe('amendments', () => {
  it('refuses cutting the deadline below the minimum period', async () => {
    const tender = await publishedTender(cloud, entity);
    const cut = await cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(tender.version),
      body: {
        changes: { submissionDeadline: fromNow(8 * dayMs), questionsDeadline: fromNow(2 * dayMs) },
        note: 'Rút ngắn',
      },
    });
    expect(cut.status).toBe(422);
    expect(cut.body.errors[0]).toMatchObject({
      field: 'body.changes.submissionDeadline',
      rule: 'min-submission-period',
      limit: 9,
    });
    expect(await storedTender(tender.tenderId)).toMatchObject({ version: tender.version, revision: 1 });
  });

  it('large package: an amendment 10 days before closing keeps it, one 9 days before moves it to 10 days', async () => {
    const tender = await publishedTender(cloud, entity, { lots: largeLots, ...deadlines(30) });
    // 20 days pass less a minute: 10 days and a minute are left, enough.
    await letTimePass(tender.tenderId, 20 * dayMs - margin);
    const kept = await cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(tender.version),
      body: { changes: { description: 'Làm rõ' }, note: 'Làm rõ' },
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    expect(kept.body.deadlineExtended).toBeUndefined();
    // A day later 9 days are left: closing moves to 10 days after the amendment.
    await letTimePass(tender.tenderId, dayMs);
    const before = (await storedTender(tender.tenderId))?.submissionDeadline;
    const moved = await cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(kept.body.tender.version),
      body: { changes: { description: 'Bổ sung' }, note: 'Bổ sung' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const at = moved.body.revision.at as string;
    const to = new Date(Date.parse(at) + 10 * dayMs).toISOString();
    expect(moved.body.deadlineExtended).toMatchObject({
      from: before,
      to,
      rule: 'amendment-period',
      limit: 10,
      unit: 'days',
    });
    expect(await storedTender(tender.tenderId)).toMatchObject({ submissionDeadline: to, revision: 3 });
  });

  it('answers are refused within 2 working days of closing', async () => {
    const tender = await publishedTender(cloud, entity);
    const contractor = await registeredContractor(cloud);
    const asked = await cloud.call('POST', `/tenders/${tender.tenderId}/questions`, {
      token: contractor.token,
      body: { question: 'Bảo hành bao lâu?' },
    });
    expect(asked.status).toBe(201);
    await letTimePass(tender.tenderId, 29 * dayMs);
    const late = await cloud.call(
      'POST',
      `/tenders/${tender.tenderId}/questions/${asked.body.questionId}/answer`,
      {
        token: entity.token,
        body: { answer: '24 tháng' },
      },
    );
    expect(late.status).toBe(422);
    expect(late.body.errors[0]).toMatchObject({ rule: 'clarification-answer-cutoff', limit: 2 });
  });
});

describe('GET /procedures', () => {
  it("serves every procedure, available ones with this stage's numbers", async () => {
    const response = await cloud.call('GET', '/procedures');
    expect(response.status).toBe(200);
    expect(response.body.acceleration).toBe(1);
    const byId = Object.fromEntries(response.body.items.map((p: any) => [p.id, p]));
    expect(Object.keys(byId)).toEqual([
      'open',
      'limited',
      'competitive-shopping',
      'online-price-offering',
      'online-shopping',
    ]);
    expect(byId.open).toMatchObject({
      available: true,
      envelopeProcedures: ['one-envelope', 'two-envelope'],
      biddingScopes: ['domestic', 'international'],
    });
    expect(byId.open.settings.minSubmissionDaysDomestic).toMatchObject({
      value: 18,
      default: 18,
      unit: 'days',
      setting: 'PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC',
      effectiveMs: 18 * dayMs,
    });
    expect(byId.limited.settings.minSubmissionDaysDomestic).toMatchObject({ value: 21, default: 18 });
    expect(byId['competitive-shopping']).toMatchObject({
      biddingScopes: ['domestic'],
      envelopeProcedures: ['one-envelope'],
    });
    expect(byId['online-shopping']).toMatchObject({ available: false });
    expect(byId['online-shopping'].settings).toBeUndefined();
    const doc = await cloud.call('GET', '/openapi.json');
    expect(
      doc.body.paths['/procedures'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('items');
    expect(doc.body.components.schemas.Problem.properties.errors.items.properties).toHaveProperty('rule');
  });
});
