// R058 Heavily discounted bid: the price gap is at or above the upper fence Q3 + 1.5 IQR of all
// gaps (or the `threshold`). Flags the process (value: its gap) and the winner (value 0.0).
import { quartiles, sortedValues, upperFence } from '../quantile.ts';
import type { Context, Indicator } from './context.ts';
import type { PriceGaps } from './price-gaps.ts';

export function r058(context: Context, gaps: PriceGaps): Indicator {
  const threshold = context.section('R058').threshold as number | undefined;
  return {
    finalize() {
      let fence: number;
      if (threshold === undefined) {
        const q = quartiles(sortedValues(gaps.ratioValues()));
        context.results.setMeta('R058', 'q1', q.q1);
        context.results.setMeta('R058', 'q3', q.q3);
        fence = upperFence(q);
      } else fence = threshold;
      context.results.setMeta('R058', 'upper_fence', fence);
      if (!(fence > 0)) return;
      for (const [ocid, gap] of gaps.entries()) {
        if (!(gap.ratio >= fence)) continue;
        context.results.set('OCID', ocid, 'R058', gap.ratio);
        context.results.set('Tenderer', gap.winner, 'R058', 0);
      }
    },
  };
}
