// R028 Identical bid prices: two submitted bids with the same amount and currency come from
// different sets of tenderers (a tenderer may repeat its own price). Flags the process and those
// tenderers. Procedures excluded from price comparisons are skipped.
import {
  matchesProcurementMethodDetails,
  numberAt,
  objectAt,
  organizationIds,
  stringAt,
  submittedBids,
} from '../ocds.ts';
import { pipeSet } from '../settings.ts';
import type { IndicatorFactory } from './context.ts';

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((id) => b.has(id));

export const r028: IndicatorFactory = (context) => {
  const include = pipeSet(context.settings.global.price_comparison_procurement_methods);
  const exclude = pipeSet(context.settings.global.no_price_comparison_procurement_methods);
  return {
    fold(release, ocid) {
      if (!matchesProcurementMethodDetails(release, include, exclude)) return;
      const prices = new Map<string, ReadonlySet<string>>();
      for (const bid of submittedBids(release)) {
        const value = objectAt(bid, 'value');
        const amount = numberAt(value, 'amount');
        const currency = stringAt(value, 'currency');
        if (amount === undefined || currency === undefined || !Array.isArray(bid.tenderers)) continue;
        const ids = new Set(organizationIds(bid, 'tenderers'));
        if (ids.size === 0) continue;
        const price = `${amount} ${currency}`;
        const other = prices.get(price);
        if (other && !sameSet(ids, other)) {
          context.results.set('OCID', ocid, 'R028', 1);
          for (const id of [...ids, ...other]) context.results.set('Tenderer', id, 'R028', 1);
        }
        prices.set(price, ids);
      }
    },
  };
};
