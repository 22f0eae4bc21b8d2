// moto-server.py keeps KMS keys and S3 across a `kill -9`: keys are saved as they are created,
// S3 within one snapshot interval of a write, every version under its own id.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitForHttp } from '../../infra/local/ports.ts';
import { waitUntil } from './npm-start.ts';

const script = join(import.meta.dirname, '..', '..', 'infra', 'local', 'moto-server.py');
const dir = mkdtempSync(join(tmpdir(), 'eproc-moto-'));
const kmsFile = join(dir, 'kms-keys.json');
const s3Dir = join(dir, 's3');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function startMoto() {
  const port = await freePort();
  const child = spawn(
    'python3',
    [script, String(port), kmsFile, '--s3-dir', s3Dir, '--s3-interval-ms', '200'],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  children.push(child);
  const endpoint = `http://127.0.0.1:${port}`;
  await waitForHttp(`${endpoint}/moto-api/`, 30_000, 'moto');
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  return {
    child,
    kms: new KMSClient({ endpoint, region: 'ap-southeast-1', credentials }),
    s3: new S3Client({ endpoint, region: 'ap-southeast-1', credentials, forcePathStyle: true }),
  };
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('moto-server.py state across kill -9', () => {
  it('saves a KMS key as it is created, and S3 versions within an interval of the write', async () => {
    const first = await startMoto();
    const key = await first.kms.send(
      new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
    );
    const keyId = key.KeyMetadata?.KeyId as string;
    // Saved with the response, not at exit.
    expect(JSON.parse(readFileSync(kmsFile, 'utf8')).keys.map((k: { id: string }) => k.id)).toContain(keyId);

    await first.s3.send(new CreateBucketCommand({ Bucket: 'docs' }));
    await first.s3.send(
      new PutBucketVersioningCommand({ Bucket: 'docs', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const v1 = await first.s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'd', Body: 'bản 1' }));
    await first.s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'd', Body: 'bản 2' }));
    // No stop, no save request: only the periodic save can have written both versions. A save
    // writes the bodies first and swaps the state in last, so wait for a state that names both.
    const savedBoth = () => {
      if (!existsSync(join(s3Dir, 'state.pickle'))) return false;
      const bodies = readdirSync(join(s3Dir, 'bodies')).filter((name) => !name.includes('.tmp-'));
      const state = readFileSync(join(s3Dir, 'state.pickle'));
      return bodies.length === 2 && bodies.every((name) => state.includes(name));
    };
    await waitUntil('a periodic save of both versions', savedBoth, 10_000);
    await killed(first.child);

    const second = await startMoto();
    const old = await second.s3.send(
      new GetObjectCommand({ Bucket: 'docs', Key: 'd', VersionId: v1.VersionId }),
    );
    expect(await old.Body?.transformToString()).toBe('bản 1');
    const latest = await second.s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'd' }));
    expect(await latest.Body?.transformToString()).toBe('bản 2');
    const described = await second.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(described.KeyMetadata?.KeySpec).toBe('ECC_NIST_P256');
  }, 120_000);
});
