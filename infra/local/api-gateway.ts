// A local stand-in for API Gateway HTTP API: matches the catalog's routes, verifies bearer tokens
// like the JWT authorizer, and hands payload-v2 events to the deployed handlers.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import type { CognitoProxy } from './cognito-proxy.ts';
import type { FunctionPool } from './function-pool.ts';
import {
  IntegrationTimeout,
  integrationTimeoutProblem,
  withinIntegrationTimeout,
} from './integration-timeout.ts';
import type { TokenVerifier } from './jwt-authorizer.ts';
import { type PortalFiles, servePortal } from './portal-files.ts';
import type { RateLimiter } from './rate-limiter.ts';

// HTTP API refuses request payloads over 10 MB before any Lambda runs.
const maxPayloadBytes = 10 * 1024 * 1024;

interface CompiledRoute {
  readonly method: string;
  readonly path: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  readonly staticSegments: number;
  readonly auth: 'public' | 'jwt';
  readonly functionName: string;
}

export function compileRoutes(catalog: Record<string, FunctionSpec>): CompiledRoute[] {
  const compiled: CompiledRoute[] = [];
  for (const [functionName, spec] of Object.entries(catalog)) {
    if (spec.trigger.kind !== 'http') continue;
    for (const route of spec.trigger.routes) {
      const paramNames: string[] = [];
      const segments = route.path.split('/').filter(Boolean);
      const regex = segments
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (param?.[1]) {
            paramNames.push(param[1]);
            return '([^/]+)';
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      compiled.push({
        method: route.method,
        path: route.path,
        pattern: new RegExp(`^/${regex}/?$`),
        paramNames,
        staticSegments: segments.length - paramNames.length,
        auth: route.auth === 'public' ? 'public' : 'jwt',
        functionName,
      });
    }
  }
  // Like API Gateway, the most specific route wins: more literal segments first.
  return compiled.sort((a, b) => b.staticSegments - a.staticSegments);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxPayloadBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxPayloadBytes ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const textual = /^(application\/(.+\+)?json|text\/|application\/x-www-form-urlencoded)/i;

// API Gateway hands array claims to Lambda flattened into one string, e.g. "[admin contractor]".
function flattenClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

// The gateway's own answers carry a stable code like the handlers' problems, and never the text
// of an exception: what it says is fixed here.
function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  code: string,
  extra: Record<string, unknown> = {},
) {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...corsHeaders });
  res.end(JSON.stringify({ type: 'about:blank', title, status, code, detail, ...extra }));
}

