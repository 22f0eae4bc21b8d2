// The local gateway, like HTTP API past its integration timeout, answers 503 with a code and a
// Retry-After (the function may still be running), never a 500.
import { afterAll, expect, it } from 'vitest';
import * as z from 'zod';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { type LocalApi, startLocalApi } from '../../infra/local/api-gateway.ts';
import type { FunctionPool } from '../../infra/local/function-pool.ts';
import type { TokenVerifier } from '../../infra/local/jwt-authorizer.ts';
import { defineRoute } from '../../shared/http/route-contract.ts';

const slow = defineRoute({
  operationId: 'slow',
  method: 'GET',
  path: '/slow',
  summary: 'never answers',
  tags: ['test'],
  auth: 'public',
  response: z.object({ ok: z.boolean() }),
});
const catalog: Record<string, FunctionSpec> = {
  slow: {
    description: 'never answers',
    entry: 'none.ts',
    trigger: { kind: 'http', routes: [slow] },
    grants: [],
  },
};
let api: LocalApi | undefined;
afterAll(async () => api?.close());

it('answers a function that outlives the integration timeout with 503 INTEGRATION_TIMEOUT', async () => {
  const pool = { invoke: () => new Promise(() => {}) } as unknown as FunctionPool;
  api = await startLocalApi({ catalog, pool, authorizer: {} as TokenVerifier, integrationTimeoutMs: 200 });
  const response = await fetch(`${api.url}/slow`);
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('1');
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ status: 503, code: 'INTEGRATION_TIMEOUT' });
});
