// The local runtime's movable clock: one offset from real time, in a SharedArrayBuffer that every
// function worker (and a test process) installs as shared/runtime/clock.ts's source, so moving it
// moves the time every handler decides by at once, with no message passing. Only decisions move:
// SDK request signing, tokens and the emulators keep real time, as they would on AWS.
import { setClock } from '../../shared/runtime/clock.ts';

export interface SharedClock {
  /** Handed to workers (workerData) so they read the same offset. */
  readonly buffer: SharedArrayBuffer;
  nowMs(): number;
  offsetMs(): number;
  /** Moves the clock by `ms` (forward; a negative value moves it back). */
  moveBy(ms: number): void;
  /** Moves the clock so that it reads `at` now. */
  moveTo(at: string | number): void;
}

export function sharedClock(buffer: SharedArrayBuffer = new SharedArrayBuffer(8)): SharedClock {
  const offset = new BigInt64Array(buffer);
  const offsetMs = () => Number(Atomics.load(offset, 0));
  return {
    buffer,
    offsetMs,
    nowMs: () => Date.now() + offsetMs(),
    moveBy: (ms) => {
      Atomics.add(offset, 0, BigInt(Math.round(ms)));
    },
    moveTo: (at) => {
      const target = typeof at === 'number' ? at : Date.parse(at);
      if (Number.isNaN(target)) throw new Error(`not an instant: ${at}`);
      Atomics.store(offset, 0, BigInt(Math.round(target - Date.now())));
    },
  };
}

/** Makes `clock` of this thread (shared/runtime/clock.ts) read the shared offset; returns the undo. */
export function installSharedClock(buffer: SharedArrayBuffer): () => void {
  const shared = sharedClock(buffer);
  return setClock(shared.nowMs);
}
