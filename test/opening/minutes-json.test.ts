import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical/canonical-json.ts';
import { buildMinutes, minutesStatement } from '../../shared/opening/minutes.ts';
import { signedMinutesJson } from '../../shared/opening/minutes-json.ts';

const minutes = buildMinutes({
  tender: {
    tenderId: 't1',
    title: 'Gói thầu "ngoặc" \u2028',
    buyer: 'o1',
    buyerName: 'Sở Tài chính',
    envelopeProcedure: 'one-envelope',
    submissionDeadline: '2026-12-01T09:00:00.000Z',
    currency: 'VND',
    minBids: 1,
    lots: [{ lotId: 'l1', title: 'Lô 1' }],
  },
  phase: 'single',
  openedAt: '2026-12-01T09:00:00.100Z',
  openingKeyId: 'k1',
  outcomes: [
    {
      status: 'invalid',
      bidId: 'b1',
      version: 1,
      lotId: 'l1',
      bidderRef: 'r1',
      reason: { code: 'LATE', detail: 'late' },
    },
  ],
  auditCheckpoint: null,
  bidEvents: [],
});
const signature = {
  algorithm: 'ECDSA_SHA_256',
  encoding: 'DER',
  statement: minutesStatement(minutes),
  value: 'c2ln',
  publicKey: 'cGs=',
} as const;

describe('the stored minutes', () => {
  it('are the RFC 8785 JSON of the signed document, the minutes encoded once', () => {
    const document = { minutes, signature };
    expect(signedMinutesJson(document)).toBe(canonicalJson(document));
    expect(minutesStatement(minutes).minutesSha256).toBe(signature.statement.minutesSha256);
  });
});
