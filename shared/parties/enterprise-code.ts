// Vietnamese enterprise codes (mã số doanh nghiệp) are the 10-digit tax code; a branch or
// dependent unit adds a 3-digit suffix, written 0101234567-001. We store the hyphenated form.
export const enterpriseCodePattern = /^(\d{10})(?:-?(\d{3}))?$/;

export function normaliseEnterpriseCode(input: string): string | undefined {
  const match = enterpriseCodePattern.exec(input.trim());
  if (!match) return undefined;
  return match[2] ? `${match[1]}-${match[2]}` : (match[1] as string);
}
