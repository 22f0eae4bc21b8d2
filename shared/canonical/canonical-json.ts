// RFC 8785 (JSON Canonicalization Scheme). ECMAScript's own number serialisation and UTF-16
// code-unit key order are exactly what the RFC prescribes, so JSON.stringify does the leaf work.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError('canonical JSON has no representation for NaN or Infinity');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return canonicalJson((value as { toJSON: () => unknown }).toJSON());
      }
      if (Array.isArray(value)) {
        let out = '[';
        // A hole stays empty, as Array#map then join always wrote it (hashes must not change).
        for (let i = 0; i < value.length; i++)
          out += (i > 0 ? ',' : '') + (i in value ? canonicalJson(value[i] ?? null) : '');
        return `${out}]`;
      }
      const object = value as Record<string, unknown>;
      // Most objects already list their keys in order (parsed canonical JSON, bundles written by
      // createBundle): sort only when they do not. Same order as sorting by UTF-16 code units.
      const keys = Object.keys(object);
      for (let i = 1; i < keys.length; i++) {
        if (!((keys[i - 1] as string) < (keys[i] as string))) {
          keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          break;
        }
      }
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = object[key];
        if (item === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
  }
}

const utf8 = new TextEncoder();

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8.encode(canonicalJson(value));
}

/**
 * A plain-JSON copy of `value` whose objects list their keys in canonical order, so that
 * JSON.stringify of it writes canonicalJson's bytes (except for keys that look like array
 * indices, which JavaScript objects always list first). Bundles store their events this way so a
 * verifier can hash an event's bytes as they stand (shared/canonical/canonical-span.ts).
 */
export function canonicalOrder<T>(value: T): T {
  return JSON.parse(canonicalJson(value)) as T;
}

/** canonicalOrder, or the value itself when it has no canonical JSON (the verifier will say so). */
export function inCanonicalOrder<T>(value: T): T {
  try {
    return canonicalOrder(value);
  } catch {
    return value;
  }
}
