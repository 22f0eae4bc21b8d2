// OCDS merging (https://standard.open-contracting.org/1.1/en/schema/merging/), enough for what we
// publish: releases are applied oldest first; an object merges field by field; a field set to null
// is removed; an array of objects that all have an `id` merges entry by entry (matched on id, new
// ids appended in order); any other array (strings, objects without ids) is replaced whole. The
// release `id` and `tag` are not merged (omitWhenMerged); the compiled release gets its own.
import { releaseIds } from './identifiers.ts';
import type { Release } from './ocds-schemas.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const hasId = (v: Json): v is JsonObject =>
  isObject(v) && (typeof v.id === 'string' || typeof v.id === 'number');

const clone = <T extends Json>(v: T): T => structuredClone(v);

function mergeArray(target: Json | undefined, source: Json[]): Json[] {
  if (source.length === 0 || !source.every(hasId)) return clone(source);
  const merged: JsonObject[] =
    Array.isArray(target) && target.every(hasId) ? clone(target as JsonObject[]) : [];
  for (const item of source) {
    const existing = merged.find((m) => m.id === item.id);
    if (existing) mergeObject(existing, item);
    else merged.push(mergeObject({}, item));
  }
  return merged;
}

/** Merges `source` into `target` (mutated and returned). */
export function mergeObject(target: JsonObject, source: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(source)) {
    if (value === null) delete target[key];
    else if (Array.isArray(value)) target[key] = mergeArray(target[key], value);
    else if (isObject(value)) target[key] = mergeObject(isObject(target[key]) ? target[key] : {}, value);
    else target[key] = value;
  }
  return target;
}

/** The compiled release: the latest value of every field, over all releases of one ocid. */
export function compileReleases(releases: readonly Release[]): Release {
  const ordered = [...releases].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const last = ordered.at(-1);
  if (!last) throw new Error('a record needs at least one release');
  const compiled: JsonObject = {};
  for (const release of ordered) {
    const { id: _id, tag: _tag, ...fields } = release;
    mergeObject(compiled, fields as unknown as JsonObject);
  }
  const { ocid, date, ...rest } = compiled as unknown as Omit<Release, 'id' | 'tag'>;
  return { ocid, id: releaseIds.compiled(ocid, date), date, tag: ['compiled'], ...rest };
}
