// An API Gateway HTTP API (payload v2) event as the gateway hands it to a function, for benchmarks
// that call a handler in process as the API runs it (JWT claims on the request context).
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export function apiEvent(input: {
  method: string;
  path: string;
  route: string;
  query?: Record<string, string>;
  body?: unknown;
  claims: Record<string, string>;
}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${input.method} ${input.route}`,
    rawPath: input.path,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers: input.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
    isBase64Encoded: false,
    requestContext: {
      http: { method: input.method, path: input.path },
      authorizer: { jwt: { claims: input.claims, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2;
}

export const lambdaContext = (): Context =>
  ({
    awsRequestId: crypto.randomUUID(),
    functionName: 'bench',
    getRemainingTimeInMillis: () => 29_000,
  }) as unknown as Context;
