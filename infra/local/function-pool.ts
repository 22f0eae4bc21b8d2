// Runs each catalog function in its own worker thread and invokes it like Lambda would.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { bucketEnv, keyEnv, queueEnv, tableEnv, userPoolEnv } from '../../shared/resources/env-names.ts';

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
  const resourceVariable = /^(TABLE_|BUCKET_|KEY_|QUEUE_|USER_POOL_)/;
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !resourceVariable.test(name) || granted.has(name)),
  );
}

class FunctionWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  readonly ready: Promise<void>;

  constructor(
    name: string,
    spec: FunctionSpec,
    env: Record<string, string | undefined>,
    clockBuffer?: SharedArrayBuffer,
    bundle?: string,
  ) {
    this.worker = new Worker(new URL('./function-worker.ts', import.meta.url), {
      workerData: {
        entry: bundle ?? join(projectRoot, spec.entry),
        functionName: name,
        timeoutMs: (spec.timeoutSeconds ?? 10) * 1000,
        ...(clockBuffer ? { clockBuffer } : {}),
      },
      env: {
        ...functionEnvironment(spec, env),
        AWS_LAMBDA_FUNCTION_NAME: name,
        POWERTOOLS_SERVICE_NAME: name,
      },
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

  terminate() {
    return this.worker.terminate();
  }
}

export class FunctionPool {
  private readonly workers = new Map<string, FunctionWorker>();
  private readonly catalog: Record<string, FunctionSpec>;
  private readonly env: Record<string, string | undefined>;
  private readonly clockBuffer: SharedArrayBuffer | undefined;
  private readonly bundles: Record<string, string>;

  /**
   * `clockBuffer`: the local cloud's movable clock (local-clock.ts), installed in every worker.
   * `bundles`: the bundle file to run for a function (function-bundles.ts); one without runs its source.
   */
  constructor(
    catalog: Record<string, FunctionSpec>,
    env: Record<string, string | undefined>,
    clockBuffer?: SharedArrayBuffer,
    bundles: Record<string, string> = {},
  ) {
    this.catalog = catalog;
    this.env = env;
    this.clockBuffer = clockBuffer;
    this.bundles = bundles;
  }

  /** Workers start on first use, as a cold start would; `warm` starts them all up front. */
  private worker(name: string): FunctionWorker {
    let worker = this.workers.get(name);
    if (!worker) {
      const spec = this.catalog[name];
      if (!spec) throw new Error(`no function ${name} in the catalog`);
      worker = new FunctionWorker(name, spec, this.env, this.clockBuffer, this.bundles[name]);
      this.workers.set(name, worker);
    }
    return worker;
  }

  async warm(): Promise<void> {
    await Promise.all(Object.keys(this.catalog).map((name) => this.worker(name).ready));
  }

  invoke(name: string, event: unknown): Promise<unknown> {
    return this.worker(name).invoke(event);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.terminate()));
    this.workers.clear();
  }
}
