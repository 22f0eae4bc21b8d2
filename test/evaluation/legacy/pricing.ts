import { BASIS_POINTS, type ParsedBid, type ParsedDiscount } from '../../../shared/evaluation/schema.ts';

export interface Pricing {
  readonly discountAmount: bigint;
  readonly priceAfterDiscount: bigint;
  readonly adjustmentsTotal: bigint;
  readonly evaluatedPrice: bigint;
}

/**
 * The discount in minor units. A percentage discount is truncated to a whole minor unit (prices are
 * positive, so truncation is rounding down): rounding must never give a bidder more discount than
 * it declared, and bigint division does exactly this on every machine.
 */
export function discountAmount(price: bigint, discount: ParsedDiscount | undefined): bigint {
  if (!discount) return 0n;
  if (discount.kind === 'amount') return discount.amount;
  return (price * BigInt(discount.basisPoints)) / BigInt(BASIS_POINTS);
}

/**
 * The one place a discount is applied, for every method: price after discount is what lowest-price
 * ranks on and what every tie-break compares; adjustments are then added to it to give the
 * evaluated price that evaluated-price ranks on and that combined scores the price on. Methods that
 * take no adjustments are refused them by the schema, so there their evaluated price equals the
 * price after discount.
 */
export function priceBid(bid: ParsedBid): Pricing {
  const discount = discountAmount(bid.price, bid.discount);
  const priceAfterDiscount = bid.price - discount;
  let adjustmentsTotal = 0n;
  for (const adjustment of bid.adjustments ?? []) adjustmentsTotal += adjustment.amount;
  return {
    discountAmount: discount,
    priceAfterDiscount,
    adjustmentsTotal,
    evaluatedPrice: priceAfterDiscount + adjustmentsTotal,
  };
}
