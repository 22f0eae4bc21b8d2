import fc from 'fast-check';
import type { BidInput, EvaluationInput } from '../../shared/evaluation/index.ts';

export type Method = EvaluationInput['method'];

// Few distinct prices, instants and scores so that ties, which exercise every tie-break level, are
// frequent; the wide bigint range keeps amounts beyond 2^53 in play.
const price = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }).map((n) => BigInt(n) * 100_000n) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 20n }) },
);

// ".5Z" and ".500Z" are the same instant spelt twice.
const instant = fc.constantFrom(
  '2025-03-10T01:59:59Z',
  '2025-03-10T02:00:00Z',
  '2025-03-10T02:00:00.5Z',
  '2025-03-10T02:00:00.500Z',
  '2025-03-10T02:00:00.500000001Z',
);

const eligibility = fc
  .array(
    fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((passes) =>
    passes.map((pass, i) =>
      pass ? { criterion: `c${i}`, pass } : { criterion: `c${i}`, pass, reason: 'missing' },
    ),
  );

const agreed = fc
  .constantFrom(7, 10, 100, 1000)
  .chain((outOf) =>
    fc.integer({ min: 0, max: outOf }).map((points) => ({ kind: 'agreed' as const, points, outOf })),
  );

const sheets = fc
  .record({
    evaluators: fc.integer({ min: 1, max: 3 }),
    maxima: fc.array(fc.constantFrom(10, 20, 30), { minLength: 1, maxLength: 3 }),
  })
  .chain(({ evaluators, maxima }) =>
    fc
      .array(fc.tuple(...maxima.map((m) => fc.integer({ min: 0, max: m }))), {
        minLength: evaluators,
        maxLength: evaluators,
      })
      .map((rows) => ({
        kind: 'evaluators' as const,
        scores: rows.flatMap((row, e) =>
          row.map((points, c) => ({
            evaluatorId: `e${e}`,
            criterion: `k${c}`,
            points,
            outOf: maxima[c] ?? 1,
          })),
        ),
      })),
  );

/** The same amount as a bigint, a safe integer or a digit string: the report must not care. */
function spelt(amount: bigint, how: number): bigint | number | string {
  if (how === 1 && Number.isSafeInteger(Number(amount))) return Number(amount);
  if (how === 2) return amount.toString();
  return amount;
}

function bidArb(method: Method, bidId: string): fc.Arbitrary<BidInput> {
  const scored = method === 'combined' || method === 'technical-score';
  const adjusted = method === 'evaluated-price' || method === 'combined';
  return fc
    .record({
      price,
      spelling: fc.integer({ min: 0, max: 2 }),
      lotId: fc.constantFrom('L1', 'L2'),
      discount: fc.option(
        fc.oneof(
          fc
            .integer({ min: 0, max: 9_999 })
            .map((basisPoints) => ({ kind: 'percent' as const, basisPoints })),
          fc.bigInt({ min: 0n, max: 10n ** 20n }).map((n) => ({ kind: 'amount' as const, raw: n })),
        ),
        { nil: undefined },
      ),
      adjustments: adjusted
        ? fc.array(
            fc.integer({ min: -3, max: 3 }).map((n) => ({ label: `adj ${n}`, amount: n * 100_000 })),
            { maxLength: 3 },
          )
        : fc.constant(undefined),
      eligibility,
      technicalScore: scored ? fc.oneof(agreed, sheets) : fc.constant(undefined),
      receivedAt: instant,
    })
    .map(({ price, spelling, discount, adjustments, technicalScore, ...rest }) => ({
      bidId,
      contractorId: `k-${bidId}`,
      price: spelt(price, spelling),
      ...(discount === undefined
        ? {}
        : {
            discount:
              discount.kind === 'percent'
                ? discount
                : { kind: 'amount' as const, amount: spelt(discount.raw % price, spelling) },
          }),
      ...(adjustments === undefined ? {} : { adjustments }),
      ...(technicalScore === undefined ? {} : { technicalScore }),
      ...rest,
    }));
}

const bidIds = fc.uniqueArray(
  fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('a', 'B', 'b', '1', '-') }),
  {
    maxLength: 12,
  },
);

export function inputArb(method: Method): fc.Arbitrary<EvaluationInput> {
  const settings =
    method === 'combined'
      ? fc
          .record({
            maxScore: fc.constantFrom(10, 100, 1000),
            technicalBasisPoints: fc.integer({ min: 0, max: 10_000 }),
            minPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
          })
          .map(({ maxScore, technicalBasisPoints, minPercent }) => ({
            maxScore,
            weights: { technicalBasisPoints, priceBasisPoints: 10_000 - technicalBasisPoints },
            ...(minPercent === undefined
              ? {}
              : { minTechnicalScore: Math.floor((maxScore * minPercent) / 100) }),
          }))
      : method === 'technical-score'
        ? fc
            .record({
              maxScore: fc.constantFrom(10, 100, 1000),
              minPercent: fc.integer({ min: 0, max: 100 }),
            })
            .map(({ maxScore, minPercent }) => ({
              maxScore,
              minTechnicalScore: Math.floor((maxScore * minPercent) / 100),
            }))
        : fc.constant({});
  return fc
    .record({
      settings,
      bids: bidIds.chain((ids) => fc.tuple(...ids.map((id) => bidArb(method, id)))),
    })
    .map(({ settings, bids }) => ({ method, currency: 'VND', ...settings, bids }));
}

export const METHODS: readonly Method[] = ['lowest-price', 'evaluated-price', 'combined', 'technical-score'];
