// The whole system on one machine: emulators, resources from the shared declarations, every
// catalog function in its own worker, the HTTP API, queue pollers and schedules.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { queueEnv, tableEnv } from '../../shared/resources/env-names.ts';
import { startLocalApi } from './api-gateway.ts';
import { type Emulators, startEmulators } from './emulators.ts';
import { FunctionPool } from './function-pool.ts';
import { type LocalIssuer, openLocalIssuer } from './local-issuer.ts';
import { provision } from './provision.ts';
import { restoreS3, saveS3 } from './s3-snapshot.ts';
import { startSqsPoller } from './sqs-poller.ts';
import { startStreamPoller } from './stream-poller.ts';

export interface LocalCloudOptions {
  readonly catalog: Record<string, FunctionSpec>;
  /** Where state lives between runs; absent means in memory only (tests). */
  readonly dataDir?: string;
  readonly reset?: boolean;
  readonly port?: number;
  readonly prefix?: string;
  /** Settings for every function (e.g. a shorter integration delay in tests). */
  readonly settings?: Record<string, string>;
  /** Reuse emulators already running (the test run starts them once). */
  readonly emulatorEnv?: Record<string, string>;
  /** Built web pages, served under /app/; default web/dist (`npm start` builds it). */
  readonly webDir?: string;
  readonly onProgress?: (message: string) => void;
}

export interface LocalCloud {
  readonly url: string;
  readonly env: Record<string, string>;
  readonly issuer: LocalIssuer;
  readonly pool: FunctionPool;
  readonly deadLetterQueues: Record<string, string>;
  /** Only for a cloud that started its own emulators (with a data directory, to keep its data). */
  readonly restartDynamoDb?: (downMs?: number, signal?: NodeJS.Signals) => Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const say = options.onProgress ?? (() => {});
  const prefix = options.prefix ?? 'eproc-local';
  if (options.reset && options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });

  let emulators: Emulators | undefined;
  let emulatorEnv = options.emulatorEnv;
  if (!emulatorEnv) {
    say('starting emulators (DynamoDB Local, moto server, local-aws-sqs)…');
    emulators = await startEmulators(
      options.dataDir
        ? {
            dynamoDataDir: join(options.dataDir, 'dynamodb'),
            kmsStateFile: join(options.dataDir, 'kms-keys.json'),
          }
        : {},
    );
    emulatorEnv = emulators.env;
  }
  Object.assign(process.env, emulatorEnv);
  say('creating tables, buckets, queues and keys…');
  const provisioned = await provision(prefix);
  // Only a cloud that owns its emulators keeps S3 across restarts; tests share theirs.
  const s3Dir = options.dataDir && emulators ? join(options.dataDir, 's3') : undefined;
  if (s3Dir) {
    const restored = await restoreS3(s3Dir);
    if (restored > 0) say(`restored ${restored} stored objects`);
  }
  const env = { ...emulatorEnv, ...provisioned.env, ...options.settings };
  const issuer = await openLocalIssuer(
    join(options.dataDir ?? join(process.cwd(), '.local'), 'issuer-key.json'),
  );
  const pool = new FunctionPool(options.catalog, { ...process.env, ...env });

  const pollers: { stop(): Promise<void> }[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (const [name, spec] of Object.entries(options.catalog)) {
    const trigger = spec.trigger;
    if (trigger.kind === 'queue') {
      const queueUrl = provisioned.env[queueEnv(trigger.queue)];
      if (!queueUrl) throw new Error(`queue ${trigger.queue} of ${name} was not provisioned`);
      pollers.push(
        startSqsPoller({
          functionName: name,
          queueUrl,
          batchSize: trigger.batchSize,
          ...(trigger.maxConcurrency ? { concurrency: trigger.maxConcurrency } : {}),
          invoke: (event) => pool.invoke(name, event),
        }),
      );
    } else if (trigger.kind === 'stream') {
      const tableName = provisioned.env[tableEnv(trigger.table)];
      if (!tableName) throw new Error(`table ${trigger.table} of ${name} was not provisioned`);
      pollers.push(
        startStreamPoller({
          functionName: name,
          tableName,
          batchSize: trigger.batchSize,
          invoke: (event) => pool.invoke(name, event),
        }),
      );
    } else if (trigger.kind === 'schedule') {
      const tick = () =>
        pool
          .invoke(name, {
            source: 'aws.events',
            'detail-type': 'Scheduled Event',
            time: new Date().toISOString(),
            detail: {},
          })
          .catch(() => {});
      timers.push(
        setInterval(tick, Number(options.settings?.SCHEDULE_INTERVAL_MS ?? trigger.everyMinutes * 60_000)),
      );
    }
  }

  const api = await startLocalApi({
    catalog: options.catalog,
    pool,
    issuer,
    ...(options.port ? { port: options.port } : {}),
    staticFiles: {
      mount: '/app',
      dir: options.webDir ?? join(import.meta.dirname, '..', '..', 'web', 'dist'),
    },
  });

  let stopped = false;
  return {
    url: api.url,
    env,
    issuer,
    pool,
    deadLetterQueues: provisioned.deadLetterQueues,
    ...(emulators ? { restartDynamoDb: emulators.restartDynamoDb } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await api.close();
      await Promise.all(pollers.map((p) => p.stop()));
      await pool.stop();
      if (s3Dir) {
        const saved = await saveS3(
          s3Dir,
          Object.entries(provisioned.env)
            .filter(([k]) => k.startsWith('BUCKET_'))
            .map(([, v]) => v),
        );
        say(`saved ${saved} stored objects`);
      }
      await emulators?.stop();
    },
  };
}
