// The local cloud's clock control: tests move time instead of waiting for it. Moving the clock
// also does what the passing time would have done: every scheduled function (the opening safety
// net, the checkpointer) runs once at the new time, as its schedule would have fired meanwhile, so
// a tender whose deadline the clock passed gets its opening queued now, not when the real-time
// delay of its SQS timer runs out (that timer arrives later and finds the tender opened).
import type { SharedClock } from './local-clock.ts';

export interface LocalClock {
  /** The shared offset, for a process that installs the same clock (installSharedClock). */
  readonly buffer: SharedArrayBuffer;
  nowMs(): number;
  iso(): string;
  /** Moves the clock forward by `ms`, then runs the schedules (resolves when they finished). */
  advance(ms: number): Promise<void>;
  /** Moves the clock to `at`, then runs the schedules. */
  set(at: string): Promise<void>;
  /** Runs every scheduled function once now, as its schedule would (resolves when they finished). */
  runSchedules(): Promise<void>;
}

export function localClock(shared: SharedClock, schedules: readonly (() => Promise<unknown>)[]): LocalClock {
  const runSchedules = async () => {
    await Promise.all(schedules.map((tick) => tick()));
  };
  return {
    buffer: shared.buffer,
    nowMs: shared.nowMs,
    iso: () => new Date(shared.nowMs()).toISOString(),
    async advance(ms) {
      if (!(ms >= 0)) throw new Error(`the clock moves forward only, not by ${ms} ms`);
      shared.moveBy(ms);
      await runSchedules();
    },
    async set(at) {
      shared.moveTo(at);
      await runSchedules();
    },
    runSchedules,
  };
}
