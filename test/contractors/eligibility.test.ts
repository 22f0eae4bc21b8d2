import { describe, expect, it } from 'vitest';
import { eligibilityOf } from '../../shared/parties/eligibility.ts';
import { normaliseEnterpriseCode } from '../../shared/parties/enterprise-code.ts';

const at = new Date('2026-12-01T00:00:00Z');
const base = { contractorId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' };

describe('eligibility', () => {
  it('allows active contractors', () => {
    expect(eligibilityOf({ ...base, status: 'active' }, at).eligible).toBe(true);
  });
  it('refuses suspended and debarred contractors while the period runs, and indefinitely without an end', () => {
    expect(
      eligibilityOf(
        { ...base, status: 'debarred', statusReason: 'fraud', statusUntil: '2027-01-01T00:00:00Z' },
        at,
      ),
    ).toMatchObject({
      eligible: false,
      reason: 'contractor is debarred until 2027-01-01T00:00:00Z: fraud',
    });
    expect(eligibilityOf({ ...base, status: 'suspended' }, at).eligible).toBe(false);
  });
  it('allows a contractor again once the period has ended, exactly at its end', () => {
    expect(
      eligibilityOf({ ...base, status: 'debarred', statusUntil: '2026-12-01T00:00:00Z' }, at).eligible,
    ).toBe(true);
    expect(
      eligibilityOf({ ...base, status: 'debarred', statusUntil: '2026-12-01T00:00:00.001Z' }, at).eligible,
    ).toBe(false);
  });
});

describe('enterprise codes', () => {
  it.each([
    ['0101234567', '0101234567'],
    ['0101234567001', '0101234567-001'],
    ['0101234567-001', '0101234567-001'],
    [' 0101234567 ', '0101234567'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normaliseEnterpriseCode(input)).toBe(expected);
  });
  it.each(['', '123456789', '01012345678', '0101234567-01', 'abcdefghij', '0101234567-0011'])(
    'refuses %s',
    (input) => {
      expect(normaliseEnterpriseCode(input)).toBeUndefined();
    },
  );
});
