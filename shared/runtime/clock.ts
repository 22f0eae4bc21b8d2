// The server's clock is the only time that decides anything (deadlines, receipts). Tests swap it
// to put a request on either side of a deadline without sleeping.
//
// The source is kept on the thread's global object, not in this module: a local function worker
// runs the function's bundle (infra/local/function-bundles.ts), which holds its own copy of this
// module, while the worker installs the local cloud's movable clock through the source copy.
// Both copies read the same slot. On AWS nothing sets it and the clock is Date.now.
const slot = Symbol.for('eproc.clock.source');
const holder = globalThis as { [slot]?: () => number };
const source = (): number => (holder[slot] ?? Date.now)();

export const clock = {
  nowMs: (): number => source(),
  now: (): Date => new Date(source()),
  iso: (): string => new Date(source()).toISOString(),
};

export function setClock(next: () => number): () => void {
  const previous = holder[slot];
  holder[slot] = next;
  return () => {
    if (previous) holder[slot] = previous;
    else delete holder[slot];
  };
}
