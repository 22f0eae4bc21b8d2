// The whole system on one machine: emulators, resources from the shared declarations, every
// catalog function in its own worker, the HTTP API, queue pollers and schedules.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FunctionSpec, tablesWrittenBy } from '../../functions/function-spec.ts';
import { queueEnv, tableEnv } from '../../shared/resources/env-names.ts';
import type { TableName } from '../../shared/resources/tables.ts';
import { startLocalApi } from './api-gateway.ts';
import { cognitoProxy } from './cognito-proxy.ts';
import { type Emulators, startEmulators } from './emulators.ts';
import { functionBundles } from './function-bundles.ts';
import { FunctionPool } from './function-pool.ts';
import { jwtAuthorizer } from './jwt-authorizer.ts';
import { sharedClock } from './local-clock.ts';
import { type LocalClock, localClock } from './local-clock-control.ts';
import { localSettings } from './local-settings.ts';
import { portUnavailable } from './ports.ts';
import { provision } from './provision.ts';
import { RateLimiter } from './rate-limiter.ts';
import { migrateLegacyS3, restoredS3, saveS3 } from './s3-snapshot.ts';
import { startSqsPoller } from './sqs-poller.ts';
import { StartFailure } from './start-failure.ts';
import { type StreamPoller, startStreamPoller } from './stream-poller.ts';
import { type TokenMinter, tokenMinter } from './token-minter.ts';
import { type LocalUserPool, provisionUserPool } from './user-pool.ts';

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
  /** The built portal, served at /; default portal/dist (`npm start` builds it). */
  readonly portalDir?: string;
  /**
   * `catalog` (default): the gateway throttles each route as the stage does on AWS. `off`: for
   * benchmarks that measure the handlers' throughput or seed faster than a route's limit.
   */
  readonly throttling?: 'catalog' | 'off';
  /**
   * `catalog` (default): stream consumers gather records for their batching window as on AWS.
   * `off`: every consumer is invoked as soon as records arrive (tests that wait for a consumer's
   * effect; the window itself is tested on its own).
   */
  readonly batchingWindows?: 'catalog' | 'off';
  /** The gateway's clock for throttling, in epoch ms (tests move it instead of sleeping). */
  readonly now?: () => number;
  /** How often moto saves S3 after a write; default LOCAL_SNAPSHOT_INTERVAL_MS (local-settings.ts). */
  readonly snapshotIntervalMs?: number;
  readonly onProgress?: (message: string) => void;
  /**
   * `bundles` (default): each function runs its bundle, built as it deploys (function-bundles.ts).
   * `source`: its source tree. Fault injection always runs the source: it wraps the SDK's client
   * class in node_modules, which a bundle carries its own copy of.
   */
  readonly functionCode?: 'bundles' | 'source';
  /**
   * Take warm function workers that an earlier cloud of this process left, and leave this one's
   * when it stops (function-pool.ts): for test processes that run one cloud after another.
   */
  readonly reuseWorkers?: boolean;
  /** The local mailbox file (LOCAL_MAILBOX); default mailbox.jsonl in the data dir. */
  readonly mailbox?: string;
}

