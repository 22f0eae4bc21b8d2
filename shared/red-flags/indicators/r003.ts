// R003 Short submission period: /tender/tenderPeriod end - start, in whole days (truncated), is
// under the threshold (15, or a per-procurementMethodDetails threshold), optionally only for some
// procurement methods.
import { matchesProcurementMethod, objectAt, stringAt } from '../ocds.ts';
import { pipeSet } from '../settings.ts';
import type { IndicatorFactory } from './context.ts';

// RFC 3339 as chrono's parse_from_rfc3339 accepts it: a time and an offset are required.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

const parseInstant = (text: string | undefined): number | undefined => {
  if (text === undefined || !RFC3339.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
};

export const r003: IndicatorFactory = (context) => {
  const setting = context.section('R003');
  const threshold = (setting.threshold as number | undefined) ?? 15;
  const methods = pipeSet(setting.procurement_methods);
  const perDetails = context.settings.sections.get('R003.procurement_method_details') ?? {};
  return {
    fold(release, ocid) {
      const tender = objectAt(release, 'tender');
      if (!tender || !matchesProcurementMethod(tender, methods)) return;
      const period = objectAt(tender, 'tenderPeriod');
      const start = parseInstant(stringAt(period, 'startDate'));
      const end = parseInstant(stringAt(period, 'endDate'));
      if (start === undefined || end === undefined) return;
      const days = Math.trunc((end - start) / DAY_MS);
      const details = stringAt(tender, 'procurementMethodDetails');
      const limit =
        details !== undefined && Object.hasOwn(perDetails, details)
          ? (perDetails[details] as number)
          : threshold;
      if (days < limit) context.results.set('OCID', ocid, 'R003', 1);
    },
  };
};
