// The server's clock is the only time that decides anything (deadlines, receipts). Tests swap it
// to put a request on either side of a deadline without sleeping.
let source: () => number = () => Date.now();

export const clock = {
  nowMs: (): number => source(),
  now: (): Date => new Date(source()),
  iso: (): string => new Date(source()).toISOString(),
};

export function setClock(next: () => number): () => void {
  const previous = source;
  source = next;
  return () => {
    source = previous;
  };
}
