// The local gateway's own answers: a malformed path is a 400 PATH_MALFORMED before any function
// runs (API Gateway answers it with 400 Bad Request), and no answer ever carries exception text:
// a crashed function is a 500 with nothing but a request id.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { catalog } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const crashing: FunctionSpec = {
  description: 'test function that throws',
  entry: 'test/local-runtime/fixtures/crashing-handler.ts',
  trigger: {
    kind: 'http',
    routes: [
      {
        operationId: 'crash',
        method: 'GET',
        path: '/test-crash/{id}',
        summary: 'crashes',
        tags: [],
        auth: 'public',
        response: z.object({}),
      },
    ],
  },
  grants: [],
};

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({}, { catalog: { tendersPublic: catalog.tendersPublic, crashing } });
}, 120_000);
afterAll(() => cloud?.stop());

const raw = async (path: string) => {
  const response = await fetch(`${cloud.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

describe('the local gateway', () => {
  it.each([
    '/tenders/%ZZ',
    '/tenders/%E0%A4%A',
    '/tenders/%C3%28',
    '/tenders/abc%',
    '/tenders/%ZZ/revisions/1',
    '/tende%ZZrs',
  ])('answers a malformed percent-encoding in %s with 400 PATH_MALFORMED', async (path) => {
    const response = await raw(path);
    expect(response.status).toBe(400);
    expect(response.type).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({ status: 400, code: 'PATH_MALFORMED', errors: [{ field: 'path' }] });
    expect(response.text).not.toMatch(/URI|malformed URI|decodeURIComponent/i);
  });

  it('still decodes well-formed encodings, unicode included, into path parameters', async () => {
    // The handler sees the decoded id (slash and all) and refuses it as a bad parameter.
    const response = await raw(`/tenders/${encodeURIComponent('gói thầu/1')}`);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'path.tenderId' }],
    });
  });

  it('answers a crashed function with a bare 500 that carries only a request id', async () => {
    const response = await raw('/test-crash/1');
    expect(response.status).toBe(500);
    expect(response.type).toMatch(/^application\/problem\+json/);
    expect(response.text).not.toMatch(/hunter2|db-internal|refused|5432/);
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', requestId: expect.any(String) });
  });

  it('gives its own 404 a code', async () => {
    const unknown = await raw('/no-such-route');
    expect([unknown.status, JSON.parse(unknown.text).code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });
});
