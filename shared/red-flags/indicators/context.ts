// What every indicator shares: the results, the settings, the main currency (Cardinal's
// `currency` setting, otherwise the first currency observed in a price comparison) and warnings.
import type { JsonObject } from '../ocds.ts';
import type { Results } from '../results.ts';
import type { IndicatorCode, Section, Settings } from '../settings.ts';

export interface Context {
  readonly results: Results;
  readonly settings: Settings;
  /** The indicator's section of the settings (empty when absent). */
  section(code: IndicatorCode): Section;
  /** True if the amount's currency is the main currency; fixes the main currency on first use. */
  acceptsCurrency(currency: string): boolean;
  warn(message: string): void;
}

export interface Indicator {
  /** Reads one contracting process (already past the global exclusions). */
  fold?(release: JsonObject, ocid: string): void;
  /** Runs after the last line: quartiles, fences and the flags that depend on them. */
  finalize?(): void;
}

export type IndicatorFactory = (context: Context) => Indicator;
