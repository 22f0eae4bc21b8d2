// Runs each catalog function in its own worker thread and invokes it like Lambda would.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import {
  bucketEnv,
  isResourceVariable,
  keyEnv,
  queueEnv,
  tableEnv,
  userPoolEnv,
} from '../../shared/resources/env-names.ts';

const projectRoot = join(import.meta.dirname, '..', '..');

export class FunctionError extends Error {}

/** The environment a function sees: the shared settings plus only the resources it was granted. */
export function functionEnvironment(spec: FunctionSpec, env: Record<string, string | undefined>) {
  const granted = new Set(
    spec.grants.map((g) =>
      'table' in g
        ? tableEnv(g.table)
        : 'bucket' in g
          ? bucketEnv(g.bucket)
          : 'queue' in g
            ? queueEnv(g.queue)
            : 'userPool' in g
              ? userPoolEnv(g.userPool)
              : keyEnv(g.key),
    ),
  );
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !isResourceVariable(name) || granted.has(name)),
  );
}

interface WorkerSetup {
  readonly entry: string;
  readonly env: Record<string, string | undefined>;
  /** Its resource variables: what a warm worker is told when another pool takes it. */
  readonly resources: Record<string, string | undefined>;
  /**
   * What makes two workers interchangeable: the same code, timeout and settings. Resource names
   * are not part of it: the functions read them on each use (shared/config/settings.ts), so a
   * warm worker serves a cloud on other tables once told their names.
   */
  readonly key: string;
}

function workerSetup(
  name: string,
  spec: FunctionSpec,
  env: Record<string, string | undefined>,
  bundle?: string,
): WorkerSetup {
  const entry = bundle ?? join(projectRoot, spec.entry);
  const workerEnv = {
    ...functionEnvironment(spec, env),
    AWS_LAMBDA_FUNCTION_NAME: name,
    POWERTOOLS_SERVICE_NAME: name,
  };
  const entries = Object.entries(workerEnv).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const settings = entries.filter(([variable]) => !isResourceVariable(variable));
  return {
    entry,
    env: workerEnv,
    resources: Object.fromEntries(entries.filter(([variable]) => isResourceVariable(variable))),
    key: JSON.stringify([entry, spec.timeoutSeconds ?? 10, settings]),
  };
}

class FunctionWorker {
  private readonly worker: Worker;
  readonly key: string;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  readonly ready: Promise<void>;

  constructor(name: string, spec: FunctionSpec, setup: WorkerSetup, clockBuffer?: SharedArrayBuffer) {
    this.key = setup.key;
    this.worker = new Worker(new URL('./function-worker.ts', import.meta.url), {
      workerData: {
        entry: setup.entry,
        functionName: name,
        timeoutMs: (spec.timeoutSeconds ?? 10) * 1000,
        ...(clockBuffer ? { clockBuffer } : {}),
      },
      env: setup.env,
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (message.ready) {
          this.worker.off('error', reject);
          resolve();
        }
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
    this.worker.on(
      'message',
      (message: { id?: number; result?: unknown; error?: { message: string; stack?: string } }) => {
        if (message.id === undefined) return;
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (!waiter) return;
        if (message.error) waiter.reject(new FunctionError(`${name}: ${message.error.message}`));
        else waiter.resolve(message.result);
      },
    );
    this.worker.on('error', (error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
    this.worker.unref();
  }

  async invoke(event: unknown): Promise<unknown> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, event, requestId: randomUUID() });
    });
  }

  /** No invocation in flight: it can wait for another pool. */
  idle(): boolean {
    return this.pending.size === 0;
  }

  /**
   * Hands a parked worker to another pool: that pool's clock and resource names, in a message
   * ahead of any invocation (a worker handles its messages in order).
   */
  adopt(setup: WorkerSetup, clockBuffer?: SharedArrayBuffer) {
    this.worker.postMessage({ adopt: { clockBuffer: clockBuffer ?? null, resources: setup.resources } });
  }

  terminate() {
    return this.worker.terminate();
  }
}

