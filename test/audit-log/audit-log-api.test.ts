// The audit log end to end through the running system: state changes and their events commit
// together, a burst of registrations is integrated within the delay receipts promise, a bundle
// exported over HTTP passes the offline CLI verifier (and a flipped bit fails it at that entry),
// the bucket refuses to lose what was signed, and the log rebuilt from the bucket has the same root.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventLocation,
  eventLocations,
  liveLog,
  readHead,
  rebuildLogState,
  TileHashes,
} from '../../shared/audit-log/index.ts';
import { settings } from '../../shared/config/settings.ts';
import { ConditionFailed, writeWithAudit } from '../../shared/db/audited-write.ts';
import { db } from '../../shared/db/client.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { toBase64 } from '../../shared/tlog/index.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { createLogTable } from './temp-log.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const maxDelayMs = settings.MAX_INTEGRATION_DELAY_SECONDS * 1000;

let cloud: TestCloud;
let auditor: string;
beforeAll(async () => {
  // Checkpoints every second here, so tests wait for one without waiting a minute.
  cloud = await startTestCloud({ SCHEDULE_INTERVAL_MS: '1000' });
  auditor = await cloud.token(`auditor-${ulid()}`, 'auditor');
});
afterAll(() => cloud?.stop());

/** Polls (bounded) until `check` returns a value; the assertions are on what it returns, not on time. */
async function until<T>(what: string, check: () => Promise<T | undefined>, attempts = 240): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function integrated(eventId: string, token = auditor) {
  return until(`event ${eventId} to be integrated`, async () => {
    const response = await cloud.call('GET', `/log/events/${eventId}`, { token });
    expect(response.status).toBe(200);
    return response.body.status === 'integrated' ? response.body : undefined;
  });
}

async function checkpointCovering(seq: number) {
  return until(`a checkpoint covering entry ${seq}`, async () => {
    const response = await cloud.call('GET', '/log/checkpoint');
    return response.status === 200 && response.body.size > seq ? response.body : undefined;
  });
}

const partiesTable = () => process.env.TABLE_PARTIES as string;
const getParty = async (pk: string) =>
  (await db.send(new GetCommand({ TableName: partiesTable(), Key: { pk, sk: 'TEST' } }))).Item;
const eventsOfActor = async (sub: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: process.env.TABLE_AUDIT,
        IndexName: 'byActor',
        KeyConditionExpression: 'actorKey = :sub',
        ExpressionAttributeValues: { ':sub': sub },
      }),
    )
  ).Items ?? [];

describe('no state change without its audit event, and no event without its change', () => {
  const change = (pk: string, sub: string, condition?: string) =>
    writeWithAudit(
      [
        {
          Put: {
            TableName: partiesTable(),
            Item: { pk, sk: 'TEST', value: 1 },
            ...(condition ? { ConditionExpression: condition } : {}),
          },
        },
      ],
      {
        actor: { sub, role: 'admin' },
        action: 'test.changed',
        object: { type: 'test', id: pk },
        change: { pk },
      },
    );

  it('writes neither when the audit put fails', async () => {
    const pk = `TEST#${ulid()}`;
    const sub = `atomic-${ulid()}`;
    const auditTable = process.env.TABLE_AUDIT;
    process.env.TABLE_AUDIT = 'eproc-test-audit-gone';
    try {
      await expect(change(pk, sub)).rejects.toThrow();
    } finally {
      process.env.TABLE_AUDIT = auditTable;
    }
    expect(await getParty(pk)).toBeUndefined();
    // An event too large to store fails the audit put itself: the change is not written either.
    const big = `TEST#${ulid()}`;
    await expect(
      writeWithAudit([{ Put: { TableName: partiesTable(), Item: { pk: big, sk: 'TEST' } } }], {
        actor: { sub, role: 'admin' },
        action: 'test.changed',
        object: { type: 'test', id: big },
        change: { blob: 'x'.repeat(450 * 1024) },
      }),
    ).rejects.toThrow();
    expect(await getParty(big)).toBeUndefined();
    expect(await eventsOfActor(sub)).toEqual([]);
    // The control: the same write with the audit table in place stores both.
    const event = await change(pk, sub);
    expect(await getParty(pk)).toMatchObject({ value: 1 });
    expect((await eventsOfActor(sub)).map((e) => e.eventId)).toEqual([event.eventId]);
  });

  it('writes neither when the change fails its condition', async () => {
    const pk = `TEST#${ulid()}`;
    const sub = `atomic-${ulid()}`;
    await expect(change(pk, sub, 'attribute_exists(pk)')).rejects.toBeInstanceOf(ConditionFailed);
    expect(await getParty(pk)).toBeUndefined();
    expect(await eventsOfActor(sub)).toEqual([]);
  });
});

