// An AWS SDK v3 middleware that makes a share of a client's calls fail as AWS fails them. It sits
// innermost in the deserialize step, inside the SDK's retry middleware: the SDK's standard retries
// see (and absorb some of) the faults, as they would on AWS, and its deserializer turns the
// synthetic responses into the real exception classes.
import { BroadcastChannel } from 'node:worker_threads';
import { type Fault, type FaultService, faultsByService } from './aws-faults.ts';

export const faultChannelName = 'eproc-local-faults';

/** What a worker tells the local cloud, every so often: counts since its last report. */
export interface FaultReport {
  readonly service: FaultService;
  readonly calls: number;
  readonly retries: number;
  readonly injected: Record<string, number>;
}

export interface FaultOptions {
  readonly rate: number;
  readonly services: readonly FaultService[];
  readonly seed: number;
  /** Keeps one worker's sequence apart from another's under the same seed. */
  readonly stream: string;
  /** How long a timed-out call hangs before it fails (past the request timeout). */
  readonly hangMs?: number;
}

/** mulberry32: small, fast and the same sequence for the same seed on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function transportError(kind: 'timeout' | 'reset', hangMs: number): Error {
  // As @smithy/node-http-handler reports them: both are transient to the SDK's retry strategy.
  return kind === 'timeout'
    ? Object.assign(new Error(`Connection timed out after ${hangMs} ms`), { name: 'TimeoutError' })
    : Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

type Next = (args: { request: unknown }) => Promise<{ response: unknown; output?: unknown }>;
type Context = { commandName?: string };

export function faultInjector(options: FaultOptions) {
  const draw = random(hash(`${options.seed}/${options.stream}`));
  const hangMs = options.hangMs ?? 300;
  const enabled = new Set(options.services);
  const counts = new Map<
    FaultService,
    { calls: number; retries: number; injected: Record<string, number> }
  >();
  const channel = new BroadcastChannel(faultChannelName);
  channel.unref();
  const flush = () => {
    for (const [service, c] of counts) {
      if (c.calls === 0) continue;
      channel.postMessage({ service, ...c } satisfies FaultReport);
    }
    counts.clear();
  };
  setInterval(flush, 200).unref();
  const count = (service: FaultService) => {
    const c = counts.get(service) ?? { calls: 0, retries: 0, injected: {} };
    counts.set(service, c);
    return c;
  };

  return (service: FaultService) => (next: Next, context: Context) => async (args: { request: unknown }) => {
    const request = args.request as { headers?: Record<string, string> };
    const c = count(service);
    c.calls++;
    if (/attempt=([2-9]|\d\d)/.test(request.headers?.['amz-sdk-request'] ?? '')) c.retries++;
    if (!enabled.has(service) || draw() >= options.rate) return next(args);
    const operation =
      request.headers?.['x-amz-target']?.split('.').pop() ?? context.commandName?.replace(/Command$/, '');
    const candidates = faultsByService[service].filter(
      (f: Fault) => !f.operations || (operation !== undefined && f.operations.includes(operation)),
    );
    const fault = candidates[Math.floor(draw() * candidates.length)] as Fault;
    c.injected[fault.name] = (c.injected[fault.name] ?? 0) + 1;
    if (fault.phase === 'after') {
      // The service did the work; the answer never arrives.
      const { response } = await next(args);
      (response as { body?: { destroy?: () => void } }).body?.destroy?.();
    }
    const answer = fault.respond(`FAULT${Math.floor(draw() * 1e12)}`);
    if ('transport' in answer) {
      if (answer.transport === 'timeout') await sleep(hangMs);
      throw transportError(answer.transport, hangMs);
    }
    return { response: { ...answer, reason: undefined } };
  };
}
