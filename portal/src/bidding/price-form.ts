// The offer the bid page seals, from what the contractor typed (ported from web/src/price-form.ts):
// one envelope seals the whole PriceForm; two envelopes seal a TechnicalForm (bid security and
// validity) and a FinancialForm (currency, price, discount) apart (shared/opening/price-form.ts).
// Amounts are integers in the currency's minor unit (whole dong for VND), never floats. Errors are
// catalogue ids (bid.form.error.*), shown beside their field.

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

export type Discount = { kind: 'percent'; basisPoints: number } | { kind: 'amount'; amount: number };
export type FinancialFormJson = { currency: string; price: number; discount?: Discount };
export type TechnicalFormJson = {
  bidSecurity: { amount: number; issuer?: string; reference?: string };
  validityDays: number;
};
export type PriceFormJson = FinancialFormJson & TechnicalFormJson;

export type FieldErrors = Partial<Record<keyof PriceFormFields, string>>;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** "1.987.654.321", "1 987 654 321" or "1987654321"; a comma would be a decimal: refused. */
export function parseWholeAmount(text: string): Parsed<number> {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return { ok: false, error: 'bid.form.error.required' };
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(compact)) return { ok: false, error: 'bid.form.error.digits' };
  const value = Number(compact.replaceAll('.', ''));
  if (!Number.isSafeInteger(value)) return { ok: false, error: 'bid.form.error.tooLarge' };
  return { ok: true, value };
}

/** A percentage with at most two decimals ("2,5" or "2.5") as basis points (250). */
export function parsePercentBasisPoints(text: string): Parsed<number> {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(',', '.'));
  if (!match) return { ok: false, error: 'bid.form.error.percent' };
  return { ok: true, value: Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) };
}

export const groupThousands = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

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
  if (price === 0) errors.price = 'bid.form.error.positive';

  let discount: Discount | undefined;
  if (fields.discountKind === 'percent') {
    const basisPoints = take('discount', parsePercentBasisPoints(fields.discount));
    if (basisPoints !== undefined) discount = { kind: 'percent', basisPoints };
  } else if (fields.discountKind === 'amount') {
    const amount = take('discount', parseWholeAmount(fields.discount));
    if (amount !== undefined && price !== undefined && amount >= price) {
      errors.discount = 'bid.form.error.discountTooLarge';
    } else if (amount !== undefined) discount = { kind: 'amount', amount };
  }

  const validityText = fields.validityDays.trim();
  const validityDays = Number(validityText);
  if (!/^\d{1,4}$/.test(validityText) || validityDays < 1 || validityDays > 3650) {
    errors.validityDays = 'bid.form.error.days';
  } else if (validityDays < rules.minValidityDays) {
    errors.validityDays = 'bid.form.error.validityShort';
  }

  const securityAmount = take('securityAmount', parseWholeAmount(fields.securityAmount));
  if (securityAmount !== undefined && securityAmount < rules.minSecurityAmount) {
    errors.securityAmount = 'bid.form.error.securityLow';
  }
  const issuer = fields.securityIssuer.trim();
  const reference = fields.securityReference.trim();
  if (issuer.length > 300) errors.securityIssuer = 'bid.form.error.tooLong';
  if (reference.length > 100) errors.securityReference = 'bid.form.error.tooLong';
  // The guarantee's reference is what the entity checks with the bank: asked for with any security.
  if (reference === '' && (securityAmount ?? 0) > 0) errors.securityReference = 'bid.form.error.required';

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

/** The two-envelope split of the same offer. */
export function splitForm(form: PriceFormJson): {
  technical: TechnicalFormJson;
  financial: FinancialFormJson;
} {
  const { currency, price, discount, bidSecurity, validityDays } = form;
  return {
    technical: { bidSecurity, validityDays },
    financial: { currency, price, ...(discount ? { discount } : {}) },
  };
}