/** A path segment as API Gateway decodes it, or undefined for a malformed percent-encoding. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const malformedPath = (res: ServerResponse) =>
  problem(res, 400, 'Bad Request', 'the request path is not a valid URL path', 'PATH_MALFORMED', {
    errors: [{ field: 'path', message: 'malformed percent-encoding' }],
  });

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'etag,location',
};

export interface LocalApi {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startLocalApi(options: {
  catalog: Record<string, FunctionSpec>;
  pool: FunctionPool;
  /** The JWT authorizer (jwt-authorizer.ts): the Cognito pool's issuer, JWKS and client. */
  authorizer: TokenVerifier;
  /** The portal's same-origin Cognito endpoint and configuration (cognito-proxy.ts). */
  cognito?: CognitoProxy;
  port?: number;
  /** The built portal, at the origin's root (portal-files.ts says which paths are its). */
  portalFiles?: PortalFiles;
  /** The catalog's per-route throttles; absent, nothing is throttled. */
  limiter?: RateLimiter;
  /** How long the gateway waits for a function (integration-timeout.ts); HTTP API's 30 s by default. */
  integrationTimeoutMs?: number;
}): Promise<LocalApi> {
  const routes = compileRoutes(options.catalog);

  const server = createServer(async (req, res) => {
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        malformedPath(res);
        return;
      }
      const method = (req.method ?? 'GET').toUpperCase();
      if (options.portalFiles && (await servePortal(options.portalFiles, method, url.pathname, res))) return;
      if (options.cognito && (await options.cognito.serve(method, url.pathname, req, res))) return;
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          ...corsHeaders,
          'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
          'access-control-allow-headers': 'authorization,content-type,if-match,idempotency-key',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      if (decodeSegment(url.pathname) === undefined) {
        malformedPath(res);
        return;
      }
      let match: { route: CompiledRoute; params: Record<string, string> } | undefined;
      for (const route of routes) {
        if (route.method !== method) continue;
        const m = route.pattern.exec(url.pathname);
        if (!m) continue;
        const values = route.paramNames.map((_n, i) => decodeSegment(m[i + 1] ?? ''));
        if (values.some((v) => v === undefined)) {
          // Like API Gateway: 400 Bad Request before any function runs.
          malformedPath(res);
          return;
        }
        const params = Object.fromEntries(route.paramNames.map((n, i) => [n, values[i] as string]));
        match = { route, params };
        break;
      }
      if (!match) {
        problem(res, 404, 'Not Found', `no route ${method} ${url.pathname}`, 'ROUTE_NOT_FOUND');
        return;
      }
      // Throttled per route like API Gateway, before the token is checked or any function runs.
      if (options.limiter?.admitOrRefuse(`${method} ${match.route.path}`, res, corsHeaders) === false) return;
      const body = await readBody(req);
      if (body === 'too-large') {
        problem(
          res,
          413,
          'Content Too Large',
          `request payloads are limited to ${maxPayloadBytes} bytes`,
          'PAYLOAD_TOO_LARGE',
        );
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
      }
      let claims: Record<string, string> | undefined;
      const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
      if (match.route.auth === 'jwt') {
        if (!bearer) {
          problem(res, 401, 'Unauthorized', 'a bearer token is required', 'UNAUTHORIZED');
          return;
        }
        try {
          claims = flattenClaims(await options.authorizer.verify(bearer));
        } catch {
          problem(res, 401, 'Unauthorized', 'the bearer token is invalid or expired', 'UNAUTHORIZED');
          return;
        }
      }
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
      const contentType = headers['content-type'] ?? '';
      const isText = body.length === 0 || textual.test(contentType);
      const now = new Date();
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: `${match.route.method} ${match.route.path}`,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
        ...(match.route.paramNames.length > 0 ? { pathParameters: match.params } : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'localhost',
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId: randomUUID(),
          routeKey: `${match.route.method} ${match.route.path}`,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
          ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
        } as APIGatewayProxyEventV2['requestContext'],
        ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
        isBase64Encoded: !isText,
      };
      const result = (await withinIntegrationTimeout(
        match.route.functionName,
        options.pool.invoke(match.route.functionName, event),
        options.integrationTimeoutMs,
      )) as APIGatewayProxyStructuredResultV2;
      const responseBody = result.body ?? '';
      res.writeHead(result.statusCode ?? 200, {
        ...corsHeaders,
        ...(result.headers as Record<string, string>),
      });
      res.end(result.isBase64Encoded ? Buffer.from(responseBody, 'base64') : responseBody);
    } catch (error) {
      if (error instanceof IntegrationTimeout) {
        res.writeHead(integrationTimeoutProblem.status, {
          ...integrationTimeoutProblem.headers,
          ...corsHeaders,
        });
        res.end(integrationTimeoutProblem.body(error.message));
        return;
      }
      // Only a crashed function lands here; API Gateway answers such a case with a bare 500. The
      // exception stays in the server's log: the client gets a request id to quote, nothing else.
      const requestId = randomUUID();
      process.stderr.write(`api-gateway: request ${requestId} failed: ${(error as Error)?.stack ?? error}\n`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      problem(res, 500, 'Internal Server Error', 'an unexpected error occurred', 'INTERNAL_ERROR', {
        requestId,
      });
    }
  });
  server.keepAliveTimeout = 65_000;
  // A port in use rejects (the caller says so in one line) instead of an uncaught 'error' event.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
