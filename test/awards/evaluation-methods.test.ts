// Every evaluation method through the pipeline: bids sealed, opened at the deadline, verdicts and
// scores entered by evaluators, the ranking run on the evaluation queue. Each case is worked by
// hand in its comment, so a wrong wiring (a lost discount, an ignored adjustment, an unapplied
// minimum) changes the order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputObjectKey, readValidatedInput } from '../../shared/awards/evaluation-snapshot.ts';
import { getEvaluation } from '../../shared/awards/evaluation-store.ts';
import { evaluate } from '../../shared/evaluation/index.ts';
import { startOwnCloud } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity } from '../tenders/fixtures.ts';
import { adjust, openTenderWith, rank, rankedKeys, score, verdict } from './pipeline-support.ts';

let cloud: TestCloud;
let entity: Entity;
let secondEvaluator: string;

beforeAll(async () => {
  cloud = await startOwnCloud();
  entity = await procuringEntity(cloud);
  secondEvaluator = await cloud.token(`pe-${crypto.randomUUID()}`, 'procuring-entity', entity.organisationId);
});
afterAll(() => cloud?.stop());

// One case after another: each moves the clock past its tender's deadline, which would close the
// tender of a case still sealing its bids.
describe('each method ranks a known case', { timeout: 90_000 }, () => {
  it('lowest price: price after discount, ineligible bids out first', async () => {
    // A 1 000 000 000 − 2 % = 980 000 000; B 990 000 000; C 950 000 000 but fails bid security;
    // D 985 000 000. Ranking A, D, B; C excluded at eligibility.
    const t = await openTenderWith(cloud, entity, { evaluation: { method: 'lowest-price' } }, [
      { key: 'A', price: 1_000_000_000, discount: { kind: 'percent', basisPoints: 200 } },
      { key: 'B', price: 990_000_000 },
      { key: 'C', price: 950_000_000 },
      { key: 'D', price: 985_000_000 },
    ]);
    for (const key of ['A', 'B', 'C', 'D']) {
      const bidId = t.bids[key]?.bidId as string;
      await verdict(cloud, entity.token, t.tenderId, bidId, 'legal-status', true);
      await verdict(
        cloud,
        entity.token,
        t.tenderId,
        bidId,
        'bid-security',
        key !== 'C',
        key === 'C' ? 'bảo lãnh hết hạn' : undefined,
      );
    }
    const document = await rank(cloud, entity.token, t.tenderId);
    expect(rankedKeys(document, t)).toEqual(['A', 'D', 'B']);
    const excluded = document.report.outcomes.find((o: any) => o.bidId === t.bids.C?.bidId);
    expect(excluded).toMatchObject({ status: 'excluded', step: 'eligibility', reason: 'ineligible' });
    expect(document.report.steps.eligibility.find((e: any) => e.bidId === t.bids.C?.bidId).failed).toEqual([
      { criterion: 'bid-security', reason: 'bảo lãnh hết hạn' },
    ]);
    expect(document.input.bids.find((b: any) => b.bidId === t.bids.A?.bidId).discount).toEqual({
      kind: 'percent',
      basisPoints: 200,
    });
    // Validated once, by the request, which stored the input with its hash in the evaluation
    // record; the worker ranked exactly that input, read back, and refuses it under another hash.
    const ref = (await getEvaluation(t.tenderId))?.input;
    expect(ref?.objectKey).toBe(inputObjectKey(t.tenderId, document.requestId));
    const stored = await readValidatedInput(t.tenderId, document.requestId, ref as NonNullable<typeof ref>);
    expect(stored.input).toEqual(document.input);
    expect(JSON.parse(JSON.stringify(evaluate(stored.input)))).toEqual(document.report);
    await expect(
      readValidatedInput(t.tenderId, document.requestId, {
        ...(ref as NonNullable<typeof ref>),
        sha256: '0'.repeat(64),
      }),
    ).rejects.toThrow(/does not match/);
    await expect(
      readValidatedInput(t.tenderId, 'another-request', ref as NonNullable<typeof ref>),
    ).rejects.toThrow(/not the one stored/);
  });

  it('evaluated price: adjustments added to the price after discount', async () => {
    // A 1 000 000 000 + 50 000 000 = 1 050 000 000; B 1 020 000 000; C 1 030 000 000 − 20 000 000
    // = 1 010 000 000. Ranking C, B, A (A is cheapest on price alone).
    const t = await openTenderWith(
      cloud,
      entity,
      { category: 'works', evaluation: { method: 'evaluated-price' } },
      [
        { key: 'A', price: 1_000_000_000 },
        { key: 'B', price: 1_020_000_000 },
        { key: 'C', price: 1_030_000_000 },
      ],
    );
    for (const key of ['A', 'B', 'C'])
      await verdict(cloud, entity.token, t.tenderId, t.bids[key]?.bidId as string, 'legal-status', true);
    await adjust(cloud, entity.token, t.tenderId, t.bids.A?.bidId as string, 'life-cycle-cost', 50_000_000);
    await adjust(cloud, entity.token, t.tenderId, t.bids.C?.bidId as string, 'deviation', -20_000_000);
    const document = await rank(cloud, entity.token, t.tenderId);
    expect(rankedKeys(document, t)).toEqual(['C', 'B', 'A']);
    const computed = Object.fromEntries(
      document.report.steps.computation.map((c: any) => [c.bidId, c.evaluatedPrice]),
    );
    expect(computed[t.bids.A?.bidId as string]).toBe('1050000000');
    expect(computed[t.bids.C?.bidId as string]).toBe('1010000000');
  });

  it('combined: 70 % technical, 30 % price, two evaluators averaged', async () => {
    // Technical (two evaluators, two criteria of 50): A 90, B 70, C 80. Lowest price 800 000 000:
    // price scores A 80, B 100, C 88.89. Combined A 87, B 79, C 82.67. Ranking A, C, B.
    const t = await openTenderWith(
      cloud,
      entity,
      { evaluation: { method: 'combined', technicalWeight: 70, priceWeight: 30, minTechnicalScore: 60 } },
      [
        { key: 'A', price: 1_000_000_000 },
        { key: 'B', price: 800_000_000 },
        { key: 'C', price: 900_000_000 },
      ],
    );
    const sheets: Record<string, [number, number, number, number]> = {
      A: [46, 44, 45, 45],
      B: [36, 34, 35, 35],
      C: [41, 39, 40, 40],
    };
    for (const [key, [m1, s1, m2, s2]] of Object.entries(sheets)) {
      const bidId = t.bids[key]?.bidId as string;
      await verdict(cloud, entity.token, t.tenderId, bidId, 'legal-status', true);
      await score(cloud, entity.token, t.tenderId, bidId, 'method', m1, 50);
      await score(cloud, entity.token, t.tenderId, bidId, 'staff', s1, 50);
      await score(cloud, secondEvaluator, t.tenderId, bidId, 'method', m2, 50);
      await score(cloud, secondEvaluator, t.tenderId, bidId, 'staff', s2, 50);
    }
    const document = await rank(cloud, entity.token, t.tenderId);
    expect(rankedKeys(document, t)).toEqual(['A', 'C', 'B']);
    const combined = Object.fromEntries(
      document.report.steps.computation.map((c: any) => [c.bidId, c.combinedScore.fraction]),
    );
    expect(combined[t.bids.A?.bidId as string]).toBe('87/1');
    expect(combined[t.bids.B?.bidId as string]).toBe('79/1');
  });

  it('technical score: highest score first, below the minimum out', async () => {
    // Consulting, pass mark 75: A 85, B 92, C 70 (excluded). Ranking B, A.
    const t = await openTenderWith(
      cloud,
      entity,
      { category: 'consulting', evaluation: { method: 'technical-score', minTechnicalScore: 75 } },
      [
        { key: 'A', price: 500_000_000 },
        { key: 'B', price: 700_000_000 },
        { key: 'C', price: 300_000_000 },
      ],
    );
    for (const [key, points] of Object.entries({ A: 85, B: 92, C: 70 })) {
      const bidId = t.bids[key]?.bidId as string;
      await verdict(cloud, entity.token, t.tenderId, bidId, 'legal-status', true);
      await score(cloud, entity.token, t.tenderId, bidId, 'overall', points, 100);
    }
    const document = await rank(cloud, entity.token, t.tenderId);
    expect(rankedKeys(document, t)).toEqual(['B', 'A']);
    expect(document.report.outcomes.find((o: any) => o.bidId === t.bids.C?.bidId)).toMatchObject({
      status: 'excluded',
      reason: 'below-minimum-technical-score',
    });
  });
});
