import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/evaluation/index.ts';
import { bid, ineligible, vnd } from './builders.ts';

describe('evaluated-price', () => {
  it('adds declared adjustments, negative ones included, to the price after discount', () => {
    const report = evaluate(
      vnd('evaluated-price', [
        // 1,000,000 + 200,000 = 1,200,000
        bid('A', 1_000_000, { adjustments: [{ label: 'life-cycle: 5 years maintenance', amount: 200_000 }] }),
        // 1,100,000 − 50,000 = 1,050,000; + 100,000 − 30,000 = 1,120,000
        bid('B', 1_100_000, {
          discount: { kind: 'amount', amount: 50_000 },
          adjustments: [
            { label: 'deviation: missing spare parts', amount: 100_000 },
            { label: 'lower energy use', amount: -30_000 },
          ],
        }),
        // 1,300,000 − 250,000 = 1,050,000: the dearest price becomes the lowest evaluated price.
        bid('C', 1_300_000, { adjustments: [{ label: 'life-cycle savings', amount: '-250000' }] }),
        bid('D', 1, { eligibility: ineligible([{ criterion: 'experience' }]) }),
      ]),
    );
    expect(report.steps.ranking[0]?.ranked.map((r) => r.bidId)).toEqual(['C', 'B', 'A']);
    expect(report.steps.computation.find((c) => c.bidId === 'B')).toEqual({
      bidId: 'B',
      lotId: 'lot-1',
      price: '1100000',
      discount: { kind: 'amount', amount: '50000' },
      discountAmount: '50000',
      priceAfterDiscount: '1050000',
      adjustments: [
        { label: 'deviation: missing spare parts', amount: '100000' },
        { label: 'lower energy use', amount: '-30000' },
      ],
      adjustmentsTotal: '70000',
      evaluatedPrice: '1120000',
    });
    expect(report.steps.computation.find((c) => c.bidId === 'C')).toMatchObject({
      adjustmentsTotal: '-250000',
      evaluatedPrice: '1050000',
    });
  });

  it('breaks an equal evaluated price by the lower price after discount', () => {
    const report = evaluate(
      vnd('evaluated-price', [
        bid('X', 1_050_000, { adjustments: [{ label: 'deviation', amount: 50_000 }] }),
        bid('Y', 1_000_000, { adjustments: [{ label: 'deviation', amount: 100_000 }] }),
      ]),
    );
    expect(report.steps.ranking[0]?.ranked).toEqual([
      { rank: 1, bidId: 'Y', contractorId: 'contractor-Y', decidedBy: null, tieBreak: false },
      {
        rank: 2,
        bidId: 'X',
        contractorId: 'contractor-X',
        decidedBy: 'price-after-discount',
        tieBreak: true,
      },
    ]);
  });

  it('then by receipt time, then by bidId', () => {
    const report = evaluate(
      vnd('evaluated-price', [
        bid('P', 1_000, { receivedAt: '2025-03-10T02:00:00Z' }),
        bid('Q', 1_000, { receivedAt: '2025-03-10T01:59:59.999Z' }),
        bid('O', 1_000, { receivedAt: '2025-03-10T02:00:00Z' }),
      ]),
    );
    expect(report.steps.ranking[0]?.ranked.map((r) => [r.bidId, r.decidedBy])).toEqual([
      ['Q', null],
      ['O', 'received-at'],
      ['P', 'bid-id'],
    ]);
  });

  it('excludes a bid whose adjustments bring the evaluated price to zero or below', () => {
    const report = evaluate(
      vnd('evaluated-price', [
        bid('A', 1_000, { adjustments: [{ label: 'credit', amount: -1_000 }] }),
        bid('B', 1_000, { adjustments: [{ label: 'credit', amount: -999 }] }),
      ]),
    );
    expect(report.outcomes).toEqual([
      {
        bidId: 'A',
        lotId: 'lot-1',
        status: 'excluded',
        step: 'computation',
        reason: 'evaluated-price-not-positive',
        detail: 'evaluated price 0 is not positive',
      },
      { bidId: 'B', lotId: 'lot-1', status: 'ranked', rank: 1 },
    ]);
    expect(report.steps.computation[0]?.excluded?.reason).toBe('evaluated-price-not-positive');
  });

  it('applies a percentage discount before the adjustments', () => {
    // 2,000,000 − 5 % = 1,900,000; + 100,000 = 2,000,000 (not 2,100,000 − 5 %).
    const report = evaluate(
      vnd('evaluated-price', [
        bid('A', 2_000_000, {
          discount: { kind: 'percent', basisPoints: 500 },
          adjustments: [{ label: 'transport', amount: 100_000 }],
        }),
      ]),
    );
    expect(report.steps.computation[0]).toMatchObject({
      priceAfterDiscount: '1900000',
      evaluatedPrice: '2000000',
    });
  });
});
