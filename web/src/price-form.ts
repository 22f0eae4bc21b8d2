// The price form the bid page seals: the one-envelope PriceForm the opener reads
// (shared/opening/price-form.ts), built here from what the contractor typed. Every amount is an
// integer in the tender currency's minor unit (whole dong for VND), never a float.
import { type Parsed, parsePercentBasisPoints, parseWholeAmount } from './format.ts';

export interface PriceFormFields {
  readonly price: string;
  readonly discountKind: 'none' | 'percent' | 'amount';
  readonly discount: string;
  readonly validityDays: string;
  readonly securityAmount: string;
  readonly securityIssuer: string;
  readonly securityReference: string;
}

export interface PriceFormRules {
  readonly currency: string;
  /** The tender's required bid validity: an offer valid for fewer days is not compliant. */
  readonly minValidityDays: number;
  /** The lot's required bid security. */
  readonly minSecurityAmount: number;
}

// A type alias, not an interface: only aliases are assignable to JsonValue's index signature.
export type PriceFormJson = {
  currency: string;
  price: number;
  discount?: { kind: 'percent'; basisPoints: number } | { kind: 'amount'; amount: number };
  bidSecurity: { amount: number; issuer?: string; reference?: string };
  validityDays: number;
};

export type FieldErrors = Partial<Record<keyof PriceFormFields, string>>;

export function buildPriceForm(
  fields: PriceFormFields,
  rules: PriceFormRules,
): { ok: true; form: PriceFormJson } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const take = <T>(field: keyof PriceFormFields, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors[field] = parsed.error;
    return undefined;
  };

  const price = take('price', parseWholeAmount(fields.price));
  if (price === 0) errors.price = 'phải lớn hơn 0';

  let discount: PriceFormJson['discount'];
  if (fields.discountKind === 'percent') {
    const basisPoints = take('discount', parsePercentBasisPoints(fields.discount));
    if (basisPoints !== undefined) discount = { kind: 'percent', basisPoints };
  } else if (fields.discountKind === 'amount') {
    const amount = take('discount', parseWholeAmount(fields.discount));
    if (amount !== undefined && price !== undefined && amount >= price) {
      errors.discount = 'phải nhỏ hơn giá dự thầu';
    } else if (amount !== undefined) discount = { kind: 'amount', amount };
  }

  const validityDays = Number(fields.validityDays.trim());
  if (!/^\d{1,4}$/.test(fields.validityDays.trim()) || validityDays < 1 || validityDays > 3650) {
    errors.validityDays = 'số ngày nguyên từ 1 đến 3650';
  } else if (validityDays < rules.minValidityDays) {
    errors.validityDays = `hồ sơ mời thầu yêu cầu ít nhất ${rules.minValidityDays} ngày`;
  }

  const securityAmount = take('securityAmount', parseWholeAmount(fields.securityAmount));
  if (securityAmount !== undefined && securityAmount < rules.minSecurityAmount) {
    errors.securityAmount = `thấp hơn mức bảo đảm dự thầu yêu cầu (${rules.minSecurityAmount})`;
  }
  const issuer = fields.securityIssuer.trim();
  const reference = fields.securityReference.trim();
  if (issuer.length > 300) errors.securityIssuer = 'tối đa 300 ký tự';
  if (reference.length > 100) errors.securityReference = 'tối đa 100 ký tự';

  if (Object.keys(errors).length > 0 || price === undefined || securityAmount === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    form: {
      currency: rules.currency,
      price,
      ...(discount ? { discount } : {}),
      bidSecurity: {
        amount: securityAmount,
        ...(issuer ? { issuer } : {}),
        ...(reference ? { reference } : {}),
      },
      validityDays,
    },
  };
}
