// Turns route contracts plus their implementations into one Lambda handler for API Gateway HTTP
// API (payload v2). Everything generic lives here once: routing, JSON parsing with a size cap,
// strict zod validation, role checks, If-Match, and problem+json for every error.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import type { ZodError } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { principalFrom } from '../auth/principal.ts';
import type { Role } from '../auth/roles.ts';
import { settings } from '../config/settings.ts';
import { DomainError } from '../errors/domain-error.ts';
import { issueProblemCode, sharedProblemCode } from '../errors/issue-codes.ts';
import { requireKnownOrganisation } from '../organisations/known-organisation.ts';
import { lambdaBase } from '../platform/lambda/lambda-base.ts';
import { logger } from '../runtime/logger.ts';
import { problemFor } from './domain-problem.ts';
import {
  type FieldError,
  forbidden,
  HttpProblem,
  payloadTooLarge,
  preconditionRequired,
  unauthorized,
  unsupportedMediaType,
} from './problem.ts';
import { type RouteContract, routeKey } from './route-contract.ts';
import { timeoutEarlyInMillis, timeoutEarlyResponse } from './timeout-early.ts';

// Optional contract members come through as `Schema | undefined`; the schema decides the type.
type Infer<T> = [Exclude<T, undefined>] extends [z.ZodType] ? z.infer<Exclude<T, undefined>> : undefined;

export interface RouteRequest<C extends RouteContract> {
  readonly params: Infer<C['params']>;
  readonly query: Infer<C['query']>;
  readonly body: Infer<C['body']>;
  /** Present on every non-public route; public routes may still see one if a token was sent. */
  readonly principal: C['auth'] extends 'public' ? Principal | undefined : Principal;
  /** The role this call acts in: the first of the route's roles the caller holds. */
  readonly role: C['auth'] extends 'public' ? Role | undefined : Role;
  /** The version number from If-Match, on routes that require it. */
  readonly ifMatch: number | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly event: APIGatewayProxyEventV2;
}

export interface RouteResult<C extends RouteContract> {
  readonly status?: number;
  readonly body: z.input<C['response']>;
  readonly headers?: Record<string, string>;
  /** A file instead of JSON (routes with `fileTypes`): sent base64-encoded as API Gateway wants. */
  readonly file?: { readonly contentType: string; readonly filename: string; readonly body: Buffer | string };
}

export type Implementation<C extends RouteContract> = (request: RouteRequest<C>) => Promise<RouteResult<C>>;

type Implementations<Cs extends Record<string, RouteContract>> = { [K in keyof Cs]: Implementation<Cs[K]> };

export function fieldErrors(error: ZodError, source: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = [source, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return {
        field: [...path, issue.keys.join(',')].join('.'),
        message: `unknown field(s): ${issue.keys.join(', ')}`,
      };
    }
    const code = issueProblemCode(issue);
    return { field: path.join('.'), message: issue.message, ...(code ? { code } : {}) };
  });
}

function parse(schema: z.ZodType | undefined, value: unknown, source: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error, source);
  throw new HttpProblem(400, 'Bad Request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    code: sharedProblemCode(result.error) ?? 'VALIDATION_FAILED',
    errors,
  });
}

function readJsonBody(event: APIGatewayProxyEventV2, contract: RouteContract): unknown {
  if (!contract.body) return undefined;
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const limit = contract.maxBodyBytes ?? settings.MAX_BODY_BYTES;
  if (Buffer.byteLength(text, 'utf8') > limit) throw payloadTooLarge(limit);
  const type = event.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw unsupportedMediaType();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'Bad Request', 'the request body is not valid JSON', {
      code: 'BODY_NOT_JSON',
      errors: [{ field: 'body', message: 'not valid JSON' }],
    });
  }
}

function authorize(contract: RouteContract, principal: Principal | undefined): Role | undefined {
  if (contract.auth === 'public') return principal?.roles[0];
  if (!principal) throw unauthorized();
  const role = contract.auth.find((r) => principal.roles.includes(r));
  if (!role) throw forbidden(`this operation needs one of the roles: ${contract.auth.join(', ')}`);
  return role;
}

function ifMatchVersion(event: APIGatewayProxyEventV2, contract: RouteContract): number | undefined {
  if (!contract.requiresIfMatch) return undefined;
  const header = event.headers['if-match'];
  if (!header) throw preconditionRequired();
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) {
    throw new HttpProblem(400, 'Bad Request', 'If-Match must be an ETag such as "3"', {
      code: 'IF_MATCH_MALFORMED',
      errors: [{ field: 'header.if-match', message: 'must be an ETag such as "3"' }],
    });
  }
  return Number(match[1]);
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode: status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

function fileResponse(
  status: number,
  file: NonNullable<RouteResult<RouteContract>['file']>,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
      ...headers,
    },
    body: Buffer.from(file.body).toString('base64'),
    isBase64Encoded: true,
  };
}

function problemResponse(error: HttpProblem, path: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: error.status,
    headers: { 'content-type': 'application/problem+json', ...error.headers },
    body: JSON.stringify(error.toBody(path)),
  };
}

export function httpHandler<Cs extends Record<string, RouteContract>>(
  contracts: Cs,
  implementations: Implementations<Cs>,
) {
  const byRouteKey = new Map<
    string,
    { contract: RouteContract; implementation: Implementation<RouteContract> }
  >();
  for (const [name, contract] of Object.entries(contracts)) {
    byRouteKey.set(routeKey(contract), {
      contract,
      implementation: implementations[name as keyof Cs] as unknown as Implementation<RouteContract>,
    });
  }

  const route = async (
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const path = event.rawPath;
    try {
      const entry = byRouteKey.get(event.routeKey);
      if (!entry) throw new HttpProblem(404, 'Not Found', `no route ${event.routeKey}`);
      const { contract, implementation } = entry;
      const principal = principalFrom(event);
      const role = authorize(contract, principal);
      // Public routes act for no one, whatever token came along.
      if (contract.auth !== 'public' && role === 'procuring-entity' && principal) {
        await requireKnownOrganisation(principal);
      }
      const headers = Object.fromEntries(
        Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const normalised = { ...event, headers } as APIGatewayProxyEventV2;
      const request = {
        params: parse(contract.params, event.pathParameters ?? {}, 'path'),
        query: parse(contract.query, event.queryStringParameters ?? {}, 'query'),
        body: parse(contract.body, readJsonBody(normalised, contract), 'body'),
        principal,
        role,
        ifMatch: ifMatchVersion(normalised, contract),
        headers,
        event: normalised,
      } as RouteRequest<RouteContract>;
      const result = await implementation(request);
      if (result.file) return fileResponse(result.status ?? 200, result.file, result.headers);
      const body = contract.response.parse(result.body);
      return json(result.status ?? contract.successStatus ?? 200, body, result.headers);
    } catch (error) {
      // Domain errors, lost write races and passing cloud faults: mapped in one place.
      const problem = problemFor(error);
      if (problem) {
        if (problem.status >= 500 && !(error instanceof HttpProblem) && !(error instanceof DomainError)) {
          logger.warn('transient AWS failure; the client is told to retry', { error: error as Error });
        }
        return problemResponse(problem, path);
      }
      logger.error('unhandled error', { error: error as Error, routeKey: event.routeKey });
      // The exception stays in the log; the client gets the request id to quote, nothing more.
      return problemResponse(
        new HttpProblem(500, 'Internal Server Error', 'an unexpected error occurred', {
          extra: { requestId: context?.awsRequestId },
        }),
        path,
      );
    }
  };

  return lambdaBase(route, { timeoutEarlyInMillis, timeoutEarlyResponse });
}
