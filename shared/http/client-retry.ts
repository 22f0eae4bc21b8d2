// What a well-behaved client does with "not now" answers (503, 429): waits as long as Retry-After
// says (seconds or an HTTP date; a short default otherwise) and sends the same request again, with
// the same Idempotency-Key, so a commit whose answer was lost is answered with its receipt.

export const retryableStatuses: ReadonlySet<number> = new Set([429, 503]);

/** Milliseconds to wait before retrying, from Retry-After, within [0, maxMs]. */
export function retryAfterMs(header: string | null | undefined, fallbackMs: number, maxMs = 30_000): number {
  const value = header?.trim();
  let ms = fallbackMs;
  if (value && /^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (value && !Number.isNaN(Date.parse(value))) ms = Date.parse(value) - Date.now();
  return Math.max(0, Math.min(maxMs, ms));
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly attempts?: number;
  /** Waits are multiplied by this (a benchmark on a local cloud need not wait whole seconds). */
  readonly delayScale?: number;
  readonly onRetry?: (status: number, waitMs: number, attempt: number) => void;
}

export async function fetchWithRetry(
  url: string,
  init: RequestInit,
  options: RetryOptions = {},
): Promise<Response> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, init);
    if (!retryableStatuses.has(response.status) || attempt >= attempts) return response;
    const waitMs =
      retryAfterMs(response.headers.get('retry-after'), 500 * 2 ** (attempt - 1)) * (options.delayScale ?? 1);
    await response.body?.cancel();
    options.onRetry?.(response.status, waitMs, attempt);
    await new Promise((r) => setTimeout(r, waitMs));
  }
}