describe('integration delay', () => {
  it('logs every event of 100 concurrent registrations within the promised delay', {
    timeout: 120_000,
  }, async () => {
    let code = Math.floor(Math.random() * 1e8);
    const subs = Array.from({ length: 100 }, () => `burst-${ulid()}`);
    const registered = await Promise.all(
      subs.map(async (sub) => {
        const token = await cloud.token(sub, 'contractor');
        const response = await cloud.call('POST', '/contractors', {
          token,
          body: {
            name: 'Công ty TNHH Kiểm toán',
            enterpriseCode: `07${String(code++ % 1e8).padStart(8, '0')}`,
            address: { street: '1 Lê Lợi', province: 'Đà Nẵng' },
            contacts: [{ name: 'Trần Văn E', email: 'e@example.vn', phone: '+84 236 123 456' }],
            representatives: [{ name: 'Ngô Thị F', title: 'Giám đốc' }],
          },
        });
        expect(response.status).toBe(201);
        return { sub, token };
      }),
    );
    const events = await Promise.all(
      registered.map(async ({ sub, token }) => {
        const [event] = await eventsOfActor(sub);
        expect(event?.action).toBe('contractor.registered');
        return { event: event as Record<string, any>, token };
      }),
    );
    // Poll the log (one batched read per round, not 100 clients hammering the API) until every
    // event is in; then each contractor checks its own event, as it would with its receipt.
    const ids = events.map(({ event }) => event.eventId as string);
    await until('all 100 events to be integrated', async () => {
      const found = await eventLocations(liveLog(), ids);
      return found.size === ids.length ? found : undefined;
    });
    const statuses = [];
    for (const { event, token } of events) statuses.push(await integrated(event.eventId, token));
    const seqs = new Set<number>();
    for (const [i, status] of statuses.entries()) {
      const { event } = events[i] as { event: Record<string, any> };
      expect(status.at).toBe(event.at);
      expect(Date.parse(status.integratedAt) - Date.parse(event.at)).toBeLessThanOrEqual(maxDelayMs);
      expect(status.withinPromise).toBe(true);
      expect(status.integratedBy).toBe(new Date(Date.parse(event.at) + maxDelayMs).toISOString());
      seqs.add(status.seq);
      // Stored state: the entry holds exactly the audit event, under the leaf hash reported.
      const where = await eventLocation(liveLog(), event.eventId);
      expect(where).toMatchObject({
        seq: status.seq,
        leafHash: status.leafHash,
        integratedAt: status.integratedAt,
      });
    }
    expect(seqs.size).toBe(100);
    // Someone else's event is not visible to a contractor; the auditor sees it.
    const [first, second] = events;
    const peek = await cloud.call('GET', `/log/events/${first?.event.eventId}`, { token: second?.token });
    expect(peek.status).toBe(404);
    const entry = await cloud.call('GET', `/log/entries/${statuses[0].seq}`, { token: auditor });
    if (entry.status === 400) {
      // Not yet covered by a checkpoint: wait for one and ask again.
      await checkpointCovering(statuses[0].seq);
    }
    const proven = await cloud.call('GET', `/log/entries/${statuses[0].seq}`, { token: auditor });
    expect(proven.status).toBe(200);
    expect(proven.body.event).toMatchObject({
      eventId: first?.event.eventId,
      changeHash: first?.event.changeHash,
    });
    expect(proven.body.leafHash).toBe(statuses[0].leafHash);
  });
});

