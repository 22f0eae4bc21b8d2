/** A count of hits out of a count of cases, summed across processes (Cardinal's Fraction). */
export interface Fraction {
  numerator: number;
  denominator: number;
}

export function addFraction(
  map: Map<string, Fraction>,
  key: string,
  numerator: number,
  denominator: number,
): void {
  const fraction = map.get(key);
  if (fraction) {
    fraction.numerator += numerator;
    fraction.denominator += denominator;
  } else map.set(key, { numerator, denominator });
}
