// Errors a handler throws on purpose, each rendered as RFC 9457 problem details.

export interface FieldError {
  /** Dotted path of the offending field, prefixed with where it came from: `body.lots.0.value`. */
  readonly field: string;
  readonly message: string;
}

export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    title: string,
    detail: string,
    options: {
      errors?: readonly FieldError[];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.status = status;
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
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const badRequest = (detail: string, errors?: readonly FieldError[]) =>
  new HttpProblem(400, 'Bad Request', detail, errors ? { errors } : {});
export const invalidField = (field: string, message: string) =>
  badRequest(`${field}: ${message}`, [{ field, message }]);
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
