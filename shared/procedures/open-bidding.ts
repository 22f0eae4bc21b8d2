// Open bidding (đấu thầu rộng rãi): anyone may bid; the default procedure.
import { lawNumbers } from './law-numbers.ts';
import type { AvailableProcedure } from './procedure-schema.ts';

export const openBidding: AvailableProcedure = {
  id: 'open',
  name: 'Open bidding',
  nameVi: 'Đấu thầu rộng rãi',
  basis: 'Law on Bidding 22/2023 Art. 21; ND 214/2025 Art. 28',
  available: true,
  envelopeProcedures: ['one-envelope', 'two-envelope'],
  biddingScopes: ['domestic', 'international'],
  categories: ['goods', 'works', 'non-consulting', 'consulting'],
  settings: lawNumbers,
};
