// R036 Lowest bid disqualified: with an active award and a valid bid with an amount, the lowest
// submitted bid (main currency only) is disqualified. Procedures excluded from price comparisons
// are skipped.
import {
  arrayAt,
  matchesProcurementMethodDetails,
  numberAt,
  objectAt,
  stringAt,
  submittedBids,
} from '../ocds.ts';
import { pipeSet } from '../settings.ts';
import type { IndicatorFactory } from './context.ts';

export const r036: IndicatorFactory = (context) => {
  const include = pipeSet(context.settings.global.price_comparison_procurement_methods);
  const exclude = pipeSet(context.settings.global.no_price_comparison_procurement_methods);
  return {
    fold(release, ocid) {
      if (!matchesProcurementMethodDetails(release, include, exclude)) return;
      const awards = arrayAt(release, 'awards');
      if (!awards?.some((award) => stringAt(award, 'status') === 'active')) return;
      let lowest: number | undefined;
      let lowestDisqualified = false;
      let validWithAmount = false;
      for (const bid of submittedBids(release)) {
        const value = objectAt(bid, 'value');
        const amount = numberAt(value, 'amount');
        const currency = stringAt(value, 'currency');
        if (amount === undefined || currency === undefined || !context.acceptsCurrency(currency)) continue;
        const status = stringAt(bid, 'status');
        if (lowest === undefined || amount < lowest) {
          lowest = amount;
          lowestDisqualified = status === 'disqualified';
        }
        if (status === 'valid') validWithAmount = true;
      }
      if (validWithAmount && lowestDisqualified) context.results.set('OCID', ocid, 'R036', 1);
    },
  };
};
