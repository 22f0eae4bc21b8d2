// Pagination cursors: where a list stopped (a DynamoDB key, a position across partitions), handed
// to the client and back. A client must be able to return a cursor, never to make one: a key it
// chose would go straight into ExclusiveStartKey (another partition, another organisation's
// tenders, or a DynamoDB ValidationException). So every cursor is authenticated:
//
//   base64url( version byte ‖ HMAC-SHA256(key, version ‖ binding ‖ 0x00 ‖ payload) ‖ payload )
//
// The binding is the route (routeKey), its filters (path parameters and the validated query
// without the cursor) and the caller (principal sub, or "public"), so a cursor replayed on
// another route, for other filters or by another caller fails like a forged one. The key never
// leaves the function: it is derived once per cold start from the `cursors` KMS HMAC key (one
// GenerateMac over a fixed label), so no secret lives in code or configuration. After the MAC
// checks out the payload is still parsed with the list's zod schema: even a genuine cursor can
// only hold a well-formed key.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import type * as z from 'zod';
import { canonicalJson, type JsonValue } from '../canonical/canonical-json.ts';
import { resources } from '../config/settings.ts';
import { cachedPerKey } from '../platform/cached-per-key.ts';
import type { Cursors } from '../platform/cursors.ts';
import { traced } from '../runtime/tracer.ts';
import { HttpProblem } from './problem.ts';

const VERSION = 1;
const LABEL = 'eproc-cursor-v1';
const MAC_BYTES = 32;
// The query schema caps a cursor at 2048 characters; a longer one is refused before any work.
const MAX_CHARS = 2048;

export interface CursorBinding {
  /** The routeKey, e.g. `GET /tenders`. */
  readonly route: string;
  /** Everything that selects the list: path parameters, the query without its cursor. */
  readonly filters: unknown;
  /** The principal's sub, or "public". */
  readonly caller: string;
}

export const cursorInvalid = (message = 'is not a cursor this API issued for this query') =>
  new HttpProblem(400, 'Bad Request', `query.cursor: ${message}`, {
    code: 'CURSOR_INVALID',
    errors: [{ field: 'query.cursor', message }],
  });

const kms = traced(new KMSClient({}));
const derivedKeys = cachedPerKey(async (keyId) => {
  const result = await kms.send(
    new GenerateMacCommand({
      KeyId: keyId,
      MacAlgorithm: 'HMAC_SHA_256',
      Message: Buffer.from(LABEL, 'utf8'),
    }),
  );
  if (!result.Mac) throw new Error('KMS returned no MAC for the cursor key');
  return Buffer.from(result.Mac);
});

/** The function's cursor key: one KMS call per cold start, retried on the next request if it failed. */
function cursorKey(): Promise<Buffer> {
  return derivedKeys(resources.keyId('cursors'));
}

function mac(key: Buffer, binding: CursorBinding, payload: Buffer): Buffer {
  const bound = canonicalJson({
    route: binding.route,
    filters: binding.filters ?? null,
    caller: binding.caller,
  });
  return createHmac('sha256', key)
    .update(Buffer.from([VERSION]))
    .update(bound, 'utf8')
    .update(Buffer.from([0]))
    .update(payload)
    .digest();
}

export async function sealCursor(binding: CursorBinding, payload: JsonValue): Promise<string> {
  const bytes = Buffer.from(canonicalJson(payload), 'utf8');
  const tag = mac(await cursorKey(), binding, bytes);
  return Buffer.concat([Buffer.from([VERSION]), tag, bytes]).toString('base64url');
}

/** The payload of a cursor this API issued for `binding`; a 400 CURSOR_INVALID for anything else. */
export async function openCursor<T>(
  binding: CursorBinding,
  cursor: string | undefined,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > MAX_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw cursorInvalid();
  const bytes = Buffer.from(cursor, 'base64url');
  // Only the canonical encoding: no two strings name the same cursor.
  if (bytes.toString('base64url') !== cursor) throw cursorInvalid();
  if (bytes.length <= 1 + MAC_BYTES || bytes[0] !== VERSION) throw cursorInvalid();
  const tag = bytes.subarray(1, 1 + MAC_BYTES);
  const payload = bytes.subarray(1 + MAC_BYTES);
  if (!timingSafeEqual(tag, mac(await cursorKey(), binding, payload))) throw cursorInvalid();
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    throw cursorInvalid();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw cursorInvalid();
  return parsed.data;
}

export type { Cursors };

/**
 * The cursors of one list request, bound to its route, filters and caller. `scope` adds what the
 * list depends on beyond those (e.g. the caller's organisation, which a token may change).
 */
export function cursorsOf(
  request: {
    readonly event: { readonly routeKey: string };
    readonly params?: unknown;
    readonly query?: unknown;
    readonly principal?: { readonly sub: string } | undefined;
  },
  scope?: JsonValue,
): Cursors {
  const { cursor, ...query } = (request.query ?? {}) as { cursor?: string } & Record<string, unknown>;
  const binding: CursorBinding = {
    route: request.event.routeKey,
    filters: { path: request.params ?? {}, query, ...(scope === undefined ? {} : { scope }) },
    caller: request.principal?.sub ?? 'public',
  };
  return {
    read: (schema) => openCursor(binding, cursor, schema),
    issue: async (payload) => (payload === undefined ? undefined : sealCursor(binding, payload)),
  };
}
