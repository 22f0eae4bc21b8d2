// The opener's S3 reads ride out transient failures one read at a time. An opening reads two
// objects per bid; with 500 bids, some read would exhaust the SDK's own three attempts in most
// openings under a few per cent of failures, and the whole opening (every bid again) would go
// back to the queue, only to meet another. A bounded retry of the one read, after a short
// backoff, makes the opening finish; a failure that persists still fails it (and it is retried).
import { transientFault } from './transient-faults.ts';

const attempts = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `read()`, again after a short jittered backoff while it fails transiently, up to 5 attempts. */
export async function patiently<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= attempts || !transientFault(error)) throw error;
      // Full jitter: many bids' reads failing together must not come back together.
      await sleep(Math.random() * 100 * 2 ** attempt);
    }
  }
}
