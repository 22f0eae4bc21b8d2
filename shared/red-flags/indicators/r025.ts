// R025 Excessive unsuccessful bids: per tenderer, wins / processes with a valid bid, over
// processes with one active award to one supplier and no pending award. A tenderer is flagged if
// its number of valid bids is at or above the `percentile` (75) of those numbers and its ratio is
// at or below the lower fence Q1 - 1.5 IQR of the ratios (or the `threshold`). Skipped when Q1 or
// the fence is not positive.
import { arrayAt, completeAwardsAndBids, stringAt } from '../ocds.ts';
import { lowerFence, quantile, quartiles, sortedValues } from '../quantile.ts';
import type { IndicatorFactory } from './context.ts';
import { addFraction, type Fraction } from './fraction.ts';

export const r025: IndicatorFactory = (context) => {
  const setting = context.section('R025');
  const percentile = (setting.percentile as number | undefined) ?? 75;
  const threshold = setting.threshold as number | undefined;
  const tenderers = new Map<string, Fraction>();
  return {
    fold(release) {
      const complete = completeAwardsAndBids(release);
      if (complete?.awards.length !== 1) return;
      const suppliers = arrayAt(complete.awards[0], 'suppliers');
      if (suppliers?.length !== 1) return;
      const supplier = stringAt(suppliers[0], 'id');
      if (supplier === undefined) return;
      // Each tenderer counts once per process, however many valid bids it made.
      const valid = new Set<string>();
      for (const bid of complete.details) {
        const bidTenderers = arrayAt(bid, 'tenderers');
        const id = bidTenderers?.length === 1 ? stringAt(bidTenderers[0], 'id') : undefined;
        if (id !== undefined && stringAt(bid, 'status') === 'valid') valid.add(id);
      }
      for (const id of valid) addFraction(tenderers, id, id === supplier ? 1 : 0, 1);
    },
    finalize() {
      const upper = quantile(
        sortedValues([...tenderers.values()].map((f) => f.denominator)),
        percentile / 100,
      );
      let fence: number;
      let q1 = 1;
      if (threshold === undefined) {
        const q = quartiles(sortedValues([...tenderers.values()].map((f) => f.numerator / f.denominator)));
        q1 = q.q1;
        context.results.setMeta('R025', 'q1', q.q1);
        context.results.setMeta('R025', 'q3', q.q3);
        fence = lowerFence(q);
      } else fence = threshold;
      context.results.setMeta('R025', 'upper_fence', upper);
      context.results.setMeta('R025', 'lower_fence', fence);
      if (!(q1 > 0 && fence > 0)) return;
      for (const [id, fraction] of tenderers) {
        const ratio = fraction.numerator / fraction.denominator;
        if (fraction.denominator >= upper && ratio <= fence)
          context.results.set('Tenderer', id, 'R025', ratio);
      }
    },
  };
};
