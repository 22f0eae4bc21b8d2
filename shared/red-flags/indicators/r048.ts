// R048 Heterogeneous supplier: per supplier of active single-supplier awards, the number of
// distinct classification prefixes (`digits`, 2) of its awarded items. Only suppliers awarded in
// at least `minimum_contracting_processes` (20) processes count, both for the upper fence
// Q3 + 1.5 IQR (or the `threshold`) and for the flags; a supplier is flagged at or above it.
import { arrayAt, objectAt, stringAt } from '../ocds.ts';
import { quartiles, sortedValues, upperFence } from '../quantile.ts';
import type { IndicatorFactory } from './context.ts';

export const r048: IndicatorFactory = (context) => {
  const setting = context.section('R048');
  const digits = (setting.digits as number | undefined) ?? 2;
  const threshold = setting.threshold as number | undefined;
  const minimum = (setting.minimum_contracting_processes as number | undefined) ?? 20;
  const suppliers = new Map<string, { processes: number; codes: Set<string> }>();
  return {
    fold(release) {
      const seen = new Set<string>();
      for (const award of arrayAt(release, 'awards') ?? []) {
        const items = arrayAt(award, 'items');
        const awardSuppliers = arrayAt(award, 'suppliers');
        // Several suppliers need not supply every item; counting them all would overcount.
        const supplier = awardSuppliers?.length === 1 ? stringAt(awardSuppliers[0], 'id') : undefined;
        if (stringAt(award, 'status') !== 'active' || !items || supplier === undefined) continue;
        for (const item of items) {
          const code = stringAt(objectAt(item, 'classification'), 'id');
          if (code === undefined) continue;
          let entry = suppliers.get(supplier);
          if (!entry) {
            entry = { processes: 0, codes: new Set() };
            suppliers.set(supplier, entry);
          }
          if (!seen.has(supplier)) {
            seen.add(supplier);
            entry.processes += 1;
          }
          entry.codes.add(Array.from(code).slice(0, digits).join(''));
        }
      }
    },
    finalize() {
      const varieties: [string, number][] = [];
      for (const [id, { processes, codes }] of suppliers)
        if (processes >= minimum) varieties.push([id, codes.size]);
      suppliers.clear();
      let fence: number;
      if (threshold === undefined) {
        const q = quartiles(sortedValues(varieties.map(([, variety]) => variety)));
        context.results.setMeta('R048', 'q1', q.q1);
        context.results.setMeta('R048', 'q3', q.q3);
        fence = upperFence(q);
      } else fence = threshold;
      context.results.setMeta('R048', 'upper_fence', fence);
      for (const [id, variety] of varieties)
        if (variety >= fence) context.results.set('Tenderer', id, 'R048', variety);
    },
  };
};
