// API Gateway HTTP API waits at most 30 s for its Lambda integration; past that it answers
// 503 Service Unavailable while the function may still be running. The local gateway does the
// same, as application/problem+json with a code and a Retry-After: a client sends the same
// request again with the same Idempotency-Key, and an idempotent handler answers with what it
// did (a bid commit that completed meanwhile returns its receipt).

/** HTTP API's hard limit for an integration (and its default). */
export const integrationTimeoutMs = 30_000;

export class IntegrationTimeout extends Error {
  constructor(functionName: string, ms: number) {
    super(`${functionName} did not answer within ${ms} ms`);
    this.name = 'IntegrationTimeout';
  }
}

/** The invocation's answer, or IntegrationTimeout once `ms` have passed (the invocation runs on). */
export function withinIntegrationTimeout<T>(
  functionName: string,
  invocation: Promise<T>,
  ms = integrationTimeoutMs,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntegrationTimeout(functionName, ms)), ms);
  });
  invocation.catch(() => {}); // settled after the timeout: nobody waits for it any more
  return Promise.race([invocation, timeout]).finally(() => clearTimeout(timer));
}

/** The problem the gateway answers for a timed-out integration. */
export const integrationTimeoutProblem = {
  status: 503,
  headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
  body: (detail: string) =>
    JSON.stringify({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      code: 'INTEGRATION_TIMEOUT',
      detail: `${detail}: retry with the same request (and Idempotency-Key)`,
    }),
};