export interface LocalCloud {
  readonly url: string;
  readonly env: Record<string, string>;
  /** The Cognito user pool on moto whose tokens the gateway accepts (user-pool.ts). */
  readonly userPool: LocalUserPool;
  /** What Cognito would e-mail, one JSON object a line (shared/accounts/local-mailbox.ts). */
  readonly mailbox: string;
  /** ID tokens of the pool for a sub and role (token-minter.ts), for tests, benchmarks and the demo. */
  readonly tokens: TokenMinter;
  readonly pool: FunctionPool;
  readonly deadLetterQueues: Record<string, string>;
  /** The time every function decides by; tests move it (local-clock-control.ts). */
  readonly clock: LocalClock;
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
            cognitoStateFile: join(options.dataDir, 'cognito.pickle'),
            // Only a cloud that owns its emulators keeps S3 across restarts; tests share theirs.
            s3Dir: join(options.dataDir, 's3'),
            s3SnapshotIntervalMs: options.snapshotIntervalMs ?? localSettings().LOCAL_SNAPSHOT_INTERVAL_MS,
          }
        : {},
    );
    emulatorEnv = emulators.env;
  }
  // A start that fails after the emulators are up stops what it started (in reverse), so no
  // Java or Python process outlives it; nothing is saved, as S3 may be only partly restored.
  const started: (() => Promise<void>)[] = [];
  if (emulators) started.push(emulators.stop);
  try {
    return await startServices({ options, emulators, emulatorEnv, started, say, prefix });
  } catch (error) {
    for (const stop of started.reverse()) await stop().catch(() => {});
    throw error;
  }
}

interface StartContext {
  readonly options: LocalCloudOptions;
  readonly emulators: Emulators | undefined;
  readonly emulatorEnv: Record<string, string>;
  /** Stops for what has started so far, pushed in order; run in reverse if the start fails. */
  readonly started: (() => Promise<void>)[];
  readonly say: (message: string) => void;
  readonly prefix: string;
}

