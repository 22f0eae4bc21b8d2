// Limited bidding (đấu thầu hạn chế): only invited contractors bid (technically demanding
// packages); the same periods as open bidding.
import { lawNumbers } from './law-numbers.ts';
import type { AvailableProcedure } from './procedure-schema.ts';

export const limitedBidding: AvailableProcedure = {
  id: 'limited',
  name: 'Limited bidding',
  nameVi: 'Đấu thầu hạn chế',
  basis: 'Law on Bidding 22/2023 Art. 22; ND 214/2025 Art. 28',
  available: true,
  envelopeProcedures: ['one-envelope', 'two-envelope'],
  biddingScopes: ['domestic', 'international'],
  categories: ['goods', 'works', 'non-consulting', 'consulting'],
  settings: lawNumbers,
};
