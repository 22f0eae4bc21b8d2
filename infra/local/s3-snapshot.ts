// moto keeps S3 in memory; moto-server.py saves it to <dataDir>/s3 from inside moto (every
// version under its own id, bodies written once, each save swapped in whole: see its docstring),
// every LOCAL_SNAPSHOT_INTERVAL_MS after a write and on stop, and restores it before its port
// opens. From inside, because a download is pinned to an S3 version id, and no S3 API can put an
// object back under the version id it had. This is the orchestrator's side of it.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

async function motoCall(motoUrl: string, method: 'GET' | 'POST', path: string) {
  const response = await fetch(`${motoUrl}${path}`, { method, signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`moto ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { objects: number; restored?: number };
}

/** Saves S3 now (a no-op when nothing was written since the last save); returns how many objects it holds. */
export async function saveS3(motoUrl: string): Promise<number> {
  return (await motoCall(motoUrl, 'POST', '/_eproc/s3/save')).objects;
}

/** How many objects moto restored when it started. */
export async function restoredS3(motoUrl: string): Promise<number> {
  return (await motoCall(motoUrl, 'GET', '/_eproc/s3')).restored ?? 0;
}

interface LegacyObject {
  readonly bucket: string;
  readonly key: string;
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
  readonly file: string;
}

/**
 * Puts back a snapshot of the format before moto saved S3 itself (index.json + objects/N, the
 * current version of each object), saves it in the new one, then removes it. Run only when moto
 * restored nothing, so a migration cut short simply runs again.
 */
export async function migrateLegacyS3(dir: string, motoUrl: string): Promise<number> {
  const indexFile = join(dir, 'index.json');
  if (!existsSync(indexFile)) return 0;
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as LegacyObject[];
  const s3 = new S3Client({ forcePathStyle: true });
  const files = new Set(readdirSync(join(dir, 'objects')));
  for (const saved of index) {
    if (!files.has(saved.file)) continue;
    await s3.send(
      new PutObjectCommand({
        Bucket: saved.bucket,
        Key: saved.key,
        Body: readFileSync(join(dir, 'objects', saved.file)),
        ContentType: saved.contentType,
        Metadata: saved.metadata,
      }),
    );
  }
  await saveS3(motoUrl);
  rmSync(indexFile);
  rmSync(join(dir, 'objects'), { recursive: true, force: true });
  return index.length;
}
