import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/evaluation/index.ts';
import { agreed, bid, ineligible, vnd } from './builders.ts';

const w7030 = { technicalPercent: 70, pricePercent: 30 };

describe('combined', () => {
  // Lowest evaluated price among the bids that pass: B's 800,000 (D is cheaper but below the minimum).
  //   A: price 100 × 800/1000 = 80,     combined 0.7 × 90 + 0.3 × 80    = 87
  //   B: price 100,                     combined 0.7 × 80 + 0.3 × 100   = 86
  //   C: price 100 × 800/1200 = 200/3,  combined 0.7 × 95 + 0.3 × 200/3 = 86.5
  const tender = vnd(
    'combined',
    [
      bid('A', 1_000_000, { technicalScore: agreed(90) }),
      bid('B', 800_000, { technicalScore: agreed(80) }),
      bid('C', 1_200_000, { technicalScore: agreed(95) }),
      bid('D', 500_000, { technicalScore: agreed(60) }),
      bid('E', 100_000, { eligibility: ineligible([{ criterion: 'licence' }]) }),
    ],
    { weights: w7030, minTechnicalScore: 70 },
  );

  it('ranks by the weighted sum of technical and price scores, exactly', () => {
    const report = evaluate(tender);
    expect(report.steps.ranking).toEqual([
      {
        lotId: 'lot-1',
        lowestEvaluatedPrice: '800000',
        ranked: [
          { rank: 1, bidId: 'A', contractorId: 'contractor-A', decidedBy: null, tieBreak: false },
          { rank: 2, bidId: 'C', contractorId: 'contractor-C', decidedBy: 'combined-score', tieBreak: false },
          { rank: 3, bidId: 'B', contractorId: 'contractor-B', decidedBy: 'combined-score', tieBreak: false },
        ],
      },
    ]);
    const c = report.steps.computation.find((x) => x.bidId === 'C');
    expect(c?.technical).toEqual({
      kind: 'agreed',
      points: 95,
      outOf: 100,
      score: { fraction: '95/1', decimal: '95.000000' },
      minimum: 70,
      meetsMinimum: true,
    });
    expect(c?.priceScore).toEqual({
      fraction: '200/3',
      decimal: '66.666667',
      lowestEvaluatedPrice: '800000',
    });
    expect(c?.combinedScore).toEqual({ fraction: '173/2', decimal: '86.500000' });
    expect(report.steps.computation.find((x) => x.bidId === 'A')?.combinedScore?.fraction).toBe('87/1');
    expect(report.weights).toEqual({ technicalBasisPoints: 7000, priceBasisPoints: 3000 });
    expect(report.maxScore).toBe(100);
    expect(report.rankingOrder).toEqual([
      'combined-score',
      'technical-score',
      'price-after-discount',
      'received-at',
      'bid-id',
    ]);
  });

  it('excludes a bid below the minimum technical score before taking the lowest price', () => {
    const report = evaluate(tender);
    const d = report.steps.computation.find((x) => x.bidId === 'D');
    expect(d?.technical?.meetsMinimum).toBe(false);
    expect(d?.priceScore).toBeUndefined();
    expect(report.outcomes.find((o) => o.bidId === 'D')).toEqual({
      bidId: 'D',
      lotId: 'lot-1',
      status: 'excluded',
      step: 'computation',
      reason: 'below-minimum-technical-score',
      detail: 'technical score 60.000000 is below the minimum 70',
    });
    expect(report.outcomes.find((o) => o.bidId === 'E')).toMatchObject({
      status: 'excluded',
      step: 'eligibility',
    });
  });

  it('lets a score exactly at the minimum pass', () => {
    const report = evaluate(
      vnd('combined', [bid('A', 100, { technicalScore: agreed(7, 10) })], {
        weights: w7030,
        minTechnicalScore: 70,
      }),
    );
    expect(report.outcomes[0]).toEqual({ bidId: 'A', lotId: 'lot-1', status: 'ranked', rank: 1 });
  });

  it('gives the same report for weights in percent and in basis points', () => {
    const inBasisPoints = { ...tender, weights: { technicalBasisPoints: 7000, priceBasisPoints: 3000 } };
    expect(evaluate(inBasisPoints)).toEqual(evaluate(tender));
  });

  it('scales to the tender’s score and 80/20 weights', () => {
    // maxScore 1000, 80/20. A: tech 1000 × 850/1000 = 850, price 1000 × 900/1000 = 900 → 0.8×850 + 0.2×900 = 860
    //                       B: tech 800, price 1000 → 640 + 200 = 840
    const report = evaluate(
      vnd(
        'combined',
        [
          bid('A', 1_000, { technicalScore: agreed(850, 1000) }),
          bid('B', 900, { technicalScore: agreed(80, 100) }),
        ],
        {
          weights: { technicalBasisPoints: 8000, priceBasisPoints: 2000 },
          maxScore: 1000,
          minTechnicalScore: 700,
        },
      ),
    );
    expect(report.steps.computation.map((c) => [c.bidId, c.combinedScore?.fraction])).toEqual([
      ['A', '860/1'],
      ['B', '840/1'],
    ]);
    expect(report.steps.ranking[0]?.ranked.map((r) => r.bidId)).toEqual(['A', 'B']);
  });

  it('averages evaluators’ sheets into the technical score', () => {
    // E1: 50/60 + 30/40 = 80/100, E2: 54/60 + 36/40 = 90/100 → 170/200 → 85 on a 100-point scale.
    const sheet = (evaluatorId: string, c1: number, c2: number) => [
      { evaluatorId, criterion: 'method', points: c1, outOf: 60 },
      { evaluatorId, criterion: 'staff', points: c2, outOf: 40 },
    ];
    const report = evaluate(
      vnd(
        'combined',
        [
          bid('A', 1_000, {
            technicalScore: { kind: 'evaluators', scores: [...sheet('e2', 54, 36), ...sheet('e1', 50, 30)] },
          }),
        ],
        { weights: w7030, minTechnicalScore: 70 },
      ),
    );
    expect(report.steps.computation[0]?.technical).toEqual({
      kind: 'evaluators',
      points: 170,
      outOf: 200,
      evaluators: [
        { evaluatorId: 'e1', points: 80, outOf: 100 },
        { evaluatorId: 'e2', points: 90, outOf: 100 },
      ],
      score: { fraction: '85/1', decimal: '85.000000' },
      minimum: 70,
      meetsMinimum: true,
    });
    // Single bid: price score 100, combined 0.7 × 85 + 30 = 89.5.
    expect(report.steps.computation[0]?.combinedScore?.fraction).toBe('179/2');
  });

  it('breaks an equal combined score by the higher technical score', () => {
    // X: 0.7 × 90 + 0.3 × 80 = 87. Y: tech 100 × 57/70 = 570/7, 0.7 × 570/7 + 0.3 × 100 = 57 + 30 = 87.
    const report = evaluate(
      vnd(
        'combined',
        [
          bid('Y', 800_000, { technicalScore: agreed(57, 70), receivedAt: '2025-03-10T01:00:00Z' }),
          bid('X', 1_000_000, { technicalScore: agreed(90) }),
        ],
        { weights: w7030, minTechnicalScore: 70 },
      ),
    );
    const [first, second] = report.steps.computation;
    expect(first?.combinedScore).toEqual(second?.combinedScore);
    expect(report.steps.ranking[0]?.ranked.map((r) => [r.bidId, r.decidedBy, r.tieBreak])).toEqual([
      ['X', null, false],
      ['Y', 'technical-score', true],
    ]);
  });

  it('breaks equal combined and technical scores by the lower price after discount', () => {
    // Both evaluate to 1,000,000, so their price scores are equal; Q's price after discount is lower.
    const report = evaluate(
      vnd(
        'combined',
        [
          bid('P', 1_000_000, { technicalScore: agreed(80), receivedAt: '2025-03-10T01:00:00Z' }),
          bid('Q', 900_000, {
            technicalScore: agreed(80),
            adjustments: [{ label: 'deviation', amount: 100_000 }],
          }),
        ],
        { weights: w7030 },
      ),
    );
    expect(report.steps.ranking[0]?.ranked.map((r) => [r.bidId, r.decidedBy])).toEqual([
      ['Q', null],
      ['P', 'price-after-discount'],
    ]);
  });

  it('takes the price score from the evaluated price, after discount', () => {
    // A: 1,250,000 − 20 % = 1,000,000 → the lowest. B: 1,100,000 → price score 100 × 1000/1100 = 1000/11.
    const report = evaluate(
      vnd(
        'combined',
        [
          bid('A', 1_250_000, {
            technicalScore: agreed(80),
            discount: { kind: 'percent', basisPoints: 2000 },
          }),
          bid('B', 1_100_000, { technicalScore: agreed(80) }),
        ],
        { weights: w7030 },
      ),
    );
    expect(report.steps.ranking[0]?.lowestEvaluatedPrice).toBe('1000000');
    expect(report.steps.computation.find((c) => c.bidId === 'B')?.priceScore).toEqual({
      fraction: '1000/11',
      decimal: '90.909091',
      lowestEvaluatedPrice: '1000000',
    });
  });

  it('takes the lowest price per lot', () => {
    const report = evaluate(
      vnd(
        'combined',
        [
          bid('A', 100, { technicalScore: agreed(80), lotId: 'L1' }),
          bid('B', 400, { technicalScore: agreed(80), lotId: 'L2' }),
          bid('C', 800, { technicalScore: agreed(80), lotId: 'L2' }),
        ],
        { weights: w7030 },
      ),
    );
    expect(report.steps.ranking.map((l) => [l.lotId, l.lowestEvaluatedPrice])).toEqual([
      ['L1', '100'],
      ['L2', '400'],
    ]);
    expect(report.steps.computation.map((c) => c.priceScore?.fraction)).toEqual(['100/1', '100/1', '50/1']);
  });

  it('with 100/0 weights ranks on the technical score alone', () => {
    const report = evaluate(
      vnd(
        'combined',
        [bid('A', 100, { technicalScore: agreed(70) }), bid('B', 900, { technicalScore: agreed(71) })],
        { weights: { technicalPercent: 100, pricePercent: 0 } },
      ),
    );
    expect(report.steps.ranking[0]?.ranked.map((r) => r.bidId)).toEqual(['B', 'A']);
  });

  it('needs no technical score from a bid that failed eligibility', () => {
    const report = evaluate(
      vnd('combined', [bid('A', 100, { eligibility: ineligible([{ criterion: 'licence' }]) })], {
        weights: w7030,
      }),
    );
    expect(report.steps.ranking).toEqual([]);
    expect(report.outcomes[0]?.status).toBe('excluded');
  });
});
