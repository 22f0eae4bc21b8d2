// The platform's HTTP API as the pages use it: JSON in and out, problem+json (RFC 9457) turned
// into one readable error that names the fields the server refused.

export interface Problem {
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    super(
      [problem.detail ?? problem.title ?? `HTTP ${status}`, fields].filter(Boolean).join(' — ') ||
        `HTTP ${status}`,
    );
    this.status = status;
    this.problem = problem;
  }
}

export interface CallOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Api {
  call<T>(method: string, path: string, options?: CallOptions): Promise<T>;
}

/** The pages are served by the API's own origin locally; a deployment may point them elsewhere. */
export function apiBase(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="eproc-api"]')?.content || location.origin;
}

export function createApi(base: string, fetchImpl: typeof fetch = fetch): Api {
  return {
    async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetchImpl(new URL(path, base), {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = { detail: text.slice(0, 300) };
      }
      if (!response.ok) throw new ApiError(response.status, (parsed ?? {}) as Problem);
      return parsed as T;
    },
  };
}
