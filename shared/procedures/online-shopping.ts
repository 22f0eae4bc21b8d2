// Online shopping (mua sắm trực tuyến) from central framework agreements: declared, not built.
import type { UnavailableProcedure } from './procedure-schema.ts';

export const onlineShopping: UnavailableProcedure = {
  id: 'online-shopping',
  name: 'Online shopping',
  nameVi: 'Mua sắm trực tuyến',
  basis: 'ND 214/2025 Art. 103-105',
  available: false,
  note: 'not yet available: orders up to VND 500 M (estimate) or VND 1 bn (project) from framework winners; the supplier confirms in 3 WD',
};
