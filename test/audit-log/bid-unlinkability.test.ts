// Nothing countable before the deadline: bid events name their tender only through a salted
// commitment, so an auditor (every oversight route) and an operator (the audit table, the log
// bucket) cannot tell which log entries are a tender's bids, nor how many there are. After the
// opening the minutes publish each version's salt and event ids: the tender's history and bundle
// include the bid events, and the offline verifier ties each one (and refuses a wrong salt or
// commitment, naming the entry). A bidder checks its own receipt's event; no one else can.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveLog, readHead } from '../../shared/audit-log/index.ts';
import { db } from '../../shared/db/client.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { s3 } from '../../shared/storage/s3.ts';
import {
  type AuditBundle,
  entryLeafHash,
  fromBase64,
  type Hash,
  newTenderSalt,
  tenderCommitment,
  toBase64,
  verifyBundle,
  verifyInclusion,
} from '../../shared/tlog/index.ts';
import { type Bidder, bidder, submit } from '../bids/fixtures.ts';
import { passDeadline, priceForm, publicMinutes, startOwnCloud, until } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

let cloud: TestCloud;
let entity: Entity;
let auditor: string;
let tender: { tenderId: string; lots: { lotId: string }[]; [k: string]: any };
let lots: string[];
let alice: Bidder;
let bob: Bidder;
let carol: Bidder;
const receipts: Record<string, any>[] = [];
let aliceBid: { bidId: string; lotId: string; eventId: string };
let tenderEventsBefore: string[];

beforeAll(async () => {
  // Checkpoints every second: the tests wait for the log's checkpoints to cover what they wrote.
  cloud = await startOwnCloud({ SCHEDULE_INTERVAL_MS: '1000' });
  entity = await procuringEntity(cloud);
  auditor = await cloud.token(`auditor-${ulid()}`, 'auditor');
  [alice, bob, carol] = await Promise.all([bidder(cloud), bidder(cloud), bidder(cloud)]);
  tender = (await publishedTender(cloud, entity)) as unknown as typeof tender;
  lots = tender.lots.map((l) => l.lotId);
}, 120_000);
afterAll(() => cloud?.stop());

