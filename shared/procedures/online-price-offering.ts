// Online price offering (chào giá trực tuyến, a reverse auction): declared so the portal can show
// it; a tender cannot name it until rounds, office hours and the winner's confirmation are built.
import type { UnavailableProcedure } from './procedure-schema.ts';

export const onlinePriceOffering: UnavailableProcedure = {
  id: 'online-price-offering',
  name: 'Online price offering',
  nameVi: 'Chào giá trực tuyến',
  basis: 'ND 214/2025 Art. 98-102',
  available: false,
  note: 'not yet available: normal (≥ 3 h, invitations ≥ 3 WD before) and shortened (≥ 24 h) forms; packages under VND 5 bn ≥ 5 WD to submit',
};
