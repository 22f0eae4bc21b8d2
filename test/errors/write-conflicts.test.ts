// A write that loses a race is a 409 with a code, on every route, answered by the one mapping in
// shared/http/domain-problem.ts: a transaction another one held (TransactionConflict) is
// TRANSACTION_CONFLICT, a condition no longer holding is CONCURRENT_UPDATE unless the route says
// something more precise. The organisation register runs in this process against DynamoDB Local;
// its TransactWriteItems is answered with the wire bytes DynamoDB sends (the local fault
// injection's own TransactionConflict), so the SDK raises the real exception class.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/organisations/handler.ts';
import { faultsByService, type SyntheticResponse } from '../../infra/local/faults/aws-faults.ts';
import { resources } from '../../shared/config/settings.ts';
import { db } from '../../shared/db/client.ts';
import { organisationCodeClaimKey } from '../../shared/organisations/organisation-store.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

let cloud: TestCloud;
let answer: (() => SyntheticResponse) | undefined;

beforeAll(async () => {
  cloud = await startTestCloud();
  db.middlewareStack.add(
    (next) => async (args) => {
      const target = (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target'] ?? '';
      if (!answer || !target.endsWith('.TransactWriteItems')) return next(args);
      return { response: { ...answer(), reason: undefined }, output: undefined as never };
    },
    { step: 'deserialize', priority: 'low', name: 'testWriteRace' },
  );
}, 120_000);
afterEach(() => {
  answer = undefined;
});
afterAll(async () => {
  db.middlewareStack.remove('testWriteRace');
  await cloud?.stop();
});

const transactionConflict = () =>
  faultsByService.dynamodb
    .find((f) => f.name === 'TransactionConflict')
    ?.respond('TEST') as SyntheticResponse;

const conditionFailedOn = (index: number, items: number) => (): SyntheticResponse => ({
  statusCode: 400,
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'TEST' },
  body: new TextEncoder().encode(
    JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
      CancellationReasons: Array.from({ length: items }, (_, i) =>
        i === index
          ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
          : { Code: 'None' },
      ),
    }),
  ),
});

const context = { functionName: 'organisations', awsRequestId: 'race' } as unknown as Context;

function register(code: string) {
  const body = {
    name: `Ban quản lý ${code}`,
    code,
    address: { street: '1 Tràng Tiền', province: 'Hà Nội' },
    contact: { name: 'Phòng KH', email: 'kh@example.vn' },
  };
  const event = {
    version: '2.0',
    routeKey: 'POST /organisations',
    rawPath: '/organisations',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      http: { method: 'POST', path: '/organisations' },
      authorizer: { jwt: { claims: { sub: 'root', 'cognito:groups': '[admin]' }, scopes: [] } },
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  return handler(event, context) as Promise<{
    statusCode: number;
    headers: Record<string, string>;
    body: string;
  }>;
}

async function claimOf(code: string) {
  const { Item } = await db.send(
    new GetCommand({
      TableName: resources.table('parties'),
      Key: organisationCodeClaimKey(code),
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe('a write that lost a race', () => {
  it('is a 409 TRANSACTION_CONFLICT when another transaction held an item, and nothing is stored', async () => {
    answer = transactionConflict;
    const code = `TC-${Date.now()}`;
    const response = await register(code);
    expect(response.statusCode, response.body).toBe(409);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 409, code: 'TRANSACTION_CONFLICT' });
    expect(response.headers['retry-after']).toBe('1');
    expect(await claimOf(code)).toBeUndefined();
    answer = undefined;
    // The same request again succeeds: nothing of the first one was written.
    const again = await register(code);
    expect(again.statusCode, again.body).toBe(201);
  });

  it('is a 409 CONCURRENT_UPDATE when a condition the route does not explain failed', async () => {
    answer = conditionFailedOn(0, 3);
    const response = await register(`CF-${Date.now()}`);
    expect(response.statusCode, response.body).toBe(409);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'CONCURRENT_UPDATE' });
  });

  it('keeps the route’s own answer for a condition it explains (the code already registered)', async () => {
    const code = `DUP-${Date.now()}`;
    const first = await register(code);
    expect(first.statusCode).toBe(201);
    const response = await register(code);
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toMatchObject({
      code: 'CONFLICT',
      errors: [{ field: 'body.code', message: 'is already registered' }],
    });
    expect(await claimOf(code)).toMatchObject({ organisationId: JSON.parse(first.body).organisationId });
  });
});
