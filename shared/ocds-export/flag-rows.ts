// The engine's results (Cardinal's shape: group → id → indicator → value, plus Meta) as the rows
// GET /oversight/flags serves: one per flagged process, buyer, procuring entity or tenderer and
// indicator, with the value that triggered it, the fences (Meta: quartiles and fences, rounded as
// Cardinal rounds them) and the settings (thresholds) that applied.
import type { FlagsEngine } from '../red-flags/engine.ts';
import { isObject, type JsonObject, objectAt, stringAt } from '../red-flags/ocds.ts';
import { type Group, roundMeta } from '../red-flags/results.ts';
import type { IndicatorCode, Settings } from '../red-flags/settings.ts';

export const FLAG_KINDS = ['ocid', 'buyer', 'procuringEntity', 'tenderer'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

const kindOfGroup: Record<Group, FlagKind> = {
  OCID: 'ocid',
  Buyer: 'buyer',
  ProcuringEntity: 'procuringEntity',
  Tenderer: 'tenderer',
};

export interface FlagRow {
  readonly kind: FlagKind;
  readonly id: string;
  readonly name?: string;
  readonly indicator: IndicatorCode;
  readonly value: number;
  /** Meta of the indicator (q1, q3, lower_fence, upper_fence…); R038's for this kind only. */
  readonly fences: Record<string, number>;
  /** The indicator's settings that applied (threshold, percentile, procurement_methods…). */
  readonly settings: Record<string, string | number | boolean>;
}

/**
 * Names of what rows point at, collected while the lines stream by: organisations (bounded by the
 * registers) and, for processes, the tender title. Kept only as a name per id.
 */
export class FlagNames {
  private readonly names = new Map<string, string>();

  fold(release: unknown): void {
    if (!isObject(release)) return;
    const ocid = stringAt(release, 'ocid');
    const tender = objectAt(release, 'tender');
    const title = stringAt(tender, 'title');
    if (ocid && title) this.names.set(`ocid:${ocid}`, title);
    const note = (reference: unknown) => {
      const id = stringAt(reference, 'id');
      const name = stringAt(reference, 'name');
      if (id && name && !this.names.has(`org:${id}`)) this.names.set(`org:${id}`, name);
    };
    note(objectAt(release, 'buyer'));
    note(objectAt(tender, 'procuringEntity'));
    for (const party of Array.isArray(release.parties) ? release.parties : []) note(party as JsonObject);
  }

  of(kind: FlagKind, id: string): string | undefined {
    return this.names.get(kind === 'ocid' ? `ocid:${id}` : `org:${id}`);
  }
}

function fencesOf(meta: ReadonlyMap<string, number> | undefined, code: IndicatorCode, group: Group) {
  const fences: Record<string, number> = {};
  for (const [key, value] of meta ?? []) {
    if (code === 'R038') {
      if (key.startsWith(`${group}_`)) fences[key.slice(group.length + 1)] = roundMeta(value);
    } else fences[key] = roundMeta(value);
  }
  return fences;
}

/** Cardinal's defaults (the indicators' own fallbacks), shown when the settings leave them out. */
const DEFAULTS: Partial<Record<IndicatorCode, Record<string, number>>> = {
  R003: { threshold: 15 },
  R025: { percentile: 75 },
  R035: { threshold: 1 },
  R038: { minimum_submitted_bids: 2, minimum_contracting_processes: 2 },
  R048: { digits: 2, minimum_contracting_processes: 20 },
};

function settingsOf(settings: Settings, code: IndicatorCode) {
  const out: Record<string, string | number | boolean> = { ...DEFAULTS[code] };
  for (const [key, value] of Object.entries(settings.sections.get(code) ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value;
  }
  return out;
}

export function* flagRows(engine: FlagsEngine, settings: Settings, names: FlagNames): Generator<FlagRow> {
  const results = engine.results;
  for (const [group, ids] of results.groups) {
    const kind = kindOfGroup[group];
    for (const [id, codes] of ids) {
      for (const [code, value] of Object.entries(codes)) {
        const indicator = code as IndicatorCode;
        const name = names.of(kind, id);
        yield {
          kind,
          id,
          ...(name ? { name } : {}),
          indicator,
          value,
          fences: fencesOf(results.meta.get(indicator), indicator, group),
          settings: settingsOf(settings, indicator),
        };
      }
    }
  }
}
