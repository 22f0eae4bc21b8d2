// An entity: one kind of item in one of the generic-key tables (tables.ts), with its keys declared
// once as templates of literal segments and attributes, in the way ElectroDB declares composite
// keys. Every key string (`TENDER#…`, `BID#…`, `STATUS#…`) is built here from a declaration in
// shared/entities/; test/lifecycle/key-strings.test.ts fails on one built anywhere else.
import type { TableName } from '../resources/tables.ts';

/** A key template: literal segments and `{attribute}` (or `{attribute:width}`, zero-padded) parts. */
type Template = string;

type Attributes<T extends Template> = T extends `${string}{${infer A}}${infer Rest}`
  ? (A extends `${infer Name}:${string}` ? Name : A) | Attributes<Rest>
  : never;

export type KeyValues<T extends Template> = { readonly [K in Attributes<T>]: string | number };

interface Part {
  readonly literal?: string;
  readonly attribute?: string;
  readonly width?: number;
}

function parse(template: Template): Part[] {
  const parts: Part[] = [];
  const pattern = /\{(\w+)(?::(\d+))?\}/g;
  let last = 0;
  for (const m of template.matchAll(pattern)) {
    if (m.index > last) parts.push({ literal: template.slice(last, m.index) });
    parts.push({ attribute: m[1] as string, ...(m[2] ? { width: Number(m[2]) } : {}) });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return parts;
}

function fill(
  parts: readonly Part[],
  values: Readonly<Record<string, unknown>>,
  prefixOnly: boolean,
): string {
  let out = '';
  for (const part of parts) {
    if (part.literal !== undefined) {
      out += part.literal;
      continue;
    }
    const value = values[part.attribute as string];
    if (value === undefined) {
      if (prefixOnly) return out;
      throw new Error(`key attribute ${part.attribute} is missing`);
    }
    out += part.width ? String(value).padStart(part.width, '0') : String(value);
  }
  return out;
}

export interface KeySpec {
  readonly pk: Template;
  readonly sk: Template;
}

export interface IndexKeySpec extends KeySpec {
  /** The index's name (tables.ts) and its key attributes. */
  readonly name: string;
  readonly pkAttribute: string;
  readonly skAttribute: string;
}

export interface EntitySpec<P extends Template, S extends Template, I extends Record<string, IndexKeySpec>> {
  readonly table: TableName;
  /** What the item is, in words (the table layout comment of old, kept with the keys). */
  readonly description: string;
  readonly pk: P;
  readonly sk: S;
  readonly indexes?: I;
}

export interface Entity<P extends Template, S extends Template, I extends Record<string, IndexKeySpec>> {
  readonly table: TableName;
  readonly description: string;
  /** The item's key. */
  key(values: KeyValues<P> & KeyValues<S>): { pk: string; sk: string };
  pk(values: KeyValues<P>): string;
  sk(values: KeyValues<S>): string;
  /**
   * The sort key's leading part, up to the first attribute not given: for `begins_with` queries
   * (`skPrefix({})` on `REV#{revision:6}` is `REV#`).
   */
  skPrefix(values: Partial<KeyValues<S>>): string;
  /** The value of `attribute` in a stored key, read back through the template (`CONTRACTOR#x` → x). */
  fromPk(pk: string): Record<Attributes<P>, string>;
  /** An index's key attributes for an item (the names tables.ts gives them). */
  indexKey<N extends keyof I & string>(index: N, values: object): Record<string, string>;
  /** An index's partition value. */
  indexPk<N extends keyof I & string>(index: N, values: object): string;
  indexSk<N extends keyof I & string>(index: N, values: object): string;
}

function reader(parts: readonly Part[]) {
  const source = parts
    .map((p) =>
      p.literal !== undefined ? p.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : `(?<${p.attribute}>.*?)`,
    )
    .join('');
  const pattern = new RegExp(`^${source}$`);
  return (value: string) => {
    const match = pattern.exec(value);
    if (!match?.groups) throw new Error(`${value} does not match its key template`);
    return { ...match.groups };
  };
}

export function defineEntity<
  const P extends Template,
  const S extends Template,
  const I extends Record<string, IndexKeySpec> = Record<never, IndexKeySpec>,
>(spec: EntitySpec<P, S, I>): Entity<P, S, I> {
  const pk = parse(spec.pk);
  const sk = parse(spec.sk);
  const readPk = reader(pk);
  const indexes = Object.fromEntries(
    Object.entries(spec.indexes ?? {}).map(([n, i]) => [
      n,
      { ...i, pkParts: parse(i.pk), skParts: parse(i.sk) },
    ]),
  );
  const index = (name: string) => {
    const found = indexes[name];
    if (!found) throw new Error(`no index ${name}`);
    return found;
  };
  return {
    table: spec.table,
    description: spec.description,
    key: (values) => ({ pk: fill(pk, values, false), sk: fill(sk, values, false) }),
    pk: (values) => fill(pk, values, false),
    sk: (values) => fill(sk, values, false),
    skPrefix: (values) => fill(sk, values, true),
    fromPk: (value) => readPk(value) as never,
    indexKey(name, values) {
      const i = index(name);
      const v = values as Record<string, unknown>;
      return { [i.pkAttribute]: fill(i.pkParts, v, false), [i.skAttribute]: fill(i.skParts, v, false) };
    },
    indexPk: (name, values) => fill(index(name).pkParts, values as Record<string, unknown>, false),
    indexSk: (name, values) => fill(index(name).skParts, values as Record<string, unknown>, false),
  };
}
