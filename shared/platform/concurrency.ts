// Bounded concurrency: many reads or writes at once, never more than a limit in flight (the opener's
// envelope reads, OCDS packages, benchmarks' clients).

/** Runs `work` over `items` with at most `limit` in flight, results in input order. */
export function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const run = limiter(limit);
  return Promise.all(items.map((item, index) => run(() => work(item, index))));
}

/** Runs the functions given to it with at most `limit` in flight, in the order they were given. */
export function limiter(limit: number): <R>(work: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <R>(work: () => Promise<R>): Promise<R> => {
    // A finishing task hands its slot straight to the next waiting one.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
