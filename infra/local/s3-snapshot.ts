// moto keeps S3 in memory. To let local state survive a restart like DynamoDB Local's does, the
// current version of every object is saved to disk — while running, every
// LOCAL_SNAPSHOT_INTERVAL_MS if anything changed, and once more on stop — and put back on start.
//
//   <dir>/index.json            the last complete snapshot: every object, naming its body file
//   <dir>/objects/<sha-256>     bodies by content, each written once and shared by later snapshots
//   <dir>/…tmp-<pid>            a write in progress: never read, removed on the next start
//
// A save writes the bodies it lacks (beside, fsync, rename), then the new index beside the old
// one, fsyncs it and renames it over: whenever the process dies, index.json is the previous
// snapshot or the new one, whole, and every body it names is on disk. Only after the swap are
// bodies no index names deleted.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { StartFailure } from './start-failure.ts';

interface SavedObject {
  readonly bucket: string;
  readonly key: string;
  /** ETag and LastModified when saved: a listing showing both unchanged needs no new read. */
  readonly etag?: string;
  readonly lastModified?: string;
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
  readonly file: string;
}

interface Listed {
  readonly bucket: string;
  readonly key: string;
  readonly etag: string;
  readonly lastModified: string;
}

const temporary = /\.tmp-\d+$/;
const id = (bucket: string, key: string) => `${bucket}\u0000${key}`;

/** Writes `path` whole or not at all: beside it, flushed to disk, renamed over it. */
function writeDurably(path: string, contents: Uint8Array | string): void {
  const partial = `${path}.tmp-${process.pid}`;
  const fd = openSync(partial, 'w');
  try {
    writeFileSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}

/** Makes the renames in `dir` durable (a no-op where directories cannot be fsynced). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows: rename is durable enough there.
  }
}

export class S3Snapshot {
  private readonly s3 = new S3Client({ forcePathStyle: true });
  private readonly dir: string;
  private readonly buckets: readonly string[];
  private readonly objectsDir: string;
  /** What index.json holds, by bucket and key, with the ETag and LastModified moto shows for it. */
  private saved = new Map<string, SavedObject>();
  /** The listing index.json was made from (or restored into): equal means nothing to save. */
  private savedListing: string | undefined;

  constructor(dir: string, buckets: readonly string[]) {
    this.dir = dir;
    this.buckets = buckets;
    this.objectsDir = join(dir, 'objects');
  }

  private readIndex(): SavedObject[] {
    const file = join(this.dir, 'index.json');
    if (!existsSync(file)) return [];
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as SavedObject[];
    } catch (error) {
      // Never replaced by an empty snapshot: the user decides what to do with it.
      throw new StartFailure(
        `the S3 snapshot ${file} is unreadable (${(error as Error).message}); move it away to start without it`,
      );
    }
  }

  /** Puts the saved objects back into moto (once, before anyone else writes) and returns how many. */
  async restore(): Promise<number> {
    mkdirSync(this.objectsDir, { recursive: true });
    // What a save cut short left behind: never part of a snapshot.
    for (const dir of [this.dir, this.objectsDir]) {
      for (const name of readdirSync(dir)) if (temporary.test(name)) rmSync(join(dir, name), { force: true });
    }
    const index = this.readIndex();
    const known = new Set(this.buckets);
    const bodies = new Set(readdirSync(this.objectsDir));
    const restored = new Map<string, SavedObject>();
    const pending = index.filter((saved) => known.has(saved.bucket) && bodies.has(saved.file));
    const putBack = async (saved: SavedObject) => {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: saved.bucket,
          Key: saved.key,
          Body: readFileSync(join(this.objectsDir, saved.file)),
          ContentType: saved.contentType,
          Metadata: saved.metadata,
        }),
      );
      restored.set(id(saved.bucket, saved.key), saved);
    };
    for (let i = 0; i < pending.length; i += 8) await Promise.all(pending.slice(i, i + 8).map(putBack));
    // Restored objects have new LastModified values: remember them as saved, so the first
    // periodic save does not read every object back.
    const listing = await this.list();
    this.saved = new Map();
    for (const object of listing) {
      const saved = restored.get(id(object.bucket, object.key));
      if (saved) {
        this.saved.set(id(object.bucket, object.key), {
          ...saved,
          etag: object.etag,
          lastModified: object.lastModified,
        });
      }
    }
    // Unless all of moto is exactly what index.json holds, the first save writes a new one.
    const exact = restored.size === index.length && this.saved.size === listing.length;
    this.savedListing = exact ? signature(listing) : undefined;
    return restored.size;
  }

  private async list(): Promise<Listed[]> {
    const listed: Listed[] = [];
    for (const bucket of this.buckets) {
      let token: string | undefined;
      do {
        const page = await this.s3.send(
          new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key) continue;
          listed.push({
            bucket,
            key: object.Key,
            etag: object.ETag ?? '',
            lastModified: object.LastModified?.toISOString() ?? '',
          });
        }
        token = page.NextContinuationToken;
      } while (token);
    }
    return listed;
  }

  /**
   * Saves the current version of every object if anything changed since the last save: one
   * listing per bucket when nothing did; otherwise reads only the new and changed objects.
   */
  async save(): Promise<{ changed: boolean; objects: number }> {
    const listing = await this.list();
    const listed = signature(listing);
    if (listed === this.savedListing) return { changed: false, objects: listing.length };
    mkdirSync(this.objectsDir, { recursive: true });
    const next = new Map<string, SavedObject>();
    for (const object of listing) {
      const previous = this.saved.get(id(object.bucket, object.key));
      if (
        previous &&
        previous.etag === object.etag &&
        previous.lastModified === object.lastModified &&
        existsSync(join(this.objectsDir, previous.file))
      ) {
        next.set(id(object.bucket, object.key), previous);
        continue;
      }
      const saved = await this.read(object);
      if (saved) next.set(id(object.bucket, object.key), saved);
    }
    syncDirectory(this.objectsDir);
    writeDurably(join(this.dir, 'index.json'), JSON.stringify([...next.values()]));
    syncDirectory(this.dir);
    this.saved = next;
    this.savedListing = listed;
    const used = new Set([...next.values()].map((s) => s.file));
    for (const name of readdirSync(this.objectsDir)) {
      if (!used.has(name) && !temporary.test(name)) unlinkSync(join(this.objectsDir, name));
    }
    return { changed: true, objects: next.size };
  }

  private async read(object: Listed): Promise<SavedObject | undefined> {
    let got: GetObjectCommandOutput;
    try {
      got = await this.s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined; // Deleted since the listing.
      throw error;
    }
    const body = (await got.Body?.transformToByteArray()) ?? new Uint8Array();
    const file = createHash('sha256').update(body).digest('hex');
    if (!existsSync(join(this.objectsDir, file))) writeDurably(join(this.objectsDir, file), body);
    return {
      bucket: object.bucket,
      key: object.key,
      // The listing's values, so the next listing matches; if the object changed since, the
      // ETag read differs from the next listing's and the next save reads it again.
      etag: got.ETag ?? object.etag,
      lastModified: object.lastModified,
      ...(got.ContentType ? { contentType: got.ContentType } : {}),
      ...(got.Metadata && Object.keys(got.Metadata).length > 0 ? { metadata: got.Metadata } : {}),
      file,
    };
  }
}

function signature(listing: readonly Listed[]): string {
  return listing.map((o) => `${o.bucket}\u0000${o.key}\u0000${o.etag}\u0000${o.lastModified}`).join('\n');
}
