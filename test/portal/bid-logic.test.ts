// What the contractor's pages compute without a browser: amounts read as typed in Vietnam, the
// price form built from typed fields (and accepted by the opener's own schema), its two-envelope
// split, and the DER-to-P1363 conversion the receipt check relies on.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildPriceForm,
  type PriceFormFields,
  parsePercentBasisPoints,
  parseWholeAmount,
  splitForm,
} from '../../portal/src/bidding/price-form.ts';
import { derToP1363 } from '../../portal/src/contractor/der-signature.ts';
import { FinancialForm, PriceForm, TechnicalForm } from '../../shared/opening/price-form.ts';

describe('amounts', () => {
  it('reads whole amounts as typed in Vietnam, and refuses decimals rather than guess', () => {
    expect(parseWholeAmount('1.987.654.321')).toEqual({ ok: true, value: 1_987_654_321 });
    expect(parseWholeAmount(' 1 987 654 321 ')).toEqual({ ok: true, value: 1_987_654_321 });
    expect(parseWholeAmount('1987654321')).toEqual({ ok: true, value: 1_987_654_321 });
    for (const bad of ['', '1,5', '1.5', '12.34.567', '-3', '1e9', '99999999999999999']) {
      expect(parseWholeAmount(bad).ok, bad).toBe(false);
    }
    expect(parsePercentBasisPoints('2,5')).toEqual({ ok: true, value: 250 });
    expect(parsePercentBasisPoints('12.75')).toEqual({ ok: true, value: 1275 });
    expect(parsePercentBasisPoints('100').ok).toBe(false);
    expect(parsePercentBasisPoints('1,234').ok).toBe(false);
  });
});

describe('the price form', () => {
  const rules = { currency: 'VND', minValidityDays: 120, minSecurityAmount: 30_000_000 };
  const fields: PriceFormFields = {
    price: '1.987.654.321',
    discountKind: 'percent',
    discount: '2,5',
    validityDays: '150',
    securityAmount: '30.000.000',
    securityIssuer: ' Ngân hàng TMCP Ngoại thương Việt Nam ',
    securityReference: 'BL-2026-0815',
  };

  it('is the one-envelope PriceForm the opener reads, with integer amounts', () => {
    const built = buildPriceForm(fields, rules);
    expect(built).toEqual({
      ok: true,
      form: {
        currency: 'VND',
        price: 1_987_654_321,
        discount: { kind: 'percent', basisPoints: 250 },
        bidSecurity: {
          amount: 30_000_000,
          issuer: 'Ngân hàng TMCP Ngoại thương Việt Nam',
          reference: 'BL-2026-0815',
        },
        validityDays: 150,
      },
    });
    if (!built.ok) return;
    expect(PriceForm.safeParse(built.form).success).toBe(true);
    const plain = buildPriceForm({ ...fields, discountKind: 'none', securityIssuer: '' }, rules);
    expect(plain.ok && PriceForm.safeParse(plain.form).success).toBe(true);
    expect(plain.ok && plain.form).toEqual({
      currency: 'VND',
      price: 1_987_654_321,
      bidSecurity: { amount: 30_000_000, reference: 'BL-2026-0815' },
      validityDays: 150,
    });
    // The guarantee's reference is what the entity checks with the bank: any security needs one.
    const unreferenced = buildPriceForm({ ...fields, securityReference: ' ' }, rules);
    expect(unreferenced.ok ? {} : unreferenced.errors).toEqual({
      securityReference: 'bid.form.error.required',
    });
  });

  it('splits into the technical and financial envelopes the opener reads apart', () => {
    const built = buildPriceForm(fields, rules);
    if (!built.ok) throw new Error('the form should build');
    const { technical, financial } = splitForm(built.form);
    expect(TechnicalForm.safeParse(technical).success).toBe(true);
    expect(FinancialForm.safeParse(financial).success).toBe(true);
    expect(financial).toEqual({
      currency: 'VND',
      price: 1_987_654_321,
      discount: { kind: 'percent', basisPoints: 250 },
    });
    expect(technical.validityDays).toBe(150);
  });

  it('names each field that is wrong', () => {
    const built = buildPriceForm(
      {
        ...fields,
        price: '1,5',
        discountKind: 'amount',
        discount: '5.000.000.000',
        validityDays: '90',
        securityAmount: '1.000',
      },
      rules,
    );
    expect(built.ok).toBe(false);
    expect(Object.keys(built.ok ? {} : built.errors).sort()).toEqual([
      'price',
      'securityAmount',
      'validityDays',
    ]);
    const discount = buildPriceForm({ ...fields, discountKind: 'amount', discount: '2.000.000.000' }, rules);
    expect(discount.ok ? {} : discount.errors).toEqual({ discount: 'bid.form.error.discountTooLarge' });
    const zero = buildPriceForm({ ...fields, price: '0' }, rules);
    expect(zero.ok ? {} : zero.errors).toEqual({ price: 'bid.form.error.positive' });
  });
});

describe('DER to IEEE P1363', () => {
  it('turns DER ECDSA signatures (short integers included) into ones WebCrypto verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const verifier = await crypto.subtle.importKey(
      'jwk',
      publicKey.export({ format: 'jwk' }),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    let short = 0;
    // 2000 signatures: the chance that none has a short integer is about e^-15.
    for (let i = 0; i < 2000; i++) {
      const message = new TextEncoder().encode(`receipt ${i}`);
      const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
      const p1363 = derToP1363(der);
      // r or s below 2^248 is encoded in fewer than 32 bytes (1 in 256 each) and must be left-padded.
      if (p1363[0] === 0 || p1363[32] === 0) short++;
      expect(p1363.length).toBe(64);
      const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, verifier, p1363, message);
      expect(ok, der.toString('hex')).toBe(true);
    }
    expect(short).toBeGreaterThan(0);
    expect(() => derToP1363(new Uint8Array([0x30, 0x02, 0x02, 0x00]))).toThrow();
    expect(() => derToP1363(new Uint8Array([0x31, 0x00]))).toThrow();
  });
});
