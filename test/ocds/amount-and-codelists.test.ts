// Amounts (minor units to OCDS numbers on the digits) and codelist mappings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { majorUnitsText, ocdsAmount, ocdsValue, sumMinor } from '../../shared/ocds/amount.ts';
import {
  awardCriteria,
  awardCriteriaDetails,
  mainProcurementCategory,
  procurementMethod,
  procurementMethodDetails,
  tenderStatus,
} from '../../shared/ocds/codelists.ts';
import { readSchema } from './validator.ts';

describe('amounts', () => {
  it('maps VND 1:1 and divides USD and EUR cents by 100 on the digits', () => {
    expect(ocdsValue(2_500_000_000, 'VND')).toEqual({ amount: 2_500_000_000, currency: 'VND' });
    expect(JSON.stringify(ocdsValue(1999, 'USD'))).toBe('{"amount":19.99,"currency":"USD"}');
    expect(ocdsAmount(5, 'EUR')).toBe(0.05);
    expect(ocdsAmount(100, 'USD')).toBe(1);
    expect(ocdsAmount('10', 'USD')).toBe(0.1);
    expect(ocdsAmount(0, 'USD')).toBe(0);
    expect(majorUnitsText('-250', 'EUR')).toBe('-2.5');
    // 0.1 + 0.2 style surprises cannot happen: no division, just a decimal point in the digits.
    expect(JSON.stringify(ocdsAmount(30, 'USD'))).toBe('0.3');
    expect(JSON.stringify(ocdsAmount(123456789012345, 'USD'))).toBe('1234567890123.45');
  });

  it('keeps VND amounts given as digit strings (bids may pass 2^53) and sums in bigint', () => {
    expect(ocdsAmount('9007199254740993', 'VND')).toBe(9007199254740992); // nearest double, documented
    expect(ocdsAmount('1850000000', 'VND')).toBe(1_850_000_000);
    expect(sumMinor([Number.MAX_SAFE_INTEGER, 2, '3'])).toBe(9007199254740996n);
  });

  it('refuses what is not an integer amount, and currencies without a known minor unit', () => {
    expect(() => ocdsAmount('1.5', 'VND')).toThrow(/not an integer/);
    expect(() => ocdsAmount(1.5, 'USD')).toThrow(/not an integer/);
    expect(() => ocdsAmount('007', 'USD')).toThrow(/not an integer/);
    expect(() => ocdsAmount(1, 'JPY')).toThrow(/no minor unit/);
  });

  it('prints back exactly the decimal digits for every cent amount below 10^15 and every whole dong up to 2^53', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (cents) => {
        const text = majorUnitsText(cents, 'USD');
        expect(JSON.stringify(ocdsAmount(cents, 'USD'))).toBe(text);
        // And the digits are the cents: whole part × 100 + fraction.
        const [whole, fraction = ''] = text.split('.');
        expect(BigInt(whole as string) * 100n + BigInt(fraction.padEnd(2, '0'))).toBe(cents);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (dong) => {
        expect(JSON.stringify(ocdsAmount(dong, 'VND'))).toBe(String(dong));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('codelists', () => {
  const release = readSchema('1.1.5/release-schema.json');
  const tenderFields = release.definitions.Tender.properties;

  it('maps every tender status of ours that is public to the closed tenderStatus codelist', () => {
    const statuses = [
      'published',
      'closed',
      'opened',
      'evaluating',
      'awarded',
      'contracted',
      'cancelled',
      'unsuccessful',
    ] as const;
    const mapped = Object.fromEntries(statuses.map((s) => [s, tenderStatus(s)]));
    expect(mapped).toEqual({
      published: 'active',
      closed: 'active',
      opened: 'active',
      evaluating: 'active',
      awarded: 'active',
      contracted: 'complete',
      cancelled: 'cancelled',
      unsuccessful: 'unsuccessful',
    });
    for (const code of Object.values(mapped)) expect(tenderFields.status.enum).toContain(code);
    expect(() => tenderStatus('draft')).toThrow(/not public/);
  });

  it('maps procurement methods to open/selective with the Vietnamese term in the details', () => {
    const cases = [
      ['open', 'one-envelope', 'open', 'Đấu thầu rộng rãi, một giai đoạn một túi hồ sơ'],
      ['limited', 'two-envelope', 'selective', 'Đấu thầu hạn chế, một giai đoạn hai túi hồ sơ'],
      ['competitive-shopping', 'one-envelope', 'open', 'Chào hàng cạnh tranh, một giai đoạn một túi hồ sơ'],
    ] as const;
    for (const [method, envelope, code, details] of cases) {
      const t = { procurementMethod: method, envelopeProcedure: envelope };
      expect(procurementMethod(t)).toBe(code);
      expect(procurementMethodDetails(t)).toBe(details);
      expect(tenderFields.procurementMethod.enum).toContain(code);
    }
  });

  it('maps categories to goods/works/services', () => {
    expect(
      (['goods', 'works', 'non-consulting', 'consulting'] as const).map((category) =>
        mainProcurementCategory({ category }),
      ),
    ).toEqual(['goods', 'works', 'services', 'services']);
  });

  it('maps evaluation methods to the 1.1 awardCriteria codes, weights in the details', () => {
    const of = (evaluation: any) => [awardCriteria({ evaluation }), awardCriteriaDetails({ evaluation })];
    expect(of({ method: 'lowest-price' })).toEqual(['priceOnly', 'Phương pháp giá thấp nhất']);
    expect(of({ method: 'evaluated-price' })).toEqual(['costOnly', 'Phương pháp giá đánh giá']);
    expect(of({ method: 'combined', technicalWeight: 70, priceWeight: 30, minTechnicalScore: 60 })).toEqual([
      'ratedCriteria',
      'Phương pháp kết hợp giữa kỹ thuật và giá: kỹ thuật 70 %, giá 30 %; điểm kỹ thuật tối thiểu 60/100',
    ]);
    expect(of({ method: 'technical-score', minTechnicalScore: 80 })[0]).toBe('qualityOnly');
  });
});
