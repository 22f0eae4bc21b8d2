import { describe, expect, it } from 'vitest';
import { parseSettings, SettingsError } from '../../shared/red-flags/index.ts';
import { flags } from './helpers.ts';

describe('Cardinal settings (INI)', () => {
  it('reads global properties, sections, nested tables and comments', () => {
    const settings = parseSettings(
      [
        '; currency first',
        'currency = USD',
        'no_price_comparison_procurement_methods = Random Selection|Sorteo de Obras',
        '[output]',
        'info_currency_mismatches = true',
        '# a comment',
        '[R003]',
        'threshold = 10',
        'procurement_methods = open|selective|limited',
        '[R003.procurement_method_details]',
        'Cotización = 7',
        'Licitación de Seguros = 10',
        '[R024]',
        '[R038]',
        'threshold = 0.5',
        'minimum_submitted_bids = 3',
        '[exclusions]',
        'procurement_method_details = "Random Selection"',
        '[codelists.bid_status]',
        'qualified = valid',
        '[defaults]',
        'currency = USD',
        'party_roles = true',
      ].join('\n'),
    );
    expect(settings.global).toEqual({
      currency: 'USD',
      no_price_comparison_procurement_methods: 'Random Selection|Sorteo de Obras',
    });
    expect(settings.sections.get('R003')).toEqual({
      threshold: 10,
      procurement_methods: 'open|selective|limited',
    });
    expect(settings.sections.get('R003.procurement_method_details')).toEqual({
      Cotización: 7,
      'Licitación de Seguros': 10,
    });
    expect(settings.sections.get('R024')).toEqual({});
    expect(settings.sections.get('R038')).toEqual({ threshold: 0.5, minimum_submitted_bids: 3 });
    expect(settings.sections.get('exclusions')).toEqual({ procurement_method_details: 'Random Selection' });
    expect(settings.sections.get('output')).toEqual({ info_currency_mismatches: true });
    expect(settings.sections.has('R018')).toBe(false);
  });

  it('a nested table enables its indicator', () => {
    expect(parseSettings('[R003.procurement_method_details]\nx = 5').sections.has('R003')).toBe(true);
  });

  it.each([
    ['[R999]', 'settings:1: unknown section [R999]'],
    ['[R024]\nlimit = 0.1', 'settings:2: unknown key R024.limit'],
    ['fixed_price_procurement_methods = x', 'settings:1: unknown key fixed_price_procurement_methods'],
    ['[R028]\nthreshold = 1', 'settings:2: unknown key R028.threshold'],
    ['[R024]\nthreshold = abc', 'settings:2: R024.threshold: invalid value "abc", expected a decimal'],
    [
      '[R003]\nthreshold = 15 # default',
      'settings:2: R003.threshold: invalid value "15 # default", expected an integer',
    ],
    ['[R035]\nthreshold = -1', 'settings:2: R035.threshold: invalid value "-1", expected a natural number'],
    ['[R048]\ndigits = 2.5', 'settings:2: R048.digits: invalid value "2.5", expected a natural number'],
    [
      '[output]\ninfo_currency_mismatches = maybe',
      'settings:2: output.info_currency_mismatches: invalid value "maybe", expected a boolean (true or false)',
    ],
    [
      '[R003.procurement_method_details]\nx = soon',
      'settings:2: R003.procurement_method_details.x: invalid value "soon", expected an integer',
    ],
    ['[R024', 'settings:1: a section must end with "]"'],
    ['[R024]\njust words', 'settings:2: expected "key = value", a [section] or a comment'],
  ])('rejects %j', (text, message) => {
    expect(() => parseSettings(text)).toThrow(SettingsError);
    expect(() => parseSettings(text)).toThrow(message);
  });

  it('only the sections present run', () => {
    const release = { ocid: 'A', tender: { numberOfTenderers: 1, procurementMethod: 'open' } };
    expect(flags([release], '[R003]')).toEqual({});
    expect(flags([release], '[R018]')).toEqual({ OCID: { A: { R018: 1 } } });
    expect(flags([release])).toEqual({ OCID: { A: { R018: 1 } } }); // no file: every indicator
  });
});
