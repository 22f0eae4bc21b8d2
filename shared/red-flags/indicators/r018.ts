// R018 Single bid received: /tender/numberOfTenderers is 1 on a competitive procedure
// (`procurement_methods`, default open|selective). Like Cardinal, the count is the publisher's
// numberOfTenderers, not a count of /bids/details.
import { matchesProcurementMethod, numberAt, objectAt } from '../ocds.ts';
import { pipeSet } from '../settings.ts';
import type { IndicatorFactory } from './context.ts';

export const r018: IndicatorFactory = (context) => {
  const setting = context.section('R018');
  const methods = pipeSet(setting.procurement_methods ?? 'open|selective');
  return {
    fold(release, ocid) {
      const tender = objectAt(release, 'tender');
      if (tender && matchesProcurementMethod(tender, methods) && numberAt(tender, 'numberOfTenderers') === 1)
        context.results.set('OCID', ocid, 'R018', 1);
    },
  };
};
