// The OpenAPI document served at /openapi.json declares every header a route requires: If-Match on
// optimistic-concurrency writes, Idempotency-Key on bid commits, each as a required parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { problemCodes } from '../../shared/errors/problem-codes.ts';
import type { RouteContract } from '../../shared/http/route-contract.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

let cloud: TestCloud;
let doc: any;
beforeAll(async () => {
  cloud = await startTestCloud();
  const response = await cloud.call('GET', '/openapi.json');
  expect(response.status).toBe(200);
  doc = response.body;
});
afterAll(() => cloud?.stop());

const routes: RouteContract[] = Object.values(functionSpecs).flatMap((spec) =>
  spec.trigger.kind === 'http' ? [...spec.trigger.routes] : [],
);
const operationOf = (route: Pick<RouteContract, 'method' | 'path'>) =>
  doc.paths[route.path][route.method.toLowerCase()];
const header = (operation: any, name: string) =>
  (operation.parameters ?? []).find((p: any) => p.in === 'header' && p.name.toLowerCase() === name);

describe('/openapi.json', () => {
  it('lists every problem code the API can answer as an enum of the Problem schema', () => {
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual([...problemCodes]);
    expect(problemCodes).toContain('TRANSACTION_CONFLICT');
  });

  it('declares Idempotency-Key as a required header on the bid commit', () => {
    const commit = operationOf({ method: 'POST', path: '/tenders/{tenderId}/lots/{lotId}/bids' });
    expect(commit.operationId).toBe('commitBid');
    expect(header(commit, 'idempotency-key')).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      schema: { type: 'string' },
    });
    const pattern = new RegExp(header(commit, 'idempotency-key').schema.pattern);
    expect(pattern.test('3f1c0a4e-1b2d-4c5e-9f00-aa11bb22cc33')).toBe(true);
    expect(pattern.test('')).toBe(false);
    expect(pattern.test('has space')).toBe(false);
  });

  it('declares it exactly on the routes whose contract requires it', () => {
    const withKey = routes.filter((r) => r.requiresIdempotencyKey).map((r) => r.operationId);
    expect(withKey).toContain('commitBid');
    for (const route of routes) {
      expect([route.operationId, header(operationOf(route), 'idempotency-key') !== undefined]).toEqual([
        route.operationId,
        route.requiresIdempotencyKey === true,
      ]);
    }
  });

  it('declares If-Match as a required header on every route that needs it', () => {
    const withIfMatch = routes.filter((r) => r.requiresIfMatch);
    expect(withIfMatch.map((r) => r.operationId)).toContain('amendTender');
    for (const route of routes) {
      const ifMatch = header(operationOf(route), 'if-match');
      expect([route.operationId, ifMatch?.required ?? false]).toEqual([
        route.operationId,
        route.requiresIfMatch === true,
      ]);
    }
  });
});