async function startServices(context: StartContext): Promise<LocalCloud> {
  const { options, emulators, emulatorEnv, started, say, prefix } = context;
  Object.assign(process.env, emulatorEnv);
  say('creating tables, buckets, queues and keys…');
  const provisioned = await provision(prefix);
  // moto restored S3 itself, before its port opened (buckets included, so provisioning left them be).
  const motoUrl = emulators && options.dataDir ? emulatorEnv.AWS_ENDPOINT_URL_S3 : undefined;
  if (motoUrl && options.dataDir) {
    const restored =
      (await restoredS3(motoUrl)) || (await migrateLegacyS3(join(options.dataDir, 's3'), motoUrl));
    if (restored > 0) say(`restored ${restored} stored objects`);
  }
  const endpoint = emulatorEnv.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  if (!endpoint) throw new StartFailure('no Cognito endpoint (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)');
  const userPool = await provisionUserPool(prefix, endpoint, emulatorEnv.AWS_REGION ?? 'ap-southeast-1');
  const stateDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'eproc-cloud-'));
  mkdirSync(stateDir, { recursive: true });
  const mailbox = options.mailbox ?? join(stateDir, 'mailbox.jsonl');
  writeFileSync(mailbox, '', { flag: 'a', mode: 0o600 });
  // `npm run token` (and the README test) find the pool of the running cloud here.
  const poolFile = join(stateDir, 'user-pool.json');
  try {
    writeFileSync(poolFile, `${JSON.stringify(userPool, null, 2)}\n`);
  } catch (error) {
    throw new StartFailure(`cannot write the user pool file ${poolFile} (${(error as Error).message})`);
  }
  const env = {
    ...emulatorEnv,
    ...provisioned.env,
    ...userPool.env,
    LOCAL_MAILBOX: mailbox,
    ...options.settings,
  };
  // As API Gateway's JWT authorizer with the pool as issuer and the app client as audience.
  const authorizer = await jwtAuthorizer({
    issuer: userPool.issuer,
    audience: [userPool.clientId],
    jwksUrl: userPool.jwksUrl,
  });
  const time = sharedClock();
  const functionEnv: Record<string, string | undefined> = { ...process.env, ...env };
  const faults = Number(functionEnv.LOCAL_FAULT_RATE ?? 0) > 0;
  const bundles =
    (options.functionCode ?? 'bundles') === 'bundles' && !faults
      ? await functionBundles(options.catalog, { onProgress: say })
      : {};
  // A function's writes end before its invocation does: the pollers of the streams of the tables
  // it may write (its grants), resting while nothing happened, poll again at once
  // (stream-poller.ts). The others rest: a read-only API call wakes none.
  const streamPollers: { table: TableName; poller: StreamPoller }[] = [];
  const writtenTables = new Map(
    Object.entries(options.catalog).map(([name, spec]) => [name, tablesWrittenBy(spec)] as const),
  );
  const pool = new FunctionPool(options.catalog, functionEnv, time.buffer, bundles, {
    reuseWorkers: options.reuseWorkers ?? false,
    onSettled: (name) => {
      const written = writtenTables.get(name);
      for (const { table, poller } of streamPollers) if (written?.has(table)) poller.wake();
    },
  });
  started.push(() => pool.stop());
  const schedules: (() => Promise<unknown>)[] = [];

  const pollers: { stop(): Promise<void> }[] = [];
  const timers: NodeJS.Timeout[] = [];
  started.push(async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(pollers.map((p) => p.stop()));
  });
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
      const poller = startStreamPoller({
        functionName: name,
        tableName,
        batchSize: trigger.batchSize,
        ...(options.batchingWindows !== 'off' && trigger.batchingWindowSeconds
          ? { batchingWindowMs: trigger.batchingWindowSeconds * 1000 }
          : {}),
        now: time.nowMs,
        invoke: (event) => pool.invoke(name, event),
      });
      pollers.push(poller);
      streamPollers.push({ table: trigger.table, poller });
    } else if (trigger.kind === 'schedule') {
      const tick = () =>
        pool
          .invoke(name, {
            source: 'aws.events',
            'detail-type': 'Scheduled Event',
            time: new Date(time.nowMs()).toISOString(),
            detail: {},
          })
          .catch(() => {});
      // Daily jobs (the OCDS bulk export) keep to their interval, whatever SCHEDULE_INTERVAL_MS
      // says and however a test moves the clock: they would export everything at every tick.
      if (trigger.everyMinutes < 60) schedules.push(tick);
      timers.push(
        setInterval(
          tick,
          trigger.everyMinutes >= 60
            ? trigger.everyMinutes * 60_000
            : Number(options.settings?.SCHEDULE_INTERVAL_MS ?? trigger.everyMinutes * 60_000),
        ),
      );
    }
  }

  const api = await startLocalApi({
    catalog: options.catalog,
    pool,
    authorizer,
    cognito: cognitoProxy(userPool, mailbox, (event) => {
      const trigger = Object.entries(options.catalog).find(
        ([, spec]) => spec.trigger.kind === 'userPool' && spec.trigger.event === 'postConfirmation',
      );
      return trigger ? pool.invoke(trigger[0], event) : Promise.resolve(event);
    }),
    ...(options.port ? { port: options.port } : {}),
    portalFiles: { dir: options.portalDir ?? join(import.meta.dirname, '..', '..', 'portal', 'dist') },
    ...(options.throttling === 'off'
      ? {}
      : { limiter: new RateLimiter(options.catalog, options.now ? { now: options.now } : {}) }),
  }).catch((error: NodeJS.ErrnoException) => {
    throw error.code ? portUnavailable(options.port ?? 0, error) : error;
  });

  let stopped = false;
  // Stop in order: no new requests or deliveries, the functions done, then state saved from
  // emulators still running, then the emulators.
  return {
    url: api.url,
    env,
    userPool,
    mailbox,
    tokens: tokenMinter(userPool),
    pool,
    deadLetterQueues: provisioned.deadLetterQueues,
    clock: localClock(time, schedules),
    ...(emulators ? { restartDynamoDb: emulators.restartDynamoDb } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await api.close();
      await Promise.all(pollers.map((p) => p.stop()));
      await pool.stop();
      let failure: Error | undefined;
      if (motoUrl) {
        try {
          say(`saved ${await saveS3(motoUrl)} stored objects`);
        } catch (error) {
          failure = new Error(`could not save S3, the last snapshot is kept: ${(error as Error).message}`);
        }
      }
      await emulators?.stop();
      if (failure) throw failure;
    },
  };
}
