// The sequencer core against a private log: tiles give the same roots and proofs as an in-memory
// RFC 9162 tree, racing sequencers log each event exactly once, and the bucket gets every batch.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  eventFromImage,
  flushPending,
  integrate,
  type LogLocation,
  readEntries,
  readHead,
  TileHashes,
} from '../../shared/audit-log/index.ts';
import { tileKey, UNFLUSHED_PK } from '../../shared/audit-log/log-keys.ts';
import { db } from '../../shared/db/client.ts';
import { auditEventEntity } from '../../shared/entities/audit.ts';
import { s3 } from '../../shared/storage/s3.ts';
import {
  entryLeafHash,
  MerkleTree,
  toBase64,
  verifyConsistency,
  verifyInclusion,
} from '../../shared/tlog/index.ts';
import { syntheticEvents, tempLog } from './temp-log.ts';

describe('sequencer core', () => {
  let log: LogLocation;
  const events = syntheticEvents(600);
  beforeAll(async () => {
    log = await tempLog('core');
  });

  it('appends in event id order, O(log n) per batch, and its tiles reproduce every RFC 9162 proof', async () => {
    // Uneven batches, given out of order: the log must come out sorted within each batch.
    let offset = 0;
    for (const size of [1, 2, 45, 100, 3, 255, 194]) {
      const batch = events.slice(offset, offset + size).reverse();
      const result = await integrate(log, batch);
      expect(result.appended.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId).sort());
      offset += size;
    }
    expect(offset).toBe(600);
    const head = await readHead(log.table);
    expect(head.size).toBe(600);
    const tree = MerkleTree.fromLeafHashes(events.map((event, seq) => entryLeafHash(seq, event)));
    expect(toBase64(head.rootHash)).toBe(toBase64(tree.root()));

    const hashes = new TileHashes(log, head);
    for (const size of [1, 2, 3, 255, 256, 257, 511, 512, 513, 600]) {
      expect(toBase64(await hashes.root(size))).toBe(toBase64(tree.root(size)));
      for (const index of new Set([0, 1, size >> 1, size - 1].filter((i) => i < size))) {
        const proof = await hashes.inclusionProof(index, size);
        expect(proof.map(toBase64)).toEqual(tree.inclusionProof(index, size).map(toBase64));
        expect(verifyInclusion(tree.leafHash(index), index, size, proof, tree.root(size))).toBe(true);
      }
      for (const m of [1, size >> 1, size]) {
        const proof = await hashes.consistencyProof(m, size);
        expect(proof.map(toBase64)).toEqual(tree.consistencyProof(m, size).map(toBase64));
        expect(verifyConsistency(m, size, proof, tree.root(m), tree.root(size))).toBe(true);
      }
    }

    // Stored state: entries in order with their leaf hashes, every batch in the bucket, none pending.
    const entries = await readEntries(log, 0, 600);
    expect(entries.map((e) => e.event.eventId)).toEqual(events.map((e) => e.eventId));
    expect(entries[599]?.leafHash).toBe(toBase64(tree.leafHash(599)));
    const full = await db.send(new GetCommand({ TableName: log.table, Key: tileKey(1, 0) }));
    expect(full.Item).toBeUndefined(); // 600 leaves complete only two level-0 tiles, no level-1 tile
    const tile = await db.send(new GetCommand({ TableName: log.table, Key: tileKey(0, 1) }));
    expect((tile.Item?.hashes as Uint8Array | undefined)?.byteLength).toBe(256 * 32);
    const pending = await db.send(
      new QueryCommand({
        TableName: log.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': UNFLUSHED_PK },
      }),
    );
    expect(pending.Items).toEqual([]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: log.bucket, Prefix: 'entries/' }));
    expect(listed.Contents?.map((o) => o.Key)).toContain('entries/000000000000-000000000001.jsonl');
  });

  it('logs each event exactly once when sequencers race over overlapping batches', async () => {
    const racing = await tempLog('race');
    const burst = syntheticEvents(300);
    // Five sequencers, each given an overlapping, shuffled slice of the same events.
    const slices = [0, 1, 2, 3, 4].map((k) =>
      burst.filter((_, i) => (i + k) % 5 !== 0).sort(() => Math.random() - 0.5),
    );
    const results = await Promise.all(slices.map((slice) => integrate(racing, slice)));
    const appended = results.flatMap((r) => r.appended);
    expect(appended).toHaveLength(300);
    expect(new Set(appended.map((e) => e.seq)).size).toBe(300);
    expect(results.reduce((n, r) => n + r.conflicts, 0)).toBeGreaterThan(0);
    // Replaying everything appends nothing.
    const replay = await integrate(racing, burst);
    expect(replay.appended).toHaveLength(0);
    expect(replay.alreadyLogged).toBe(300);
    const head = await readHead(racing.table);
    expect(head.size).toBe(300);
    const entries = await readEntries(racing, 0, 300);
    expect(new Set(entries.map((e) => e.event.eventId)).size).toBe(300);
    expect(toBase64(head.rootHash)).toBe(
      toBase64(MerkleTree.fromLeafHashes(entries.map((e) => entryLeafHash(e.seq, e.event))).root()),
    );
    expect(await flushPending(racing)).toBe(0);
  });

  it('reads stream images as the audit item was written, empty maps included', () => {
    const image = {
      pk: { S: auditEventEntity.pk({ eventId: '01JAAAAAAAAAAAAAAAAAAAAAAA' }) },
      sk: { S: auditEventEntity.sk({}) },
      objectKey: { S: 'tender#1' },
      actorKey: { S: 'u' },
      eventId: { S: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
      at: { S: '2026-01-01T00:00:00.000Z' },
      actor: { M: { sub: { S: 'u' }, role: { S: 'admin' } } },
      action: { S: 'tender.published' },
      object: { M: { type: { S: 'tender' }, id: { S: '1' } } },
      // What the streams SDK client makes of {"M":{}}: the empty map must stay a map, not vanish.
      change: { M: { lots: { L: [{}] }, empty: {}, list: { L: [] } } },
      changeHash: { S: '00' },
    };
    const event = eventFromImage(image as never);
    expect(event).toEqual({
      eventId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      at: '2026-01-01T00:00:00.000Z',
      actor: { sub: 'u', role: 'admin' },
      action: 'tender.published',
      object: { type: 'tender', id: '1' },
      change: { lots: [{}], empty: {}, list: [] },
      changeHash: '00',
    });
  });
});
