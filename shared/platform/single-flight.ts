// One opening of a tender at a time per opener instance. The safety net queues a fresh timer for
// every overdue tender on each sweep, and the opening queue hands a batch's records over in
// parallel: while one opening is slow or failing (S3 throttling, say), identical timers piled up
// behind it would each start the same opening again, every one prefetching every envelope, and
// the extra S3 traffic is what kept the first from finishing. Identical messages (same tender,
// kind, deadline and version) now share the attempt in flight, and its outcome (a failure sends
// each record back to the queue with its own backoff). Separate instances still race safely:
// minutes are stored once and the tender moves by conditional writes.
const inFlight = new Map<string, Promise<unknown>>();

/** Runs `work` unless work under the same key is in flight, whose outcome it then shares. */
export function singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const attempt = work().finally(() => inFlight.delete(key));
  inFlight.set(key, attempt);
  return attempt;
}
