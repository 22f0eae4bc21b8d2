// R038 Excessive disqualified bids: disqualified / submitted bids per buyer, procuring entity and
// tenderer, flagged at or above the upper fence Q3 + 1.5 IQR of its group (or the `threshold`).
// Organizations below a minimum are left out of both the fence and the flags. As in Cardinal,
// `minimum_contracting_processes` (2) is compared with the buyer's or procuring entity's number of
// submitted bids (its Fraction's denominator), and `minimum_submitted_bids` (2) with a tenderer's.
import { objectAt, organizationIds, stringAt, submittedBids } from '../ocds.ts';
import { quartiles, sortedValues, upperFence } from '../quantile.ts';
import type { Group } from '../results.ts';
import type { IndicatorFactory } from './context.ts';
import { addFraction, type Fraction } from './fraction.ts';

export const r038: IndicatorFactory = (context) => {
  const setting = context.section('R038');
  const threshold = setting.threshold as number | undefined;
  const minimumBids = (setting.minimum_submitted_bids as number | undefined) ?? 2;
  const minimumProcesses = (setting.minimum_contracting_processes as number | undefined) ?? 2;
  const buyers = new Map<string, Fraction>();
  const procuringEntities = new Map<string, Fraction>();
  const tenderers = new Map<string, Fraction>();

  const flag = (fractions: Map<string, Fraction>, minimum: number, group: Group): void => {
    const ratios: [string, number][] = [];
    for (const [id, f] of fractions)
      if (f.denominator >= minimum) ratios.push([id, f.numerator / f.denominator]);
    fractions.clear();
    if (ratios.length === 0) return;
    let fence: number;
    if (threshold === undefined) {
      const q = quartiles(sortedValues(ratios.map(([, ratio]) => ratio)));
      context.results.setMeta('R038', `${group}_q1`, q.q1);
      context.results.setMeta('R038', `${group}_q3`, q.q3);
      fence = upperFence(q);
    } else fence = threshold;
    context.results.setMeta('R038', `${group}_upper_fence`, fence);
    if (!(fence > 0)) return;
    for (const [id, ratio] of ratios) if (ratio >= fence) context.results.set(group, id, 'R038', ratio);
  };

  return {
    fold(release) {
      const bids = submittedBids(release);
      if (bids.length === 0) return;
      let disqualified = 0;
      for (const bid of bids) {
        const hit = stringAt(bid, 'status') === 'disqualified' ? 1 : 0;
        disqualified += hit;
        for (const id of organizationIds(bid, 'tenderers')) addFraction(tenderers, id, hit, 1);
      }
      const buyer = stringAt(objectAt(release, 'buyer'), 'id');
      if (buyer !== undefined) addFraction(buyers, buyer, disqualified, bids.length);
      const entity = stringAt(objectAt(objectAt(release, 'tender'), 'procuringEntity'), 'id');
      if (entity !== undefined) addFraction(procuringEntities, entity, disqualified, bids.length);
    },
    finalize() {
      flag(buyers, minimumProcesses, 'Buyer');
      flag(procuringEntities, minimumProcesses, 'ProcuringEntity');
      flag(tenderers, minimumBids, 'Tenderer');
    },
  };
};
