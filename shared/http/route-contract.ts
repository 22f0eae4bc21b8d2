// A route's contract: what it accepts and returns, who may call it. Declared apart from the
// implementation so that the function catalog, the OpenAPI document and the local runtime can read
// every contract without loading any handler code.
import type * as z from 'zod';
import type { Role } from '../auth/roles.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/tenders/{tenderId}`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** `public` routes have no authorizer; otherwise the caller needs one of these roles. */
  readonly auth: 'public' | readonly Role[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  readonly successStatus?: 200 | 201 | 202;
  /** Writes to an existing object need its current version in `If-Match` (optimistic concurrency). */
  readonly requiresIfMatch?: boolean;
  /** The handler needs an `Idempotency-Key` header (1-255 visible ASCII) to make retries safe. */
  readonly requiresIdempotencyKey?: boolean;
  /** Largest accepted JSON body in bytes; the settings' default applies when absent. */
  readonly maxBodyBytes?: number;
  /**
   * The route answers a file of one of these media types (the implementation returns `file`)
   * instead of JSON; `response` then describes nothing the client receives.
   */
  readonly fileTypes?: readonly string[];
}

export function defineRoute<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
>(contract: RouteContract<P, Q, B, R>): RouteContract<P, Q, B, R> {
  return contract;
}

export const routeKey = (route: Pick<RouteContract, 'method' | 'path'>) => `${route.method} ${route.path}`;
