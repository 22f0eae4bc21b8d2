// Competitive quotation (chào hàng cạnh tranh; the tender's procurementMethod keeps its older id
// `competitive-shopping`): simple goods, works and non-consulting packages, one envelope, bid online
// only when domestic (Law Art. 50; ND 214 Art. 98). Its own shorter period is not in domain.md yet,
// so it takes the general numbers until verified; each is a setting a stage may change.
import { lawNumbers } from './law-numbers.ts';
import type { AvailableProcedure } from './procedure-schema.ts';

export const competitiveQuotation: AvailableProcedure = {
  id: 'competitive-shopping',
  name: 'Competitive quotation',
  nameVi: 'Chào hàng cạnh tranh',
  basis: 'Law on Bidding 22/2023 Art. 24; ND 214/2025 Art. 98',
  available: true,
  envelopeProcedures: ['one-envelope'],
  biddingScopes: ['domestic'],
  categories: ['goods', 'works', 'non-consulting'],
  settings: lawNumbers,
};
