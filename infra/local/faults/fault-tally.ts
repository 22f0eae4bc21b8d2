// The local cloud's side of fault injection: what the workers injected, added up per service.
import { BroadcastChannel } from 'node:worker_threads';
import type { FaultService } from './aws-faults.ts';
import { type FaultReport, faultChannelName } from './fault-middleware.ts';

export interface FaultTally {
  readonly byService: Partial<
    Record<FaultService, { calls: number; retries: number; injected: Record<string, number> }>
  >;
  /** Injected faults per service, all kinds together. */
  totals(): Partial<Record<FaultService, number>>;
  close(): void;
}

export function tallyFaults(): FaultTally {
  const byService: FaultTally['byService'] = {};
  const channel = new BroadcastChannel(faultChannelName);
  channel.unref();
  channel.onmessage = (message) => {
    const report = (message as { data: FaultReport }).data;
    const into = byService[report.service] ?? { calls: 0, retries: 0, injected: {} };
    byService[report.service] = into;
    into.calls += report.calls;
    into.retries += report.retries;
    for (const [name, n] of Object.entries(report.injected))
      into.injected[name] = (into.injected[name] ?? 0) + n;
  };
  return {
    byService,
    totals: () =>
      Object.fromEntries(
        Object.entries(byService).map(([service, c]) => [
          service,
          Object.values(c.injected).reduce((a, b) => a + b, 0),
        ]),
      ),
    close: () => channel.close(),
  };
}
