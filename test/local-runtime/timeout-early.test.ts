// A function that runs out of time answers 503 TRY_AGAIN with Retry-After, which a client retries
// with the same Idempotency-Key, not middy's "[AbortError]" that API Gateway turns into a 500.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { expect, it } from 'vitest';
import * as z from 'zod';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { timeoutEarlyInMillis } from '../../shared/http/timeout-early.ts';

const slow = defineRoute({
  operationId: 'slow',
  method: 'GET',
  path: '/slow',
  summary: 'never answers in time',
  tags: ['test'],
  auth: 'public',
  response: z.object({ ok: z.boolean() }),
});

it('answers 503 TRY_AGAIN with Retry-After when the function is about to time out', async () => {
  // The implementation is still waiting (on AWS, for a throttled SDK call) when time runs out.
  const handler = httpHandler({ slow }, { slow: () => new Promise(() => {}) });
  const started = Date.now();
  const context = {
    functionName: 'slow',
    awsRequestId: 'test',
    getRemainingTimeInMillis: () => timeoutEarlyInMillis + 300 - (Date.now() - started),
  } as unknown as Context;
  const event = {
    version: '2.0',
    routeKey: 'GET /slow',
    rawPath: '/slow',
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: 'GET', path: '/slow' } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const response = (await handler(event, context)) as {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
  };
  expect(response.statusCode).toBe(503);
  expect(response.headers['retry-after']).toBe('1');
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(JSON.parse(response.body)).toMatchObject({ status: 503, code: 'TRY_AGAIN' });
});
