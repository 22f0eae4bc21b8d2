import type { BidInput, EvaluationInput } from '../../shared/evaluation/index.ts';

/** An eligible bid with no discount, adjustments or score: each test states what differs. */
export function bid(bidId: string, price: number | bigint | string, extra: Partial<BidInput> = {}): BidInput {
  return {
    bidId,
    contractorId: `contractor-${bidId}`,
    lotId: 'lot-1',
    price,
    eligibility: [
      { criterion: 'legal-status', pass: true },
      { criterion: 'bid-security', pass: true },
    ],
    receivedAt: '2025-03-10T02:00:00Z',
    ...extra,
  };
}

export function ineligible(failed: { criterion: string; reason?: string }[]): BidInput['eligibility'] {
  return [{ criterion: 'legal-status', pass: true }, ...failed.map((f) => ({ ...f, pass: false }))];
}

export function agreed(points: number, outOf = 100): BidInput['technicalScore'] {
  return { kind: 'agreed', points, outOf };
}

export function vnd(
  method: EvaluationInput['method'],
  bids: BidInput[],
  extra: Partial<EvaluationInput> = {},
) {
  return { method, currency: 'VND', bids, ...extra } satisfies EvaluationInput;
}
