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

/** Grows a typed array by doubling, keeping what it holds. */
function grown<T extends Float64Array | Int32Array>(array: T, make: (length: number) => T): T {
  const bigger = make(array.length * 2);
  bigger.set(array);
  return bigger;
}

export class PriceGaps {
  // Nearly every process of a national data set has a gap, so they are kept compactly: the ocid
  // maps to a slot, and each slot's ratio and two tenderers (as indexes into one list of interned
  // ids: JSON.parse makes a new string per release) sit in typed arrays. One object per process
  // was 40 MB more at a million processes, enough to pass the 512 MB the benchmark allows.
  private readonly slots = new Map<string, number>();
  private ratios = new Float64Array(1024);
  private winners = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  private readonly idIndex = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly include: ReadonlySet<string>;
  private readonly exclude: ReadonlySet<string>;
  private readonly context: Context;

  constructor(context: Context) {
    this.context = context;
    this.include = pipeSet(context.settings.global.price_comparison_procurement_methods);
    this.exclude = pipeSet(context.settings.global.no_price_comparison_procurement_methods);
  }

  /** How many processes have a gap. */
  get size(): number {
    return this.slots.size;
  }

  /** Every gap's ratio, in no particular order (for the quartiles). */
  ratioValues(): Float64Array {
    return this.ratios.subarray(0, this.slots.size);
  }

  /** The gaps by ocid, in the order their ocids were first seen (as a Map iterates). */
  *entries(): Generator<[string, PriceGap]> {
    for (const [ocid, slot] of this.slots) {
      yield [
        ocid,
        {
          ratio: this.ratios[slot] as number,
          winner: this.ids[this.winners[slot] as number] as string,
          secondLowest: this.ids[this.seconds[slot] as number] as string,
        },
      ];
    }
  }

  private intern(id: string): number {
    const known = this.idIndex.get(id);
    if (known !== undefined) return known;
    this.idIndex.set(id, this.ids.length);
    this.ids.push(id);
    return this.ids.length - 1;
  }

  /** A later line for the same ocid replaces an earlier one, as in Cardinal. */
  private set(ocid: string, ratio: number, winner: string, secondLowest: string): void {
    let slot = this.slots.get(ocid);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(ocid, slot);
      if (slot === this.ratios.length) {
        this.ratios = grown(this.ratios, (n) => new Float64Array(n));
        this.winners = grown(this.winners, (n) => new Int32Array(n));
        this.seconds = grown(this.seconds, (n) => new Int32Array(n));
      }
    }
    this.ratios[slot] = ratio;
    this.winners[slot] = this.intern(winner);
    this.seconds[slot] = this.intern(secondLowest);
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
      this.set(ocid, (otherAmount - winnerAmount) / winnerAmount, winner, other);
    }
  }
}
