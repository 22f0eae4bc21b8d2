// R035 All except winning bid disqualified: exactly one tenderer has valid bids, it is the
// supplier of every active award, and at least `threshold` (1) other tenderers have disqualified
// bids. The process's value is that number of tenderers; the winner's is 0.0.
import { completeAwardsAndBids, organizationIds, stringAt } from '../ocds.ts';
import type { IndicatorFactory } from './context.ts';

export const r035: IndicatorFactory = (context) => {
  const threshold = Math.max((context.section('R035').threshold as number | undefined) ?? 1, 1);
  return {
    fold(release, ocid) {
      const complete = completeAwardsAndBids(release);
      if (!complete) return;
      const suppliers = new Set(complete.awards.flatMap((award) => organizationIds(award, 'suppliers')));
      const valid = new Set<string>();
      const disqualified = new Set<string>();
      for (const bid of complete.details) {
        const status = stringAt(bid, 'status');
        const set = status === 'valid' ? valid : status === 'disqualified' ? disqualified : undefined;
        if (set) for (const id of organizationIds(bid, 'tenderers')) set.add(id);
      }
      const [winner] = valid;
      if (valid.size !== 1 || winner === undefined || suppliers.size !== 1 || !suppliers.has(winner)) return;
      const others = [...disqualified].filter((id) => !valid.has(id)).length;
      if (others < threshold) return;
      context.results.set('OCID', ocid, 'R035', others);
      context.results.set('Tenderer', winner, 'R035', 0);
    },
  };
};
