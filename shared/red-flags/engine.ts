// The red-flag engine: Cardinal's `indicators` command over OCDS compiled releases, one at a time.
// Per-process indicators flag as they read; the others keep only what Cardinal keeps (per-ocid
// price gaps, per-organization fractions, per-supplier classification prefixes) and flag in
// finish(). Global exclusions, as Cardinal's: not an object, `ocid` not a string, a cancelled
// /tender/status, or /tender/procurementMethodDetails in `[exclusions] procurement_method_details`.
import type { Context, Indicator } from './indicators/context.ts';
import { PriceGaps } from './indicators/price-gaps.ts';
import { r003 } from './indicators/r003.ts';
import { r018 } from './indicators/r018.ts';
import { r024 } from './indicators/r024.ts';
import { r025 } from './indicators/r025.ts';
import { r028 } from './indicators/r028.ts';
import { r030 } from './indicators/r030.ts';
import { r035 } from './indicators/r035.ts';
import { r036 } from './indicators/r036.ts';
import { r038 } from './indicators/r038.ts';
import { r044 } from './indicators/r044.ts';
import { r048 } from './indicators/r048.ts';
import { r058 } from './indicators/r058.ts';
import { isObject, matchesProcurementMethodDetails, objectAt, stringAt } from './ocds.ts';
import { Results } from './results.ts';
import { defaultSettings, type IndicatorCode, pipeSet, type Section, type Settings } from './settings.ts';

export interface EngineOptions {
  /** Cardinal's WARN lines (currency mismatches, ignored settings); default: stderr. */
  readonly warn?: (message: string) => void;
}

const NONE: ReadonlySet<string> = new Set();

export class FlagsEngine {
  readonly results = new Results();
  private readonly indicators: Indicator[] = [];
  private readonly excludedDetails: ReadonlySet<string>;
  private readonly priceGaps: PriceGaps | undefined;
  private finished = false;

  constructor(settings: Settings = defaultSettings, options: EngineOptions = {}) {
    const warn = options.warn ?? ((message: string) => process.stderr.write(`WARN ${message}\n`));
    const quietCurrency = settings.sections.get('output')?.info_currency_mismatches === true;
    const configured = settings.global.currency as string | undefined;
    let mainCurrency: string | undefined;
    const context: Context = {
      results: this.results,
      settings,
      section: (code) => settings.sections.get(code) ?? ({} as Section),
      acceptsCurrency(currency) {
        mainCurrency ??= configured ?? currency;
        if (currency === mainCurrency) return true;
        if (!quietCurrency) warn(`${currency} is not Some(${JSON.stringify(mainCurrency)}), skipping.`);
        return false;
      },
      warn,
    };
    const enabled = (code: IndicatorCode): boolean => settings.sections.has(code);
    this.excludedDetails = pipeSet(settings.sections.get('exclusions')?.procurement_method_details);
    if (
      settings.global.no_price_comparison_procurement_methods !== undefined &&
      settings.global.price_comparison_procurement_methods !== undefined
    ) {
      warn(
        'no_price_comparison_procurement_methods has no effect if price_comparison_procurement_methods is set.',
      );
    }
    // The price gaps fold first, as in Cardinal, so the main currency is fixed in the same order.
    if (enabled('R024') || enabled('R058')) this.priceGaps = new PriceGaps(context);
    const gaps = this.priceGaps as PriceGaps;
    const factories: [IndicatorCode, () => Indicator][] = [
      ['R003', () => r003(context)],
      ['R018', () => r018(context)],
      ['R024', () => r024(context, gaps)],
      ['R025', () => r025(context)],
      ['R028', () => r028(context)],
      ['R030', () => r030(context)],
      ['R035', () => r035(context)],
      ['R036', () => r036(context)],
      ['R038', () => r038(context)],
      ['R044', () => r044(context)],
      ['R048', () => r048(context)],
      ['R058', () => r058(context, gaps)],
    ];
    for (const [code, make] of factories) if (enabled(code)) this.indicators.push(make());
  }

  /** Reads one parsed line. */
  fold(value: unknown): void {
    if (!isObject(value)) return;
    const ocid = value.ocid;
    if (typeof ocid !== 'string') return;
    if (stringAt(objectAt(value, 'tender'), 'status') === 'cancelled') return;
    if (!matchesProcurementMethodDetails(value, NONE, this.excludedDetails)) return;
    this.priceGaps?.fold(value, ocid);
    for (const indicator of this.indicators) indicator.fold?.(value, ocid);
  }

  /** Computes the fences and the flags that need every process; call once. */
  finish(): Results {
    if (!this.finished) {
      this.finished = true;
      for (const indicator of this.indicators) indicator.finalize?.();
    }
    return this.results;
  }
}
