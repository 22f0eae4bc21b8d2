import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BidInput,
  type EvaluationInput,
  type EvaluationReport,
  evaluate,
} from '../../shared/evaluation/index.ts';
import { inputArb, METHODS, type Method } from './arbitraries.ts';
import * as oracle from './oracle.ts';

function rankOf(report: EvaluationReport, bidId: string): number | undefined {
  const outcome = report.outcomes.find((o) => o.bidId === bidId);
  return outcome?.status === 'ranked' ? outcome.rank : undefined;
}

function rankedBids(input: EvaluationInput, report: EvaluationReport, lotId: string): BidInput[] {
  const byId = new Map(input.bids.map((b) => [b.bidId, b]));
  return (report.steps.ranking.find((l) => l.lotId === lotId)?.ranked ?? []).map((r) => {
    const bid = byId.get(r.bidId);
    if (!bid) throw new Error(`ranked unknown bid ${r.bidId}`);
    return bid;
  });
}

function pairs<T>(items: readonly T[]): [T, T][] {
  return items.slice(1).map((item, i) => [items[i] as T, item]);
}

describe.each(METHODS)('%s: properties', (method: Method) => {
  const inputs = inputArb(method);

  it('gives the same report whatever order the bids come in', () => {
    fc.assert(
      fc.property(
        inputs.chain((input) =>
          fc
            .shuffledSubarray(input.bids, { minLength: input.bids.length, maxLength: input.bids.length })
            .map((shuffled) => [input, { ...input, bids: shuffled }] as const),
        ),
        ([input, shuffled]) => {
          expect(JSON.stringify(evaluate(shuffled))).toBe(JSON.stringify(evaluate(input)));
        },
      ),
    );
  });

  it('ranks exactly the bids that pass, 1..n in each lot, and never an excluded one', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const report = evaluate(input);
        const expected = input.bids.filter((b) => oracle.passes(input, b)).map((b) => b.bidId);
        const ranked = report.steps.ranking.flatMap((l) => l.ranked.map((r) => r.bidId));
        expect([...ranked].sort()).toEqual([...expected].sort());
        for (const lot of report.steps.ranking) {
          expect(lot.ranked.map((r) => r.rank)).toEqual(lot.ranked.map((_, i) => i + 1));
          for (const r of lot.ranked) {
            expect(input.bids.find((b) => b.bidId === r.bidId)?.lotId).toBe(lot.lotId);
          }
        }
        expect(report.outcomes.map((o) => o.bidId).sort()).toEqual(input.bids.map((b) => b.bidId).sort());
        for (const outcome of report.outcomes) {
          if (outcome.status === 'excluded') expect(ranked).not.toContain(outcome.bidId);
          else {
            const entry = report.steps.ranking.find((l) => l.lotId === outcome.lotId)?.ranked[
              outcome.rank - 1
            ];
            expect(entry?.bidId).toBe(outcome.bidId);
          }
        }
      }),
    );
  });

  it('orders each lot by the method’s criterion, and names what separated neighbours', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const report = evaluate(input);
        for (const lot of report.steps.ranking) {
          const bids = rankedBids(input, report, lot.lotId);
          for (const [a, b] of pairs(bids)) {
            if (method === 'lowest-price') {
              expect(oracle.priceAfterDiscount(a) <= oracle.priceAfterDiscount(b)).toBe(true);
            } else if (method === 'evaluated-price') {
              expect(oracle.evaluatedPrice(a) <= oracle.evaluatedPrice(b)).toBe(true);
            } else if (method === 'technical-score') {
              expect(
                oracle.cmp(oracle.technicalScore(input, a), oracle.technicalScore(input, b)),
              ).toBeGreaterThanOrEqual(0);
            } else {
              expect(
                oracle.cmp(oracle.combinedScore(input, a), oracle.combinedScore(input, b)),
              ).toBeGreaterThanOrEqual(0);
            }
          }
          lot.ranked.forEach((entry, i) => {
            expect(entry.decidedBy === null).toBe(i === 0);
            expect(entry.tieBreak).toBe(
              entry.decidedBy !== null && entry.decidedBy !== report.rankingOrder[0],
            );
          });
        }
        if (method === 'combined') {
          for (const c of report.steps.computation) {
            const bid = input.bids.find((b) => b.bidId === c.bidId) as BidInput;
            if (c.combinedScore) {
              expect(
                oracle.cmp(oracle.parseFraction(c.combinedScore.fraction), oracle.combinedScore(input, bid)),
              ).toBe(0);
            }
          }
        }
      }),
    );
  });

  it('never ranks a bid lower for lowering its price', () => {
    fc.assert(
      fc.property(inputs, fc.nat(), fc.bigInt({ min: 1n, max: 10n ** 6n }), (input, pick, cut) => {
        const report = evaluate(input);
        const ranked = report.outcomes.filter((o) => o.status === 'ranked');
        fc.pre(ranked.length > 0);
        const target = ranked[pick % ranked.length]?.bidId;
        const bids = input.bids.map((b) => {
          if (b.bidId !== target) return b;
          const floor = b.discount?.kind === 'amount' ? BigInt(b.discount.amount) + 1n : 1n;
          const lowered = BigInt(b.price) - cut;
          return { ...b, price: lowered < floor ? floor : lowered };
        });
        const cheaper = bids.find((b) => b.bidId === target) as BidInput;
        fc.pre(oracle.evaluatedPrice(cheaper) > 0n);
        const before = rankOf(report, target as string);
        const after = rankOf(evaluate({ ...input, bids }), target as string);
        expect(after).toBeDefined();
        expect(after as number).toBeLessThanOrEqual(before as number);
      }),
    );
  });

  if (method === 'combined' || method === 'technical-score') {
    it('never ranks a bid lower for raising its technical score', () => {
      fc.assert(
        fc.property(inputs, fc.nat(), fc.integer({ min: 1, max: 30 }), (input, pick, raise) => {
          const report = evaluate(input);
          const ranked = report.outcomes.filter((o) => o.status === 'ranked');
          fc.pre(ranked.length > 0);
          const target = ranked[pick % ranked.length]?.bidId;
          const bids = input.bids.map((b): BidInput => {
            const t = b.technicalScore;
            if (b.bidId !== target || !t) return b;
            if (t.kind === 'agreed')
              return { ...b, technicalScore: { ...t, points: Math.min(t.outOf, t.points + raise) } };
            const [first, ...rest] = t.scores;
            if (!first) return b;
            const raised = { ...first, points: Math.min(first.outOf, first.points + raise) };
            return { ...b, technicalScore: { kind: 'evaluators', scores: [raised, ...rest] } };
          });
          const after = rankOf(evaluate({ ...input, bids }), target as string);
          expect(after).toBeDefined();
          expect(after as number).toBeLessThanOrEqual(rankOf(report, target as string) as number);
        }),
      );
    });
  }

  it('carries money as integer digit strings and no floating-point number anywhere', () => {
    const moneyKeys = new Set([
      'price',
      'discountAmount',
      'priceAfterDiscount',
      'adjustmentsTotal',
      'evaluatedPrice',
      'amount',
      'lowestEvaluatedPrice',
    ]);
    function walk(value: unknown, key: string): void {
      if (typeof value === 'number') expect(Number.isSafeInteger(value), `${key}: ${value}`).toBe(true);
      else if (typeof value === 'bigint' || typeof value === 'undefined')
        throw new Error(`${key} is ${typeof value}`);
      else if (Array.isArray(value)) for (const item of value) walk(item, key);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      if (moneyKeys.has(key)) expect(value).toMatch(/^-?(0|[1-9]\d*)$/);
      if (key === 'fraction') expect(value).toMatch(/^-?\d+\/[1-9]\d*$/);
      if (key === 'decimal') expect(value).toMatch(/^-?\d+\.\d{6}$/);
    }
    fc.assert(
      fc.property(inputs, (input) => {
        const report = evaluate(input);
        walk(report, '');
        expect(JSON.parse(JSON.stringify(report))).toStrictEqual(report);
      }),
    );
  });
});
