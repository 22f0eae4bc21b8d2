// The state R024 and R058 share (Cardinal's SecondLowestBidRatio): per contracting process with
// exactly one active award to exactly one supplier and no pending award, the gap
// (lowest valid bid of another tenderer - winner's lowest valid bid) / winner's bid. Bids in
// another currency than the main one are skipped; a process whose lowest bid did not win is left
// out (its award criteria are not price only). Procedures excluded from price comparisons
// (`no_price_comparison_procurement_methods` / `price_comparison_procurement_methods`) are skipped.
import type { JsonObject } from '../ocds.ts';
import {
  arrayAt,
  completeAwardsAndBids,
  matchesProcurementMethodDetails,
  stringAt,
  validPricedSingleTendererBids,
} from '../ocds.ts';
import { pipeSet } from '../settings.ts';
import type { Context } from './context.ts';

export interface PriceGap {
  readonly ratio: number;
  readonly winner: string;
  readonly secondLowest: string;
}

export class PriceGaps {
  /** By ocid; a later line for the same ocid replaces an earlier one, as in Cardinal. */
  readonly byOcid = new Map<string, PriceGap>();
  /** One copy of each tenderer id: JSON.parse makes a new string per release. */
  private readonly ids = new Map<string, string>();
  private readonly include: ReadonlySet<string>;
  private readonly exclude: ReadonlySet<string>;
  private readonly context: Context;

  constructor(context: Context) {
    this.context = context;
    this.include = pipeSet(context.settings.global.price_comparison_procurement_methods);
    this.exclude = pipeSet(context.settings.global.no_price_comparison_procurement_methods);
  }

  private intern(id: string): string {
    const known = this.ids.get(id);
    if (known !== undefined) return known;
    this.ids.set(id, id);
    return id;
  }

  fold(release: JsonObject, ocid: string): void {
    if (!matchesProcurementMethodDetails(release, this.include, this.exclude)) return;
    const complete = completeAwardsAndBids(release);
    if (complete?.awards.length !== 1) return;
    const suppliers = arrayAt(complete.awards[0], 'suppliers');
    if (suppliers?.length !== 1) return;
    const supplier = stringAt(suppliers[0], 'id');
    if (supplier === undefined) return;

    let winner: string | undefined;
    let winnerAmount = 0;
    let other: string | undefined;
    let otherAmount = 0;
    for (const [tenderer, amount, currency] of validPricedSingleTendererBids(complete.details)) {
      if (!this.context.acceptsCurrency(currency)) continue;
      if (tenderer === supplier) {
        // If the winner submitted several bids, its lowest is the winning bid.
        if (winner === undefined || amount < winnerAmount) [winner, winnerAmount] = [tenderer, amount];
      } else if (other === undefined || amount < otherAmount) [other, otherAmount] = [tenderer, amount];
    }
    if (winner !== undefined && other !== undefined && otherAmount >= winnerAmount) {
      this.byOcid.set(ocid, {
        ratio: (otherAmount - winnerAmount) / winnerAmount,
        winner: this.intern(winner),
        secondLowest: this.intern(other),
      });
    }
  }
}
