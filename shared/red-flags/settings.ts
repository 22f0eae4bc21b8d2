// Cardinal's settings file (INI), read with Cardinal's rules so that one file drives both tools:
// properties before any section are global (`currency`, the price comparison lists); a section
// named after an indicator enables it; `[R003.procurement_method_details]` is a table nested in
// `[R003]`; comments are whole lines starting with `;` or `#` (Cardinal's INI reader has no inline
// comments, so `threshold = 15 # default` is a bad value there and here). Sections and keys that
// Cardinal would reject (serde's deny_unknown_fields) are errors here too, as are values that do
// not parse as the key's type. The `prepare` command's sections are accepted and ignored.

export const INDICATOR_CODES = [
  'R003',
  'R018',
  'R024',
  'R025',
  'R028',
  'R030',
  'R035',
  'R036',
  'R038',
  'R044',
  'R048',
  'R058',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

type Kind = 'string' | 'bool' | 'int' | 'natural' | 'decimal';
type Value = string | boolean | number;

/** Keys per section ('' is the global part before any section); a Kind alone means any key. */
const SCHEMA: Record<string, Record<string, Kind> | Kind> = {
  '': {
    currency: 'string',
    no_price_comparison_procurement_methods: 'string',
    price_comparison_procurement_methods: 'string',
  },
  output: { info_currency_mismatches: 'bool' },
  defaults: {
    currency: 'string',
    item_classification_scheme: 'string',
    bid_status: 'string',
    award_status: 'string',
    party_roles: 'bool',
  },
  redactions: { amount: 'string', organization_id: 'string' },
  corrections: { award_status_by_contract_status: 'bool' },
  modifications: {
    move_auctions: 'bool',
    prefix_buyer_or_procuring_entity_id: 'string',
    prefix_tenderer_or_supplier_id: 'string',
    split_procurement_method_details: 'string',
  },
  'codelists.bid_status': 'string',
  'codelists.award_status': 'string',
  exclusions: { procurement_method_details: 'string' },
  R003: { threshold: 'int', procurement_methods: 'string' },
  'R003.procurement_method_details': 'int',
  R018: { procurement_methods: 'string' },
  R024: { threshold: 'decimal' },
  R025: { percentile: 'natural', threshold: 'decimal' },
  R028: {},
  R030: {},
  R035: { threshold: 'natural' },
  R036: {},
  R038: { threshold: 'decimal', minimum_submitted_bids: 'natural', minimum_contracting_processes: 'natural' },
  R044: {},
  R048: { digits: 'natural', threshold: 'natural', minimum_contracting_processes: 'natural' },
  R058: { threshold: 'decimal' },
};

export type Section = Readonly<Record<string, Value>>;

export interface Settings {
  /** Global properties (before any section). */
  readonly global: Section;
  /** Sections present in the file, including empty ones (an empty indicator section enables it). */
  readonly sections: ReadonlyMap<string, Section>;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

const KIND_WORDS: Record<Kind, string> = {
  string: 'a string',
  bool: 'a boolean (true or false)',
  int: 'an integer',
  natural: 'a natural number',
  decimal: 'a decimal',
};

function parseValue(kind: Kind, raw: string, where: string): Value {
  const fail = (): never => {
    throw new SettingsError(`${where}: invalid value ${JSON.stringify(raw)}, expected ${KIND_WORDS[kind]}`);
  };
  switch (kind) {
    case 'string':
      return raw;
    case 'bool': {
      const word = raw.toLowerCase();
      if (['true', 'on', 'yes', '1'].includes(word)) return true;
      if (['false', 'off', 'no', '0'].includes(word)) return false;
      return fail();
    }
    case 'int':
      if (!/^[+-]?\d+$/.test(raw)) fail();
      return Number(raw);
    case 'natural':
      if (!/^\+?\d+$/.test(raw)) fail();
      return Number(raw);
    case 'decimal':
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) fail();
      return Number(raw);
  }
}

function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first))
    return value.slice(1, -1);
  return value;
}

/** Parses INI text; `source` names the file in error messages. */
export function parseSettings(text: string, source = 'settings'): Settings {
  const global: Record<string, Value> = {};
  const sections = new Map<string, Record<string, Value>>();
  let section = '';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    const at = `${source}:${index + 1}`;
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw new SettingsError(`${at}: a section must end with "]"`);
      section = line.slice(1, -1).trim();
      if (!(section in SCHEMA) || section === '')
        throw new SettingsError(`${at}: unknown section [${section}]`);
      if (!sections.has(section)) sections.set(section, {});
      // A nested table implies its parent, as Cardinal's config reader builds R003 from R003.x.
      const parent = section.split('.')[0] as string;
      if (parent !== section && parent in SCHEMA && !sections.has(parent)) sections.set(parent, {});
      return;
    }
    const equals = line.search(/[=:]/);
    if (equals <= 0) throw new SettingsError(`${at}: expected "key = value", a [section] or a comment`);
    const key = line.slice(0, equals).trim();
    const raw = unquote(line.slice(equals + 1).trim());
    const schema = SCHEMA[section] as Record<string, Kind> | Kind;
    const name = section === '' ? key : `${section}.${key}`;
    const kind = typeof schema === 'string' ? schema : Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (kind === undefined || key === '') throw new SettingsError(`${at}: unknown key ${name}`);
    const value = parseValue(kind, raw, `${at}: ${name}`);
    if (section === '') global[key] = value;
    else (sections.get(section) as Record<string, Value>)[key] = value;
  });
  return { global, sections };
}

/**
 * Without a settings file Cardinal runs no indicator at all; we run every indicator with its
 * defaults instead, as if given the file `ocdscardinal init` writes (every section, no property).
 */
export const defaultSettings: Settings = {
  global: {},
  sections: new Map(INDICATOR_CODES.map((code) => [code, {}])),
};

/** Cardinal's pipe-separated lists: `open|selective`; an empty or missing value is an empty set. */
export function pipeSet(value: Value | undefined): ReadonlySet<string> {
  if (typeof value !== 'string' || value === '') return new Set();
  const parts = value.split('|');
  if (parts.at(-1) === '') parts.pop(); // split_terminator drops one trailing empty part
  return new Set(parts);
}
