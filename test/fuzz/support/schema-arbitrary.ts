// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values shaped like the
// schema (so requests get past the first check and reach the handlers), and mutations of them
// (wrong types, missing required fields, extra fields, huge numbers, NaN-ish strings, deep
// nesting) that must each come back as a 4xx problem, never a 5xx.
import fc from 'fast-check';

export type JsonSchema = Record<string, any>;

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});

/** Strings a parser might mistake for numbers or specials. */
export const nanish = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-0',
  '0x10',
  '1_000',
  ' 1',
  '',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '9'.repeat(400),
);

export const hugeNumber = fc.constantFrom(
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  5e-324,
  -0,
  2 ** 31,
  2 ** 63,
  0.5,
);

const weirdString = fc.oneof(
  nanish,
  printable,
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 1000, maxLength: 5000 }),
  fc.constantFrom('\u0000', '\uD800', '\u202E', 'ﬀ', 'Ṩ̃', '../../etc/passwd', '%ZZ', "'; DROP TABLE x;--"),
);

/** Deeply nested arrays or objects: a stack-hungry parser or validator must still answer 4xx. */
export const deepNesting = fc.integer({ min: 50, max: 3000 }).chain((depth) =>
  fc.constantFrom('array', 'object').map((kind) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
    return value;
  }),
);

export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  weirdString,
  hugeNumber,
  fc.constant(null),
);

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema;
  const path = schema.$ref.replace(/^#\//, '').split('/');
  let target: any = root;
  for (const part of path) target = target?.[part];
  return (target as JsonSchema) ?? {};
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'uri') return fc.webUrl();
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern, 'u'))
        .filter((s) => (schema.maxLength === undefined ? true : s.length <= schema.maxLength));
    } catch {
      // A pattern fast-check cannot generate from: plain strings below.
    }
  }
  return fc.string({
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 40, 200),
  });
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
  if (integer) {
    return fc.integer({
      min: Math.max(min ?? -1_000_000, Number.MIN_SAFE_INTEGER),
      max: Math.min(max ?? 1_000_000_000_000, Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min: min ?? -1e6, max: max ?? 1e12, noNaN: true, noDefaultInfinity: true });
}

/** A value the schema accepts, as far as its keywords go (patterns included, when generable). */
export function valid(schema: JsonSchema | undefined, root: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return fc.constant(null);
  const s = resolveRef(schema, root);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((a: JsonSchema) => valid(a, root, depth + 1)));
  }
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return valid(s.allOf[0], root, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return numberFor(s, true);
    case 'number':
      return numberFor(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valid(s.items, root, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 5),
      });
    case 'object': {
      const properties: Record<string, JsonSchema> = s.properties ?? {};
      const required = new Set<string>(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties))
        record[name] = valid(property, root, depth + 1);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in properties) });
    }
    default:
      return anyJson;
  }
}

/** One mutation of an object value: the kinds of wrongness a client (or an attacker) sends. */
function mutateObject(value: Record<string, unknown>, schema: JsonSchema): fc.Arbitrary<unknown> {
  const keys = Object.keys(value);
  const required: string[] = schema.required ?? [];
  const options: fc.Arbitrary<unknown>[] = [
    // An extra field.
    fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'pk', 'status'), anyJson).map(([k, v]) => ({
      ...value,
      [k]: v,
    })),
    // A wrong type, a huge number or a NaN-ish string in one field.
    fc.oneof(anyJson, hugeNumber, nanish, deepNesting),
  ];
  if (keys.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...keys), fc.oneof(anyJson, hugeNumber, nanish, deepNesting))
        .map(([k, v]) => ({ ...value, [k]: v })),
    );
  }
  if (required.length > 0) {
    options.push(
      fc.constantFrom(...required).map((k) => {
        const { [k]: _dropped, ...rest } = value;
        return rest;
      }),
    );
  }
  return fc.oneof(...options);
}

/** A body: mostly schema-shaped, often with one mutation, sometimes something else entirely. */
export function body(schema: JsonSchema | undefined, root: JsonSchema): fc.Arbitrary<unknown> {
  const base = valid(schema, root);
  const resolved = schema ? resolveRef(schema, root) : {};
  return fc.oneof(
    { weight: 3, arbitrary: base },
    {
      weight: 4,
      arbitrary: base.chain((v) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? mutateObject(v as Record<string, unknown>, resolved)
          : anyJson,
      ),
    },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: anyJson },
  );
}
