// The rendered form of every error a client sees: RFC 9457 problem details. Domain code throws
// domain errors (shared/errors/); shared/http/domain-problem.ts renders them as these.
import type { FieldIssue } from '../errors/domain-error.ts';
import type { ProblemCode } from '../errors/problem-codes.ts';

export type FieldError = FieldIssue;

// Every problem carries a stable machine `code` so clients (and the portal's translations) never
// have to read the English `detail`. A thrower names a precise code; otherwise the status's
// generic one stands.
const defaultCodes: Record<number, ProblemCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  428: 'PRECONDITION_REQUIRED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export const defaultProblemCode = (status: number): ProblemCode => defaultCodes[status] ?? 'INTERNAL_ERROR';

export class HttpProblem extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    title: string,
    detail: string,
    options: {
      code?: ProblemCode;
      errors?: readonly FieldError[];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.status = status;
    this.code = options.code ?? defaultProblemCode(status);
    this.title = title;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }

  toBody(instance?: string): Record<string, unknown> {
    return {
      type: `https://eproc.example/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      title: this.title,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const badRequest = (detail: string, errors?: readonly FieldError[], code?: ProblemCode) =>
  new HttpProblem(400, 'Bad Request', detail, { ...(errors ? { errors } : {}), ...(code ? { code } : {}) });
export const invalidField = (field: string, message: string, code: ProblemCode = 'INVALID_FIELD') =>
  badRequest(`${field}: ${message}`, [{ field, message }], code);
export const unauthorized = (detail = 'a valid bearer token is required') =>
  new HttpProblem(401, 'Unauthorized', detail, { headers: { 'www-authenticate': 'Bearer' } });
export const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'Not Found', detail);
export const conflict = (detail: string, extra?: Record<string, unknown>) =>
  new HttpProblem(409, 'Conflict', detail, extra ? { extra } : {});
export const preconditionFailed = (detail: string, currentVersion?: number) =>
  new HttpProblem(
    412,
    'Precondition Failed',
    detail,
    currentVersion === undefined ? {} : { headers: { etag: `"${currentVersion}"` } },
  );
export const preconditionRequired = () =>
  new HttpProblem(428, 'Precondition Required', 'send If-Match with the ETag of the version you read');
export const payloadTooLarge = (limit: number) =>
  new HttpProblem(413, 'Content Too Large', `the request body exceeds ${limit} bytes`);
export const unsupportedMediaType = () =>
  new HttpProblem(415, 'Unsupported Media Type', 'the request body must be application/json');
export const unprocessable = (detail: string, errors?: readonly FieldError[]) =>
  new HttpProblem(422, 'Unprocessable Content', detail, errors ? { errors } : {});
