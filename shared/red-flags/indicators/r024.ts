// R024 Price close to winning bid: the price gap is at or below the lower fence Q1 - 1.5 IQR of
// all gaps (or the `threshold`). Flags the process (value: its gap) and the winner and the
// second-lowest bidder (value 0.0). Skipped when Q1 or the fence is not positive, as otherwise a
// data set where most gaps are 0 would flag most processes.
import { lowerFence, quartiles, sortedValues } from '../quantile.ts';
import type { Context, Indicator } from './context.ts';
import type { PriceGaps } from './price-gaps.ts';

export function r024(context: Context, gaps: PriceGaps): Indicator {
  const threshold = context.section('R024').threshold as number | undefined;
  return {
    finalize() {
      let fence: number;
      let q1 = 1; // with a set threshold, only the fence guards
      if (threshold === undefined) {
        const q = quartiles(sortedValues(gaps.ratioValues()));
        q1 = q.q1;
        context.results.setMeta('R024', 'q1', q.q1);
        context.results.setMeta('R024', 'q3', q.q3);
        fence = lowerFence(q);
      } else fence = threshold;
      context.results.setMeta('R024', 'lower_fence', fence);
      if (!(q1 > 0 && fence > 0)) return;
      for (const [ocid, gap] of gaps.entries()) {
        if (!(gap.ratio <= fence)) continue;
        context.results.set('OCID', ocid, 'R024', gap.ratio);
        context.results.set('Tenderer', gap.winner, 'R024', 0);
        context.results.set('Tenderer', gap.secondLowest, 'R024', 0);
      }
    },
  };
}
