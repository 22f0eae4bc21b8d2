// One arbitrary HTTP request per OpenAPI operation: path parameters (real ids, schema-shaped,
// boundary, malformed percent-encodings, very long, unicode), query parameters (cursors: random
// base64url, valid-looking JSON, tampered real ones), headers (If-Match and Idempotency-Key
// garbage, content types) and bodies (schema-shaped and mutated), with and without each token.
import fc from 'fast-check';
import type { FuzzState } from './fuzz-state.ts';
import { anyJson, body, deepNesting, type JsonSchema, nanish, valid } from './schema-arbitrary.ts';

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly parameters: readonly {
    name: string;
    in: 'path' | 'query' | 'header';
    required?: boolean;
    schema: JsonSchema;
  }[];
  readonly body: JsonSchema | undefined;
  /** The roles the 403 answer's description names (none for public operations). */
  readonly roles: readonly string[];
}

export interface FuzzRequest {
  readonly method: string;
  /** Path and query, already encoded (or deliberately mis-encoded). */
  readonly target: string;
  readonly caller: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

export function operationsOf(document: JsonSchema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(
    document.paths as Record<string, Record<string, JsonSchema>>,
  )) {
    for (const [method, op] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
        roles: /roles ([a-z, -]+)/.exec(op.responses?.['403']?.description ?? '')?.[1]?.split(', ') ?? [],
      });
    }
  }
  return operations;
}

const printable = (max: number) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: max,
  });

// Raw path segments, sent as they are: the gateway must refuse or decode each without a 5xx.
const malformedSegment = fc.constantFrom(
  '%ZZ',
  '%',
  'abc%',
  '%E0%A4%A',
  '%C3%28',
  '%ED%A0%80',
  '%00',
  '%2F..%2F',
  '..',
);

const b64url = (text: string) => Buffer.from(text).toString('base64url');

function segment(name: string, schema: JsonSchema, state: FuzzState, root: JsonSchema): fc.Arbitrary<string> {
  const real = state.ids[name] ?? [];
  const encoded = (a: fc.Arbitrary<unknown>) => a.map((v) => encodeURIComponent(String(v)));
  const options: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 3, arbitrary: encoded(valid(schema, root)) },
    { weight: 1, arbitrary: malformedSegment },
    { weight: 1, arbitrary: encoded(fc.string({ minLength: 300, maxLength: 4000 })) },
    { weight: 1, arbitrary: encoded(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })) },
    {
      weight: 1,
      arbitrary: encoded(
        fc.oneof(
          nanish.filter((s) => s !== ''),
          fc.constantFrom('0', '-1', '99999999999999999999999'),
        ),
      ),
    },
  ];
  if (real.length > 0)
    options.push({ weight: 5, arbitrary: fc.constantFrom(...real).map(encodeURIComponent) });
  return fc.oneof(...options);
}

function cursor(state: FuzzState): fc.Arbitrary<string> {
  const tampered = state.cursors.length
    ? fc.tuple(fc.constantFrom(...state.cursors), fc.nat(), fc.nat({ max: 255 })).map(([c, at, bits]) => {
        const bytes = Buffer.from(c, 'base64url');
        const i = at % bytes.length;
        bytes[i] = (bytes[i] as number) ^ (bits || 1);
        return bytes.toString('base64url');
      })
    : fc.constant('AQ');
  const options: fc.Arbitrary<string>[] = [
    fc
      .base64String({ maxLength: 200 })
      .map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')),
    fc.jsonValue({ maxDepth: 3 }).map((v) => b64url(JSON.stringify(v))),
    fc
      .record({
        f: fc.string({ maxLength: 16 }),
        p: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant('0')),
        k: fc.oneof(
          fc.record({ pk: fc.string(), sk: fc.string(), gsi1pk: fc.string(), gsi1sk: fc.string() }),
          fc.constant({ pk: { S: 'x' } }),
          fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 }),
        ),
      })
      .map((v) => b64url(JSON.stringify(v))),
    fc.record({ pk: fc.string(), sk: fc.string() }).map((v) => b64url(JSON.stringify(v))),
    tampered,
    printable(100),
    fc.string({ minLength: 2049, maxLength: 3000 }),
  ];
  if (state.cursors.length) {
    options.push(fc.constantFrom(...state.cursors));
    options.push(fc.constantFrom(...state.cursors).map((c) => c.slice(0, Math.max(1, c.length - 5))));
  }
  return fc.oneof(...options);
}

