import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/evaluation/index.ts';
import { bid, ineligible, vnd } from './builders.ts';

function ranked(report: ReturnType<typeof evaluate>, lot = 'lot-1') {
  return report.steps.ranking.find((l) => l.lotId === lot)?.ranked.map((r) => r.bidId);
}

describe('lowest-price', () => {
  it('ranks eligible bids by price after discount and excludes the ineligible cheapest one', () => {
    const report = evaluate(
      vnd('lowest-price', [
        bid('A', 1_000_000),
        // 10 % of 1,050,000 is 105,000: 945,000 after discount, now the cheapest.
        bid('B', 1_050_000, { discount: { kind: 'percent', basisPoints: 1000 } }),
        bid('C', 990_000, { discount: { kind: 'amount', amount: 0 } }),
        bid('D', 900_000, {
          eligibility: ineligible([{ criterion: 'bid-security', reason: 'guarantee expired' }]),
        }),
      ]),
    );
    expect(ranked(report)).toEqual(['B', 'C', 'A']);
    const b = report.steps.computation.find((c) => c.bidId === 'B');
    expect(b).toMatchObject({
      price: '1050000',
      discount: { kind: 'percent', basisPoints: 1000 },
      discountAmount: '105000',
      priceAfterDiscount: '945000',
      adjustmentsTotal: '0',
      evaluatedPrice: '945000',
    });
    expect(report.steps.computation.map((c) => c.bidId)).toEqual(['A', 'B', 'C']);
    expect(report.steps.eligibility.find((e) => e.bidId === 'D')).toEqual({
      bidId: 'D',
      contractorId: 'contractor-D',
      lotId: 'lot-1',
      pass: false,
      failed: [{ criterion: 'bid-security', reason: 'guarantee expired' }],
    });
    expect(report.outcomes).toEqual([
      { bidId: 'A', lotId: 'lot-1', status: 'ranked', rank: 3 },
      { bidId: 'B', lotId: 'lot-1', status: 'ranked', rank: 1 },
      { bidId: 'C', lotId: 'lot-1', status: 'ranked', rank: 2 },
      {
        bidId: 'D',
        lotId: 'lot-1',
        status: 'excluded',
        step: 'eligibility',
        reason: 'ineligible',
        detail: 'failed eligibility: bid-security (guarantee expired)',
      },
    ]);
    expect(report.steps.ranking[0]?.ranked.map((r) => [r.rank, r.decidedBy, r.tieBreak])).toEqual([
      [1, null, false],
      [2, 'price-after-discount', false],
      [3, 'price-after-discount', false],
    ]);
  });

  it('truncates a percentage discount to a whole minor unit, never in the bidder’s favour', () => {
    // 999 × 3.33 % = 33.2667: the discount is 33, so 966 remains.
    const report = evaluate(
      vnd('lowest-price', [bid('A', 999, { discount: { kind: 'percent', basisPoints: 333 } })]),
    );
    expect(report.steps.computation[0]).toMatchObject({ discountAmount: '33', priceAfterDiscount: '966' });
  });

  it('treats a zero discount like no discount', () => {
    const report = evaluate(
      vnd('lowest-price', [
        bid('A', 500_000, { discount: { kind: 'percent', basisPoints: 0 } }),
        bid('B', 500_001, { discount: { kind: 'amount', amount: 0 } }),
        bid('C', 499_999),
      ]),
    );
    expect(ranked(report)).toEqual(['C', 'A', 'B']);
    expect(report.steps.computation.map((c) => c.discountAmount)).toEqual(['0', '0', '0']);
    expect(report.steps.computation.find((c) => c.bidId === 'C')?.discount).toBeNull();
  });

  it('breaks an equal price by the earlier server receipt', () => {
    const report = evaluate(
      vnd('lowest-price', [
        bid('A', 1_000_000, { receivedAt: '2025-03-10T02:00:01Z' }),
        // 1,100,000 less 100,000 ties with A.
        bid('B', 1_100_000, {
          discount: { kind: 'amount', amount: 100_000 },
          receivedAt: '2025-03-10T02:00:00Z',
        }),
      ]),
    );
    expect(ranked(report)).toEqual(['B', 'A']);
    expect(report.steps.ranking[0]?.ranked[1]).toMatchObject({
      bidId: 'A',
      decidedBy: 'received-at',
      tieBreak: true,
    });
  });

  it('compares receipt instants by their fraction exactly, beyond milliseconds', () => {
    const report = evaluate(
      vnd('lowest-price', [
        bid('A', 1_000, { receivedAt: '2025-03-10T02:00:05.5Z' }),
        bid('B', 1_000, { receivedAt: '2025-03-10T02:00:05.4999999Z' }),
        bid('C', 1_000, { receivedAt: '2025-03-10T02:00:05.500000001Z' }),
      ]),
    );
    expect(ranked(report)).toEqual(['B', 'A', 'C']);
  });

  it('falls back to bidId order when price and receipt time are equal, including equal instants spelt differently', () => {
    const report = evaluate(
      vnd('lowest-price', [
        bid('b-2', 1_000, { receivedAt: '2025-03-10T02:00:05.000Z' }),
        bid('b-10', 1_000, { receivedAt: '2025-03-10T02:00:05Z' }),
        bid('B-3', 1_000, { receivedAt: '2025-03-10T02:00:05.0Z' }),
      ]),
    );
    // Code-unit order: upper case before lower case, and "b-10" before "b-2".
    expect(ranked(report)).toEqual(['B-3', 'b-10', 'b-2']);
    expect(report.steps.ranking[0]?.ranked.map((r) => r.decidedBy)).toEqual([null, 'bid-id', 'bid-id']);
  });

  it('ranks a single bid first', () => {
    const report = evaluate(vnd('lowest-price', [bid('only', 42)]));
    expect(report.steps.ranking).toEqual([
      {
        lotId: 'lot-1',
        ranked: [
          { rank: 1, bidId: 'only', contractorId: 'contractor-only', decidedBy: null, tieBreak: false },
        ],
      },
    ]);
  });

  it('ranks nobody when every bid fails eligibility', () => {
    const report = evaluate(
      vnd('lowest-price', [
        bid('A', 100, { eligibility: ineligible([{ criterion: 'licence' }]) }),
        bid('B', 200, {
          eligibility: ineligible([{ criterion: 'licence', reason: 'expired' }, { criterion: 'tax' }]),
        }),
      ]),
    );
    expect(report.steps.computation).toEqual([]);
    expect(report.steps.ranking).toEqual([]);
    expect(report.outcomes.map((o) => [o.bidId, o.status, o.status === 'excluded' && o.detail])).toEqual([
      ['A', 'excluded', 'failed eligibility: licence'],
      ['B', 'excluded', 'failed eligibility: licence (expired); tax'],
    ]);
  });

  it('reports an empty tender', () => {
    const report = evaluate(vnd('lowest-price', []));
    expect(report.steps).toEqual({ eligibility: [], computation: [], ranking: [] });
    expect(report.outcomes).toEqual([]);
  });

  it('ranks each lot separately, ranks restarting at 1', () => {
    const report = evaluate(
      vnd('lowest-price', [
        bid('A', 300, { lotId: 'lot-2' }),
        bid('B', 100, { lotId: 'lot-1' }),
        bid('C', 200, { lotId: 'lot-2' }),
        bid('D', 50, { lotId: 'lot-2', contractorId: 'contractor-B' }),
      ]),
    );
    expect(report.steps.ranking.map((l) => [l.lotId, l.ranked.map((r) => `${r.rank}:${r.bidId}`)])).toEqual([
      ['lot-1', ['1:B']],
      ['lot-2', ['1:D', '2:C', '3:A']],
    ]);
  });

  it('keeps amounts beyond 2^53 exact', () => {
    const report = evaluate(
      vnd('lowest-price', [
        bid('A', '90071992547409930'),
        bid('B', 90_071_992_547_409_931n, { discount: { kind: 'amount', amount: '2' } }),
      ]),
    );
    expect(ranked(report)).toEqual(['B', 'A']);
    expect(report.steps.computation.find((c) => c.bidId === 'B')?.priceAfterDiscount).toBe(
      '90071992547409929',
    );
  });
});
