import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/evaluation/index.ts';
import { agreed, bid, ineligible, vnd } from './builders.ts';

describe('technical-score', () => {
  it('ranks bids meeting the minimum by technical score, highest first', () => {
    const report = evaluate(
      vnd(
        'technical-score',
        [
          bid('A', 900, { technicalScore: agreed(85) }),
          bid('B', 1_000, { technicalScore: agreed(92) }),
          bid('C', 100, { technicalScore: agreed(65) }),
          bid('D', 100, {
            eligibility: ineligible([{ criterion: 'experience', reason: 'two contracts needed' }]),
          }),
        ],
        { minTechnicalScore: 70 },
      ),
    );
    expect(report.steps.ranking[0]?.ranked.map((r) => [r.rank, r.bidId, r.decidedBy])).toEqual([
      [1, 'B', null],
      [2, 'A', 'technical-score'],
    ]);
    expect(report.outcomes.map((o) => [o.bidId, o.status === 'excluded' ? o.reason : o.rank])).toEqual([
      ['A', 2],
      ['B', 1],
      ['C', 'below-minimum-technical-score'],
      ['D', 'ineligible'],
    ]);
    expect(report.steps.computation.find((c) => c.bidId === 'A')?.combinedScore).toBeUndefined();
  });

  it('compares scores given out of different maxima exactly', () => {
    // 100 × 2/3 = 66.67 against 67: different maxima, compared as fractions.
    const report = evaluate(
      vnd(
        'technical-score',
        [bid('A', 1, { technicalScore: agreed(2, 3) }), bid('B', 1, { technicalScore: agreed(67) })],
        { minTechnicalScore: 0 },
      ),
    );
    expect(report.steps.ranking[0]?.ranked.map((r) => r.bidId)).toEqual(['B', 'A']);
    expect(report.steps.computation[0]?.technical?.score).toEqual({
      fraction: '200/3',
      decimal: '66.666667',
    });
  });

  it('ranks on the exact fraction even where the rendered decimals are equal', () => {
    // 100 × 999998/999999 = 99.9998999999… and 100 × 999999/1000000 = 99.9999 both render 99.999900.
    const report = evaluate(
      vnd(
        'technical-score',
        [
          bid('A', 1, { technicalScore: agreed(999_998, 999_999) }),
          bid('B', 2, { technicalScore: agreed(999_999, 1_000_000) }),
        ],
        { minTechnicalScore: 70 },
      ),
    );
    const [a, b] = report.steps.computation;
    expect(a?.technical?.score.decimal).toBe('99.999900');
    expect(b?.technical?.score.decimal).toBe('99.999900');
    expect(report.steps.ranking[0]?.ranked.map((r) => [r.bidId, r.decidedBy])).toEqual([
      ['B', null],
      ['A', 'technical-score'],
    ]);
  });

  it('orders scores closer together than the fixed-point sort key can tell apart', () => {
    // On a 1-point scale these differ by about 1e-12, below the 2^-32 step of the sort's fast key.
    const report = evaluate(
      vnd(
        'technical-score',
        [
          bid('A', 1, { technicalScore: agreed(999_998, 999_999) }),
          bid('B', 2, { technicalScore: agreed(999_999, 1_000_000) }),
        ],
        { maxScore: 1, minTechnicalScore: 0 },
      ),
    );
    expect(report.steps.ranking[0]?.ranked.map((r) => [r.bidId, r.decidedBy])).toEqual([
      ['B', null],
      ['A', 'technical-score'],
    ]);
  });

  it('breaks an equal technical score by lower price after discount, then receipt time', () => {
    const report = evaluate(
      vnd(
        'technical-score',
        [
          bid('A', 1_000, { technicalScore: agreed(80), receivedAt: '2025-03-10T01:00:00Z' }),
          bid('B', 1_100, { technicalScore: agreed(8, 10), discount: { kind: 'amount', amount: 200 } }),
          bid('C', 1_000, { technicalScore: agreed(80), receivedAt: '2025-03-10T00:59:00Z' }),
        ],
        { minTechnicalScore: 70 },
      ),
    );
    expect(report.steps.ranking[0]?.ranked.map((r) => [r.bidId, r.decidedBy, r.tieBreak])).toEqual([
      ['B', null, false],
      ['C', 'price-after-discount', true],
      ['A', 'received-at', true],
    ]);
  });
});
