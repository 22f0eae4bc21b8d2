// Keeps the CLI's resident memory flat while it streams hundreds of megabytes. Each sealed or
// read chunk leaves a buffer behind that V8 frees only when it collects, and its heuristics let
// some 60 MB of such external memory pile up first (measured: a 200 MB seal peaked near 160 MB,
// against about 100 MB with this). A young-generation collection per MiB streamed is cheap: the
// heap is small and almost all of it is those dead chunks.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' | 'major' }) => void;

let collect: Collect | undefined;

function collector(): Collect {
  if (!collect) {
    const exposed = (globalThis as { gc?: Collect }).gc;
    if (exposed) collect = exposed;
    else {
      // A context made after the flag is set carries the gc function.
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    }
  }
  return collect;
}

/** Call with the size of each chunk streamed; collects once every `interval` bytes. */
export function collectAsYouStream(interval = 1 << 20): (bytes: number) => void {
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < interval) return;
    since = 0;
    collector()({ type: 'minor' });
  };
}