function queryValue(
  name: string,
  schema: JsonSchema,
  state: FuzzState,
  root: JsonSchema,
): fc.Arbitrary<string> {
  if (name === 'cursor') return cursor(state);
  const real = state.ids[name] ?? [];
  return fc.oneof(
    { weight: 4, arbitrary: valid(schema, root).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) },
    { weight: real.length ? 3 : 0, arbitrary: real.length ? fc.constantFrom(...real) : fc.constant('') },
    { weight: 2, arbitrary: fc.oneof(nanish, printable(50), fc.string({ unit: 'grapheme', maxLength: 20 })) },
    { weight: 1, arbitrary: fc.string({ minLength: 500, maxLength: 3000 }) },
  );
}

const ifMatch = fc.oneof(
  fc.constantFrom(
    '"1"',
    '"2"',
    '"3"',
    'W/"1"',
    '*',
    '"-1"',
    '"1.5"',
    '"99999999999999999999999"',
    '""',
    '1',
    'garbage',
  ),
  printable(60),
);
const idempotencyKey = fc.oneof(
  fc.uuid(),
  printable(300),
  fc.constantFrom('', ' ', '../x', 'a'.repeat(1000)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
);

// Who holds each role among the fuzzer's callers (support/fuzz-state.ts).
const callersByRole: Record<string, string[]> = {
  admin: ['admin'],
  auditor: ['auditor'],
  'procuring-entity': ['procuringEntity', 'otherProcuringEntity'],
  contractor: ['contractor', 'unregisteredContractor'],
};

export function requestFor(
  operation: Operation,
  state: FuzzState,
  root: JsonSchema,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const segments: Record<string, fc.Arbitrary<string>> = {};
  for (const p of pathParams) segments[p.name] = segment(p.name, p.schema, state, root);
  const query: Record<string, fc.Arbitrary<string>> = {};
  for (const p of queryParams) query[p.name] = queryValue(p.name, p.schema, state, root);
  const rawBody: fc.Arbitrary<string | undefined> = operation.body
    ? fc.oneof(
        { weight: 8, arbitrary: body(operation.body, root).map((v) => JSON.stringify(v) ?? 'null') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'nul', '"\\uD800"', '{"a":1}{"b":2}', ''),
        },
        { weight: 1, arbitrary: deepNesting.map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant('{"x":1}') },
      );

  // Mostly a caller the operation admits, so that requests get past authorisation to the handler.
  const admitted = operation.roles.flatMap((r) => callersByRole[r] ?? []);
  const anyCaller = fc.constantFrom(...Object.keys(state.tokens));
  const caller = admitted.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...admitted) }, { weight: 1, arbitrary: anyCaller })
    : anyCaller;
  return fc
    .record({
      caller,
      segments: fc.record(segments),
      query: fc.record(query, { requiredKeys: [] }),
      extraQuery: fc.option(fc.tuple(fc.constantFrom('x', 'limit', '__proto__', 'cursor[]'), printable(20)), {
        freq: 5,
      }),
      ifMatch: fc.option(ifMatch, { freq: 3 }),
      idempotencyKey: fc.option(idempotencyKey, { freq: 3 }),
      contentType,
      body: rawBody,
    })
    .map((r) => {
      const path = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => r.segments[name] ?? 'x');
      const search = new URLSearchParams(
        Object.entries(r.query).filter(([, v]) => v !== undefined) as [string, string][],
      );
      if (r.extraQuery) search.append(r.extraQuery[0], r.extraQuery[1]);
      const qs = search.toString();
      const headers: Record<string, string> = {};
      const token = state.tokens[r.caller];
      if (token) headers.authorization = `Bearer ${token}`;
      if (r.ifMatch !== null) headers['if-match'] = r.ifMatch;
      if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
      if (r.body !== undefined) headers['content-type'] = r.contentType;
      return {
        method: operation.method,
        target: qs ? `${path}?${qs}` : path,
        caller: r.caller,
        headers,
        body: r.body,
      };
    });
}
