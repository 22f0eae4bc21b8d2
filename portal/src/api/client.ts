// The typed API client: openapi-fetch over the generated schema (npm run api:generate). Served by
// the local runtime the portal shares the API's origin; under `npm run dev` Vite proxies /api.
import createClient from 'openapi-fetch';
import { bearerToken } from '../auth/session';
import type { components, paths } from './schema';

export type Problem = components['schemas']['Problem'];
export type Schemas = components['schemas'];

export const apiBase = __EPROC_API_BASE__;

export const api = createClient<paths>({ baseUrl: `${window.location.origin}${apiBase}` });

// Signed-in calls carry the session's token; public pages work the same without one.
api.use({
  async onRequest({ request }) {
    const token = await bearerToken();
    if (token && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
});

/** A refusal from the API: the portal shows its `code` (and each field's), never its English text. */
export class ApiProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.code);
    this.problem = problem;
  }
}

/** Unwraps an openapi-fetch result: the data, or an ApiProblem to throw (query errors). */
export function orThrow<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined) return result.data;
  const error = result.error as Partial<Problem> | undefined;
  throw new ApiProblem({
    type: 'about:blank',
    title: '',
    status: result.response.status,
    detail: '',
    ...error,
    code: typeof error?.code === 'string' ? error.code : `HTTP_${result.response.status}`,
  } as Problem);
}
