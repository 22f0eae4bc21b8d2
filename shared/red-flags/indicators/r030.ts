// R030 Late bid won: a valid bid's /bids/details[]/date is after /tender/tenderPeriod/endDate and
// one of its tenderers supplies an active award. Like Cardinal, the dates are compared as text
// (ISO 8601 in one offset sorts as text).
import { arrayAt, bidDetails, objectAt, organizationIds, stringAt } from '../ocds.ts';
import type { IndicatorFactory } from './context.ts';

export const r030: IndicatorFactory = (context) => ({
  fold(release, ocid) {
    const endDate = stringAt(objectAt(objectAt(release, 'tender'), 'tenderPeriod'), 'endDate');
    const awards = arrayAt(release, 'awards');
    if (endDate === undefined || !awards || !arrayAt(objectAt(release, 'bids'), 'details')) return;
    const suppliers = new Set<string>();
    for (const award of awards) {
      if (stringAt(award, 'status') === 'active' && arrayAt(award, 'suppliers'))
        for (const id of organizationIds(award as Record<string, unknown>, 'suppliers')) suppliers.add(id);
    }
    for (const bid of bidDetails(release)) {
      const date = stringAt(bid, 'date');
      if (stringAt(bid, 'status') !== 'valid' || date === undefined || !(date > endDate)) continue;
      for (const id of organizationIds(bid, 'tenderers')) {
        if (!suppliers.has(id)) continue;
        context.results.set('OCID', ocid, 'R030', 1);
        context.results.set('Tenderer', id, 'R030', 1);
      }
    }
  },
});