describe('audit bundle over HTTP, verified offline by the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eproc-audit-'));
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['shared/cli/eproc.ts', 'audit', 'verify', ...args],
        {
          cwd: root,
          env: { PATH: process.env.PATH, HOME: dir },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('exports a tender bundle that the CLI accepts, and names the entry whose bit was flipped', {
    timeout: 120_000,
  }, async () => {
    const tenderId = ulid();
    const sub = `buyer-${ulid()}`;
    const events = [];
    for (const step of ['tender.published', 'bid.submitted', 'bid.submitted', 'tender.amended']) {
      events.push(
        await writeWithAudit([], {
          actor: { sub, role: 'procuring-entity' },
          action: step,
          object: { type: 'tender', id: tenderId },
          tenderId,
          change: { step, amount: 2_500_000_000, currency: 'VND' },
        }),
      );
    }
    const statuses = [];
    for (const event of events) statuses.push(await integrated(event.eventId));
    const seqs = statuses.map((s) => s.seq as number).sort((a, b) => a - b);
    await checkpointCovering(seqs[seqs.length - 1] as number);

    const bundle = await cloud.call('GET', `/audit/bundle?tenderId=${tenderId}`, { token: auditor });
    expect(bundle.status).toBe(200);
    expect(bundle.body.format).toBe('eproc-audit-bundle/v1');
    expect(bundle.body.inclusionProofs.map((p: { index: number }) => p.index)).toEqual(seqs);
    expect(bundle.body.entries.length).toBe(Number(bundle.headers.get('x-bundle-tree-size')));
    const key = await cloud.call('GET', '/log/public-key');
    expect(key.status).toBe(200);
    const keyFile = join(dir, 'log-key.pem');
    writeFileSync(keyFile, key.body.publicKey);
    const bundleFile = join(dir, 'bundle.json');
    const text = JSON.stringify(bundle.body);
    writeFileSync(bundleFile, text);
    const receipts = events.slice(1, 3).map((event, i) => {
      const file = join(dir, `receipt-${i}.json`);
      writeFileSync(
        file,
        JSON.stringify({ format: 'eproc-bid-receipt-v1', tenderId, eventId: event.eventId }),
      );
      return file;
    });

    const ok = await cli(bundleFile, '--key', keyFile, ...receipts.flatMap((r) => ['--receipt', r]));
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`✓ ${seqs.length} inclusion proof(s)`);
    expect(ok.stdout).toMatch(
      new RegExp(`receipt .*receipt-0\\.json: event ${events[1]?.eventId} is entry \\d+`),
    );
    expect(ok.stdout).toMatch(/^OK in \d+ ms$/m);

    // Without a pinned key it refuses to run (the bundle's own key is never trusted).
    const unpinned = await cli(bundleFile);
    expect(unpinned.code).toBe(2);
    expect(unpinned.stderr).toContain('no pinned public key');

    // Flip one bit in a letter of the second tender entry's action: still valid JSON, wrong entry.
    const target = seqs[1] as number;
    const at = text.indexOf(`{"seq":${target},"event":`);
    const letter = text.indexOf('"action":"', at) + '"action":"'.length + 2;
    const flipped =
      text.slice(0, letter) + String.fromCharCode(text.charCodeAt(letter) ^ 1) + text.slice(letter + 1);
    expect(flipped).not.toBe(text);
    const flippedFile = join(dir, 'flipped.json');
    writeFileSync(flippedFile, flipped);
    const bad = await cli(flippedFile, '--key', keyFile);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`✗ entry ${target}: leaf hash mismatch`);
    expect(bad.stderr).toContain(`entry ${target}`);

    // A receipt whose event is not in the bundle fails too.
    const stranger = join(dir, 'stranger.json');
    writeFileSync(stranger, JSON.stringify({ eventId: ulid() }));
    const missing = await cli(bundleFile, '--key', keyFile, '--receipt', stranger);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('receipt not found');
  });

  it('answers queries by tender, action and time, paginated, and refuses bad input naming the field', async () => {
    const tenderId = ulid();
    const from = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      await writeWithAudit([], {
        actor: { sub: `q-${ulid()}`, role: 'procuring-entity' },
        action: 'tender.queried',
        object: { type: 'tender', id: tenderId },
        tenderId,
        change: { i },
      });
    }
    const first = await cloud.call('GET', `/audit/events?tenderId=${tenderId}&limit=2`, { token: auditor });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const rest = await cloud.call(
      'GET',
      `/audit/events?tenderId=${tenderId}&limit=2&cursor=${first.body.nextCursor}`,
      { token: auditor },
    );
    expect(rest.body.items.map((e: { change: { i: number } }) => e.change.i)).toEqual([2]);
    const byAction = await until('events by action', async () => {
      const response = await cloud.call('GET', `/audit/events?action=tender.queried&from=${from}`, {
        token: auditor,
      });
      return response.body.items?.length >= 3 ? response.body : undefined;
    });
    expect(byAction.items.every((e: { seq?: number }) => typeof e.seq === 'number')).toBe(true);
    const wrongCursor = await cloud.call(
      'GET',
      `/audit/events?action=tender.queried&cursor=${first.body.nextCursor}`,
      {
        token: auditor,
      },
    );
    expect(wrongCursor.status).toBe(400);
    expect(wrongCursor.body.errors[0].field).toBe('query.cursor');
    const bad = await cloud.call('GET', '/audit/events?from=yesterday', { token: auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.from');
    const noScope = await cloud.call('GET', '/audit/bundle', { token: auditor });
    expect(noScope.status).toBe(400);
    expect(noScope.body.errors[0].field).toBe('query.tenderId');
    const notAuditor = await cloud.call('GET', '/audit/events', {
      token: await cloud.token('c', 'contractor'),
    });
    expect(notAuditor.status).toBe(403);
    const consistency = await cloud.call('GET', '/log/consistency?from=1&to=999999999');
    expect(consistency.status).toBe(400);
    expect(consistency.body.errors[0].field).toBe('query.to');
  });
});

