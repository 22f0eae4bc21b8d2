// The pre-validated path (validateEvaluation / readBackValidated, then rankValidated) and the faster
// ranking behind evaluate() must give, byte for byte, the report the engine gave before them
// (test/evaluation/legacy, a frozen copy): on the benchmark's own inputs and on random ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BENCH_CASES, benchInput } from '../../bench/support/evaluation-inputs.ts';
import {
  checkEvaluation,
  type EvaluationInput,
  evaluate,
  EvaluationInput as InputSchema,
  rankValidated,
  readBackValidated,
  type ValidatedEvaluation,
  validateEvaluation,
} from '../../shared/evaluation/index.ts';
import { inputArb, METHODS } from './arbitraries.ts';
import { evaluateValidated as legacyEvaluate } from './legacy/evaluate.ts';

/** What a store keeps: JSON, amounts as decimal digits (as the pipeline's jsonSafe writes them). */
const stored = (input: EvaluationInput): EvaluationInput =>
  JSON.parse(JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

const legacyReport = (input: EvaluationInput) => JSON.stringify(legacyEvaluate(InputSchema.parse(input)));

describe('the report is the same as before, byte for byte', () => {
  it.each(BENCH_CASES)('on the benchmark input $name (10,000 bids)', ({ method, sheets }) => {
    const input = benchInput(method, sheets, 10_000);
    const before = legacyReport(input);
    expect(JSON.stringify(evaluate(input))).toBe(before);
    expect(JSON.stringify(rankValidated(validateEvaluation(input)))).toBe(before);
    expect(JSON.stringify(rankValidated(readBackValidated(stored(input))))).toBe(before);
    // The bench's bids arrive in bidId order; shuffled, the sort has work to do.
    const reversed = { ...input, bids: [...input.bids].reverse() };
    expect(JSON.stringify(rankValidated(validateEvaluation(reversed)))).toBe(before);
  });

  it.each(METHODS)('on random %s inputs, read back from the store or validated in place', (method) => {
    fc.assert(
      fc.property(inputArb(method), (input) => {
        const before = legacyReport(input);
        expect(JSON.stringify(evaluate(input))).toBe(before);
        const back = readBackValidated(stored(input));
        expect(back).toEqual(InputSchema.parse(input));
        expect(JSON.stringify(rankValidated(back))).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('also with weights in percent, normalised the same way on read-back', () => {
    const input = benchInput('combined', false, 200);
    const back = readBackValidated(stored(input));
    expect(back.weights).toEqual({ technicalBasisPoints: 7000, priceBasisPoints: 3000 });
    expect(JSON.stringify(rankValidated(back))).toBe(legacyReport(input));
  });
});

describe('ranking takes validated input only', () => {
  const input = benchInput('lowest-price', false, 3);

  it('refuses input that did not come from the validator, even cast to the type', () => {
    const parsed = InputSchema.parse(input);
    expect(() => rankValidated(parsed as ValidatedEvaluation)).toThrow(TypeError);
    expect(() => rankValidated({ ...validateEvaluation(input) } as ValidatedEvaluation)).toThrow(TypeError);
  });

  it('freezes the bid list it validated, so no bid can be added after the cross-bid checks', () => {
    const validated = validateEvaluation(input);
    expect(() => (validated.bids as unknown[]).push(validated.bids[0])).toThrow(TypeError);
    expect(Object.isFrozen(validated)).toBe(true);
  });

  it('answers invalid input with the schema issues, field by field, instead of a validated input', () => {
    const bids = [
      input.bids[0],
      { ...input.bids[1], bidId: input.bids[0]?.bidId },
    ] as EvaluationInput['bids'];
    const checked = checkEvaluation({ ...input, bids });
    expect(checked.success).toBe(false);
    if (!checked.success)
      expect(checked.error.issues.map((i) => i.path)).toContainEqual(['bids', 1, 'bidId']);
  });

  it('refuses to read back a stored document of another shape, naming the field', () => {
    const good = stored(input);
    const withBid = (change: Record<string, unknown>) =>
      ({ ...good, bids: [{ ...good.bids[0], ...change }, ...good.bids.slice(1)] }) as EvaluationInput;
    expect(() => readBackValidated(withBid({ price: 1.5 }))).toThrow(/bids\.0\.price/);
    expect(() => readBackValidated(withBid({ eligibility: [] }))).toThrow(/bids\.0\.eligibility/);
    expect(() => readBackValidated(withBid({ discount: { kind: 'percent', basisPoints: '5' } }))).toThrow(
      /bids\.0\.discount/,
    );
    expect(() => readBackValidated({ ...good, method: 'cheapest' } as unknown as EvaluationInput)).toThrow(
      TypeError,
    );
  });

  it('still refuses a repeated bidId at rank time, in what was read back', () => {
    const [a, b] = input.bids;
    const twice = stored({
      ...input,
      bids: [b, a, { ...a, contractorId: 'other' }] as EvaluationInput['bids'],
    });
    expect(() => rankValidated(readBackValidated(twice))).toThrow(/appears twice/);
  });
});