/** Every page of a listing. */
async function allEvents(query: string, limit = 100): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let cursor: string | undefined;
  do {
    const page = await cloud.call(
      'GET',
      `/audit/events?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token: auditor },
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** Whether the text names the tender or one of its lots. */
const namesTender = (value: unknown) => {
  const text = JSON.stringify(value);
  return [tender.tenderId, ...lots].some((id) => text.includes(id));
};

/** Waits until the latest checkpoint covers every one of these events. */
async function checkpointed(eventIds: readonly string[]) {
  for (const eventId of eventIds) {
    const status = await until(
      () => cloud.call('GET', `/log/events/${eventId}`, { token: auditor }),
      (r) => r.status === 200 && r.body.checkpoint !== undefined,
    );
    expect(status.body.checkpoint, eventId).toBeDefined();
  }
  const latest = await cloud.call('GET', '/log/checkpoint');
  return latest.body as { size: number; rootHash: string };
}

async function scanAudit(): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: process.env.TABLE_AUDIT, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function logBucketLines(): Promise<Record<string, any>[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: process.env.BUCKET_LOG, Prefix: 'entries/' }),
  );
  const lines: Record<string, any>[] = [];
  for (const object of listed.Contents ?? []) {
    const body = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET_LOG, Key: object.Key }));
    const text = await body.Body!.transformToString();
    lines.push(
      ...text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    );
  }
  return lines;
}

describe('before the deadline', () => {
  it('no oversight route, log entry, bundle, audit item or log object tells which entries are the tender’s bids', async () => {
    tenderEventsBefore = (await allEvents(`tenderId=${tender.tenderId}`)).map((e) => e.eventId);
    expect(tenderEventsBefore.length).toBeGreaterThan(0);

    // Alice bids on lot 1 and replaces it, Bob bids on lot 2 and withdraws, Carol bids on lot 1.
    const a1 = await submit(cloud, alice, tender, lots[0] as string, priceForm(1_800_000_000));
    expect(a1.response.status, JSON.stringify(a1.response.body)).toBe(201);
    const a2 = await submit(cloud, alice, tender, lots[0] as string, priceForm(1_750_000_000), {
      replaces: a1.response.body.bid.bidId,
    });
    const b1 = await submit(cloud, bob, tender, lots[1] as string, priceForm(400_000_000));
    const withdrawn = await cloud.call(
      'DELETE',
      `/tenders/${tender.tenderId}/lots/${lots[1]}/bids/${b1.response.body.bid.bidId}`,
      { token: bob.token, headers: { 'idempotency-key': crypto.randomUUID() } },
    );
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBeLessThan(300);
    const c1 = await submit(cloud, carol, tender, lots[0] as string, priceForm(1_900_000_000));
    for (const r of [a2, c1]) expect(r.response.status, JSON.stringify(r.response.body)).toBe(201);
    receipts.push(
      a1.response.body.receipt,
      a2.response.body.receipt,
      b1.response.body.receipt,
      withdrawn.body.receipt,
      c1.response.body.receipt,
    );
    aliceBid = {
      bidId: a2.response.body.bid.bidId,
      lotId: lots[0] as string,
      eventId: a2.response.body.receipt.eventId,
    };
    const bidEventIds = receipts.map((r) => r.eventId);
    const checkpoint = await checkpointed([...tenderEventsBefore, ...bidEventIds]);

    // The tender's history is what it was before the bids: not one more event, none of them bids.
    const after = await allEvents(`tenderId=${tender.tenderId}`);
    expect(after.map((e) => e.eventId)).toEqual(tenderEventsBefore);

    // By action: the bid events are there, with no tender link.
    const submitted = await allEvents('action=bid.submitted');
    const ours = submitted.filter((e) => bidEventIds.includes(e.eventId));
    expect(ours).toHaveLength(3);
    for (const e of submitted) {
      expect(namesTender(e), JSON.stringify(e)).toBe(false);
      expect(e.tenderId).toBeUndefined();
      expect(e.tenderCommitment).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{43}$/));
    }

    // Entry by entry: a bid entry never names the tender, and the entries that do are its own events.
    const naming: string[] = [];
    for (let seq = 0; seq < checkpoint.size; seq++) {
      const entry = await cloud.call('GET', `/log/entries/${seq}`, { token: auditor });
      expect(entry.status, JSON.stringify(entry.body)).toBe(200);
      const event = entry.body.event;
      if (event.action.startsWith('bid.')) expect(namesTender(entry.body), JSON.stringify(event)).toBe(false);
      else if (event.tenderId === tender.tenderId) naming.push(event.eventId);
    }
    expect(naming.sort()).toEqual([...tenderEventsBefore].sort());

    // The tender's bundle: in scope only the tender's own events; no bid entry names it.
    const bundle = await cloud.call('GET', `/audit/bundle?tenderId=${tender.tenderId}`, { token: auditor });
    expect(bundle.status).toBe(200);
    expect(Number(bundle.headers.get('x-bundle-entries-in-scope'))).toBe(tenderEventsBefore.length);
    expect(bundle.body.reveal).toBeUndefined();
    const bidEntries = bundle.body.entries.filter((e: any) => e.event.action.startsWith('bid.'));
    expect(bidEntries.map((e: any) => e.event.eventId)).toEqual(expect.arrayContaining(bidEventIds));
    for (const e of bidEntries) expect(namesTender(e)).toBe(false);

    // An operator: the audit table's bid items carry no tender attribute (no byTender key), and
    // the log bucket's bid lines name neither tender nor lot.
    const items = (await scanAudit()).filter((i) => String(i.action).startsWith('bid.'));
    expect(items.map((i) => i.eventId)).toEqual(expect.arrayContaining(bidEventIds));
    for (const item of items) {
      expect(item.tenderId).toBeUndefined();
      expect(namesTender(item), JSON.stringify(item)).toBe(false);
    }
    const lines = (await logBucketLines()).filter((l) => l.event.action.startsWith('bid.'));
    expect(lines.map((l) => l.event.eventId)).toEqual(expect.arrayContaining(bidEventIds));
    for (const line of lines) expect(namesTender(line)).toBe(false);
  }, 120_000);

  it('states no log size in a consistency error', async () => {
    const head = await readHead(liveLog().table);
    const latest = (await cloud.call('GET', '/log/checkpoint')).body;
    const refused = await cloud.call('GET', `/log/consistency?from=0&to=${head.size + 1_000_000}`);
    expect(refused.status).toBe(400);
    const text = JSON.stringify(refused.body);
    for (const size of [head.size, latest.size]) expect(text).not.toMatch(new RegExp(`\\b${size}\\b`));
    // Beyond the latest checkpoint (the live head may be further) is refused the same way.
    const live = await cloud.call('GET', `/log/consistency?from=0&to=${latest.size + 1}`);
    expect(live.status).toBe(400);
    expect(JSON.stringify(live.body)).not.toMatch(new RegExp(`\\b${latest.size}\\b`));
    const proof = await cloud.call('GET', `/log/consistency?from=1&to=${latest.size}`);
    expect(proof.status).toBe(200);
  }, 120_000);

  it('lets a bidder check its own receipt’s event and inclusion proof, and no one else', async () => {
    const path = `/tenders/${tender.tenderId}/lots/${aliceBid.lotId}/bids/${aliceBid.bidId}`;
    const own = await cloud.call('GET', `${path}/log-events`, { token: alice.token });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.events).toHaveLength(1);
    const [event] = own.body.events;
    expect(event).toMatchObject({ eventId: aliceBid.eventId, action: 'bid.replaced', status: 'integrated' });
    expect(event.event.eventId).toBe(aliceBid.eventId);
    // The salt opens the commitment to this tender; the leaf hash recomputes; the proof holds.
    expect(own.body.tenderCommitment).toBe(
      tenderCommitment({
        tenderId: tender.tenderId,
        lotId: aliceBid.lotId,
        bidId: aliceBid.bidId,
        salt: own.body.tenderSalt,
      }),
    );
    expect(event.event.tenderCommitment).toBe(own.body.tenderCommitment);
    const { seq, ...logged } = { ...event.event, seq: event.seq };
    const leaf = entryLeafHash(seq, logged);
    expect(toBase64(leaf)).toBe(event.leafHash);
    expect(
      verifyInclusion(
        leaf,
        seq,
        event.checkpoint.size,
        event.inclusionProof.map((h: string) => fromBase64(h) as Hash),
        fromBase64(event.checkpoint.rootHash) as Hash,
      ),
    ).toBe(true);

    for (const other of [carol, bob]) {
      expect((await cloud.call('GET', `${path}/log-events`, { token: other.token })).status).toBe(404);
      expect(
        (await cloud.call('GET', `/log/events/${aliceBid.eventId}`, { token: other.token })).status,
      ).toBe(404);
    }
  }, 120_000);
});

describe('after the opening', () => {
  let bundle: AuditBundle<any>;
  let publicKey: string;

  it('the minutes reveal every bid version, and the tender’s history includes its bid events', async () => {
    await passDeadline(cloud, tender);
    const { items } = await publicMinutes(cloud, tender.tenderId);
    const minutes = items[0].document.minutes;
    const bidEventIds = receipts.map((r) => r.eventId);
    expect(minutes.bidEvents.flatMap((b: any) => b.eventIds).sort()).toEqual([...bidEventIds].sort());
    expect(minutes.bidEvents).toHaveLength(4);
    for (const b of minutes.bidEvents) expect(b.salt).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Small pages: the revealed events are merged in time order, none twice, none lost.
    const history = await allEvents(`tenderId=${tender.tenderId}`, 2);
    const ids = history.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...tenderEventsBefore, ...bidEventIds]));
    const times = history.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    const bids = await allEvents(`tenderId=${tender.tenderId}&action=bid.submitted`);
    expect(bids.map((e) => e.eventId).sort()).toEqual(
      receipts
        .filter((r) => r.action === 'bid.submitted')
        .map((r) => r.eventId)
        .sort(),
    );
  }, 120_000);

  it('the bundle ties each bid entry to the tender, offline, and a wrong salt or commitment is refused at its entry', async () => {
    // The opening hands the tender to evaluation, whose first event is written a moment later by
    // another function: wait for it, so the tender's events are all there before they are counted.
    await until(
      () => allEvents(`tenderId=${tender.tenderId}&action=evaluation.started`),
      (started) => started.length === 1,
    );
    const opened = (await allEvents(`tenderId=${tender.tenderId}`)).map((e) => e.eventId);
    await checkpointed(opened);
    publicKey = (await cloud.call('GET', '/log/public-key')).body.publicKey;
    const exported = await cloud.call('GET', `/audit/bundle?tenderId=${tender.tenderId}`, { token: auditor });
    expect(exported.status).toBe(200);
    bundle = exported.body;
    expect(Number(exported.headers.get('x-bundle-entries-in-scope'))).toBe(opened.length);
    const report = verifyBundle(bundle, { pinnedPublicKey: publicKey });
    expect(report).toMatchObject({
      ok: true,
      revealed: { tenderId: tender.tenderId, events: 5, bidVersions: 4 },
    });

    const indexOf = (eventId: string) => bundle.entries.findIndex((e) => e.event.eventId === eventId);
    const copy = () => JSON.parse(JSON.stringify(bundle)) as any;

    // Another salt in the minutes: the first event of that version no longer ties, by index.
    const badSalt = copy();
    const version = badSalt.reveal.minutes.minutes.bidEvents[1];
    version.salt = newTenderSalt();
    expect(verifyBundle(badSalt, { pinnedPublicKey: publicKey })).toMatchObject({
      ok: false,
      reason: 'revealed event mismatch',
      index: indexOf(version.eventIds[0]),
    });

    // Another commitment in the entry: caught at that entry, whether or not its leaf hash was redone.
    const target = indexOf(receipts[2]!.eventId);
    const badCommitment = copy();
    badCommitment.entries[target].event.tenderCommitment = tenderCommitment({
      tenderId: tender.tenderId,
      lotId: lots[1] as string,
      bidId: receipts[2]!.bidId,
      salt: newTenderSalt(),
    });
    expect(verifyBundle(badCommitment, { pinnedPublicKey: publicKey })).toMatchObject({
      ok: false,
      index: target,
    });
    badCommitment.entries[target].leafHash = toBase64(
      entryLeafHash(target, badCommitment.entries[target].event),
    );
    expect(verifyBundle(badCommitment, { pinnedPublicKey: publicKey }).ok).toBe(false);

    // A bid version left out of the minutes: their signature no longer holds.
    const omitted = copy();
    omitted.reveal.minutes.minutes.bidEvents.splice(0, 1);
    expect(verifyBundle(omitted, { pinnedPublicKey: publicKey })).toMatchObject({
      ok: false,
      reason: 'minutes signature invalid',
    });
    // A revealed entry left out of scope (its inclusion proof dropped) is named.
    const unscoped = copy();
    const dropped = indexOf(receipts[0]!.eventId);
    unscoped.inclusionProofs = unscoped.inclusionProofs.filter((p: any) => p.index !== dropped);
    expect(verifyBundle(unscoped, { pinnedPublicKey: publicKey })).toMatchObject({
      ok: false,
      reason: 'revealed event not in scope',
      index: dropped,
    });

    // The same through the CLI, with the receipts.
    const dir = mkdtempSync(join(tmpdir(), 'eproc-reveal-'));
    const file = (name: string, value: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
      return path;
    };
    const key = file('log-key.pem', publicKey);
    const receiptFiles = receipts.flatMap((r, i) => ['--receipt', file(`receipt-${i}.json`, r)]);
    const cli = (bundleFile: string) =>
      run(
        process.execPath,
        ['shared/cli/eproc.ts', 'audit', 'verify', bundleFile, '--key', key, ...receiptFiles],
        {
          cwd: root,
          env: { PATH: process.env.PATH, HOME: dir },
        },
      ).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const good = await cli(file('bundle.json', bundle));
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toContain(`5 bid event(s) of 4 bid version(s) tied to tender ${tender.tenderId}`);
    const bad = await cli(file('bad-salt.json', badSalt));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`✗ entry ${indexOf(version.eventIds[0])}: revealed event mismatch`);
  }, 120_000);
});