describe('the bucket is the record', () => {
  it('keeps checkpoints and entries under compliance Object Lock: no delete, no overwrite', async () => {
    const checkpoint = await checkpointCovering(0);
    const bucket = liveLog().bucket;
    const key = `checkpoints/${String(checkpoint.size).padStart(12, '0')}`;
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
    expect(head.ObjectLockRetainUntilDate?.getTime()).toBeGreaterThan(Date.now() + 9 * 365 * 86_400_000);
    await expect(
      s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: head.VersionId })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'forged', IfNoneMatch: '*' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    const stored = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: head.VersionId }),
    );
    expect(await stored.Body?.transformToString()).toBe(checkpoint.note);
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'entries/', MaxKeys: 1 }),
    );
    const entriesKey = listed.Contents?.[0]?.Key as string;
    expect(entriesKey).toBe(`entries/000000000000-${entriesKey.slice(-18)}`);
    const entries = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: entriesKey }));
    expect(entries.ObjectLockMode).toBe('COMPLIANCE');
    await expect(
      s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: entriesKey, VersionId: entries.VersionId })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  it('rebuilds from the bucket alone to the same signed root', async () => {
    const checkpoint = await checkpointCovering(0);
    const key = await cloud.call('GET', '/log/public-key');
    const target = { table: `eproc-test-log-rebuilt-${ulid().toLowerCase()}`, bucket: liveLog().bucket };
    await createLogTable(target.table);
    const rebuilt = await rebuildLogState(target, {
      publicKey: key.body.publicKey,
      origin: settings.LOG_ORIGIN,
    });
    expect(rebuilt.latestCheckpoint?.size).toBeGreaterThanOrEqual(checkpoint.size);
    // The live log may have grown meanwhile: compare at the rebuilt size.
    const live = new TileHashes(liveLog(), await readHead(liveLog().table));
    expect(rebuilt.rootHash).toBe(toBase64(await live.root(rebuilt.size)));
    const signed = await cloud.call('GET', `/log/checkpoints/${rebuilt.latestCheckpoint?.size}`);
    expect(signed.body.rootHash).toBe(rebuilt.latestCheckpoint?.rootHash);
    const copy = new TileHashes(target, await readHead(target.table));
    expect((await copy.inclusionProof(0, rebuilt.size)).map(toBase64)).toEqual(
      (await live.inclusionProof(0, rebuilt.size)).map(toBase64),
    );
  });
});