// Warm workers left by stopped pools of this process (a test worker runs one local cloud after
// another, on the same resources), as Lambda keeps an execution environment for the next
// invocation: a pool that needs a function with the same code and environment takes one instead
// of importing the function again (its import and first invocations were most of a test file's
// CPU). Only pools that ask park their workers; the oldest go beyond the limit.
const parked = new Map<string, FunctionWorker[]>();
const parkedLimit = 48;
let parkedCount = 0;

async function park(worker: FunctionWorker): Promise<void> {
  if (!worker.idle()) {
    await worker.terminate();
    return;
  }
  const list = parked.get(worker.key) ?? [];
  list.push(worker);
  parked.set(worker.key, list);
  parkedCount++;
  const evicted: Promise<number>[] = [];
  for (const [key, workers] of parked) {
    if (parkedCount <= parkedLimit) break;
    const oldest = workers.shift();
    if (workers.length === 0) parked.delete(key);
    if (oldest) {
      parkedCount--;
      evicted.push(oldest.terminate());
    }
  }
  await Promise.all(evicted);
}

function unpark(key: string): FunctionWorker | undefined {
  const list = parked.get(key);
  const worker = list?.pop();
  if (!worker) return undefined;
  parkedCount--;
  if (list?.length === 0) parked.delete(key);
  return worker;
}

export class FunctionPool {
  private readonly workers = new Map<string, FunctionWorker>();
  private readonly catalog: Record<string, FunctionSpec>;
  private readonly env: Record<string, string | undefined>;
  private readonly clockBuffer: SharedArrayBuffer | undefined;
  private readonly bundles: Record<string, string>;
  private readonly reuseWorkers: boolean;
  private readonly onSettled: ((name: string) => void) | undefined;

  /**
   * `clockBuffer`: the local cloud's movable clock (local-clock.ts), installed in every worker.
   * `bundles`: the bundle file to run for a function (function-bundles.ts); one without runs its source.
   * `reuseWorkers`: take warm workers that stopped pools of this process left, and leave its own.
   * `onSettled`: called with the function's name whenever an invocation ends, however (the
   * stream pollers' wake-up).
   */
  constructor(
    catalog: Record<string, FunctionSpec>,
    env: Record<string, string | undefined>,
    clockBuffer?: SharedArrayBuffer,
    bundles: Record<string, string> = {},
    options: { reuseWorkers?: boolean; onSettled?: (name: string) => void } = {},
  ) {
    this.catalog = catalog;
    this.env = env;
    this.clockBuffer = clockBuffer;
    this.bundles = bundles;
    this.reuseWorkers = options.reuseWorkers ?? false;
    this.onSettled = options.onSettled;
  }

  /** Workers start on first use, as a cold start would; `warm` starts them all up front. */
  private worker(name: string): FunctionWorker {
    let worker = this.workers.get(name);
    if (!worker) {
      const spec = this.catalog[name];
      if (!spec) throw new Error(`no function ${name} in the catalog`);
      const setup = workerSetup(name, spec, this.env, this.bundles[name]);
      const warm = this.reuseWorkers ? unpark(setup.key) : undefined;
      warm?.adopt(setup, this.clockBuffer);
      worker = warm ?? new FunctionWorker(name, spec, setup, this.clockBuffer);
      this.workers.set(name, worker);
    }
    return worker;
  }

  async warm(): Promise<void> {
    await Promise.all(Object.keys(this.catalog).map((name) => this.worker(name).ready));
  }

  invoke(name: string, event: unknown): Promise<unknown> {
    const result = this.worker(name).invoke(event);
    const onSettled = this.onSettled;
    if (onSettled) {
      const settled = () => onSettled(name);
      result.then(settled, settled);
    }
    return result;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => (this.reuseWorkers ? park(w) : w.terminate())));
    this.workers.clear();
  }
}
