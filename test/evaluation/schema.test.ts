import { describe, expect, it } from 'vitest';
import { type EvaluationInput, evaluate, EvaluationInput as Schema } from '../../shared/evaluation/index.ts';
import { agreed, bid, ineligible, vnd } from './builders.ts';

function issues(input: unknown): string[] {
  const result = Schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function rejects(input: unknown, path: string): void {
  const found = issues(input);
  expect(found.length, 'the input should be refused').toBeGreaterThan(0);
  expect(
    found.some((i) => i.startsWith(`${path}:`)),
    found.join('\n'),
  ).toBe(true);
}

const combined = (bids: EvaluationInput['bids'], extra: Partial<EvaluationInput> = {}) =>
  vnd('combined', bids, {
    weights: { technicalPercent: 70, pricePercent: 30 },
    minTechnicalScore: 70,
    ...extra,
  });

describe('EvaluationInput', () => {
  it('accepts amounts as safe integers, bigints and digit strings alike', () => {
    const asNumber = evaluate(vnd('lowest-price', [bid('A', 1_000), bid('B', 2_000)]));
    const asOthers = evaluate(vnd('lowest-price', [bid('A', 1_000n), bid('B', '2000')]));
    expect(asOthers).toEqual(asNumber);
  });

  it('refuses prices that are not positive integers', () => {
    rejects(vnd('lowest-price', [bid('A', 1.5)]), 'bids.0.price');
    rejects(vnd('lowest-price', [bid('A', 2 ** 53)]), 'bids.0.price');
    rejects(vnd('lowest-price', [bid('A', Number.NaN)]), 'bids.0.price');
    rejects(vnd('lowest-price', [bid('A', '1e6')]), 'bids.0.price');
    rejects(vnd('lowest-price', [bid('A', '1.0')]), 'bids.0.price');
    rejects(vnd('lowest-price', [bid('A', 0)]), 'bids.0.price');
    rejects(vnd('lowest-price', [bid('A', -5n)]), 'bids.0.price');
  });

  it('refuses a currency that is not an ISO 4217 code', () => {
    rejects({ ...vnd('lowest-price', []), currency: 'vnd' }, 'currency');
    rejects({ ...vnd('lowest-price', []), currency: 'ĐỒNG' }, 'currency');
  });

  it('refuses discounts of 100 % or more, and amounts at or above the price or below zero', () => {
    rejects(
      vnd('lowest-price', [bid('A', 100, { discount: { kind: 'percent', basisPoints: 10_000 } })]),
      'bids.0.discount.basisPoints',
    );
    rejects(
      vnd('lowest-price', [bid('A', 100, { discount: { kind: 'percent', basisPoints: 12.5 } })]),
      'bids.0.discount.basisPoints',
    );
    rejects(
      vnd('lowest-price', [bid('A', 100, { discount: { kind: 'amount', amount: 100 } })]),
      'bids.0.discount.amount',
    );
    rejects(
      vnd('lowest-price', [bid('A', 100, { discount: { kind: 'amount', amount: -1 } })]),
      'bids.0.discount.amount',
    );
    expect(
      issues(vnd('lowest-price', [bid('A', 100, { discount: { kind: 'amount', amount: 99 } })])),
    ).toEqual([]);
  });

  it('refuses a receipt time that is not a UTC instant', () => {
    for (const receivedAt of [
      '2025-03-10T09:00:00+07:00',
      '2025-03-10 02:00:00Z',
      '2025-02-29T02:00:00Z',
      '2025-03-10T02:00:00.1234567891Z',
    ]) {
      rejects(vnd('lowest-price', [bid('A', 1, { receivedAt })]), 'bids.0.receivedAt');
    }
  });

  it('refuses unknown fields instead of dropping them', () => {
    rejects(
      vnd('lowest-price', [{ ...bid('A', 100), discont: { kind: 'amount', amount: 5 } } as never]),
      'bids.0',
    );
    rejects({ ...vnd('lowest-price', []), weight: 1 }, '');
  });

  it('refuses duplicate bids, and two bids by one contractor in one lot', () => {
    rejects(vnd('lowest-price', [bid('A', 1), bid('A', 2, { contractorId: 'other' })]), 'bids.1.bidId');
    rejects(
      vnd('lowest-price', [bid('A', 1, { contractorId: 'k' }), bid('B', 2, { contractorId: 'k' })]),
      'bids.1.contractorId',
    );
    expect(
      issues(
        vnd('lowest-price', [
          bid('A', 1, { contractorId: 'k' }),
          bid('B', 2, { contractorId: 'k', lotId: 'lot-2' }),
        ]),
      ),
    ).toEqual([]);
  });

  it('refuses a bid with no eligibility assessment, or the same criterion twice', () => {
    rejects(vnd('lowest-price', [bid('A', 1, { eligibility: [] })]), 'bids.0.eligibility');
    rejects(
      vnd('lowest-price', [
        bid('A', 1, {
          eligibility: [
            { criterion: 'x', pass: true },
            { criterion: 'x', pass: false },
          ],
        }),
      ]),
      'bids.0.eligibility.1.criterion',
    );
  });

  it('refuses settings that belong to another method', () => {
    rejects(
      vnd('lowest-price', [bid('A', 1, { adjustments: [{ label: 'x', amount: 1 }] })]),
      'bids.0.adjustments',
    );
    rejects(
      vnd(
        'technical-score',
        [bid('A', 1, { technicalScore: agreed(80), adjustments: [{ label: 'x', amount: 1 }] })],
        {
          minTechnicalScore: 70,
        },
      ),
      'bids.0.adjustments',
    );
    rejects(vnd('lowest-price', [], { weights: { technicalPercent: 70, pricePercent: 30 } }), 'weights');
    rejects(vnd('evaluated-price', [], { minTechnicalScore: 70 }), 'minTechnicalScore');
    rejects(vnd('evaluated-price', [], { maxScore: 100 }), 'maxScore');
    rejects(vnd('lowest-price', [bid('A', 1, { technicalScore: agreed(80) })]), 'bids.0.technicalScore');
  });

  it('needs the settings its method depends on', () => {
    rejects(vnd('combined', []), 'weights');
    rejects(vnd('technical-score', []), 'minTechnicalScore');
    rejects(combined([bid('A', 1)]), 'bids.0.technicalScore');
    expect(issues(combined([bid('A', 1, { eligibility: ineligible([{ criterion: 'licence' }]) })]))).toEqual(
      [],
    );
  });

  it('refuses weights that do not add up to the whole', () => {
    rejects(combined([], { weights: { technicalPercent: 70, pricePercent: 20 } }), 'weights');
    rejects(combined([], { weights: { technicalBasisPoints: 7000, priceBasisPoints: 3001 } }), 'weights');
    rejects(combined([], { weights: { technicalPercent: 70.5, pricePercent: 29.5 } }), 'weights');
  });

  it('refuses a minimum above the scale', () => {
    rejects(combined([], { minTechnicalScore: 101 }), 'minTechnicalScore');
    expect(issues(combined([], { minTechnicalScore: 700, maxScore: 1000 }))).toEqual([]);
  });

  it('refuses technical points above their maximum, and evaluators scoring different criteria', () => {
    rejects(combined([bid('A', 1, { technicalScore: agreed(11, 10) })]), 'bids.0.technicalScore.points');
    rejects(
      combined([
        bid('A', 1, {
          technicalScore: {
            kind: 'evaluators',
            scores: [
              { evaluatorId: 'e1', criterion: 'method', points: 5, outOf: 10 },
              { evaluatorId: 'e2', criterion: 'staff', points: 5, outOf: 10 },
            ],
          },
        }),
      ]),
      'bids.0.technicalScore.scores',
    );
    rejects(
      combined([
        bid('A', 1, {
          technicalScore: {
            kind: 'evaluators',
            scores: [
              { evaluatorId: 'e1', criterion: 'method', points: 5, outOf: 10 },
              { evaluatorId: 'e2', criterion: 'method', points: 5, outOf: 20 },
            ],
          },
        }),
      ]),
      'bids.0.technicalScore.scores',
    );
    rejects(
      combined([
        bid('A', 1, {
          technicalScore: {
            kind: 'evaluators',
            scores: [
              { evaluatorId: 'e1', criterion: 'method', points: 5, outOf: 10 },
              { evaluatorId: 'e1', criterion: 'method', points: 6, outOf: 10 },
            ],
          },
        }),
      ]),
      'bids.0.technicalScore.scores.1',
    );
  });

  it('makes evaluate throw on invalid input rather than rank it', () => {
    expect(() => evaluate(vnd('lowest-price', [bid('A', 1.5)]))).toThrow(/price/);
  });
});
