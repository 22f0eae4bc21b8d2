// The bucket is the record: a private log, with a sequencer that crashed before its upload, is
// checkpointed, rebuilt from its bucket alone into an empty table (same root, same proofs), and a
// bucket whose entries were rewritten after signing is refused.
import { generateKeyPairSync } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  checkpointNow,
  eventLocation,
  integrate,
  latestCheckpoint,
  publishCheckpoint,
  readHead,
  rebuildLogState,
  TileHashes,
} from '../../shared/audit-log/index.ts';
import { UNFLUSHED_PK } from '../../shared/audit-log/log-keys.ts';
import { settings } from '../../shared/config/settings.ts';
import { db } from '../../shared/db/client.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { ecdsaP256Signer, ecdsaP256Verifier, openCheckpoint, toBase64 } from '../../shared/tlog/index.ts';
import { createLogTable, syntheticEvents, tempLog } from './temp-log.ts';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = ecdsaP256Signer(settings.LOG_ORIGIN, privateKey);
const origin = settings.LOG_ORIGIN;

describe('checkpoints and rebuild from the bucket', () => {
  it('finishes a crashed upload before signing, and rebuilds the same root and proofs from the bucket', async () => {
    const log = await tempLog('rebuild');
    const events = syntheticEvents(700);
    await integrate(log, events.slice(0, 400));
    // A sequencer that commits but dies before its upload (here: its bucket write fails).
    await integrate({ table: log.table, bucket: 'eproc-test-no-such-bucket' }, events.slice(400, 520));
    const pending = await db.send(
      new QueryCommand({
        TableName: log.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': UNFLUSHED_PK },
      }),
    );
    expect(pending.Items?.length).toBeGreaterThan(0);

    // Two checkpointers at once agree on one note for the size (ECDSA signatures differ per signing).
    const [first, rival] = await Promise.all([
      publishCheckpoint({ location: log, signer }),
      publishCheckpoint({ location: log, signer }),
    ]);
    expect([first.published, rival.published].filter(Boolean)).toHaveLength(1);
    expect(rival.checkpoint?.note).toBe(first.checkpoint?.note);
    expect(first.checkpoint?.size).toBe(520);
    // Nothing new: the same checkpoint comes back, unsigned again.
    const again = await publishCheckpoint({ location: log, signer });
    expect(again.published).toBe(false);
    expect(again.checkpoint?.note).toBe(first.checkpoint?.note);
    // The opening calls checkpointNow with the tender's events, some not yet integrated.
    const opening = await checkpointNow({ location: log, signer, include: events.slice(500, 700) });
    expect(opening.checkpoint.size).toBe(700);
    expect(opening.entries.every((e) => e.seq < 700)).toBe(true);
    expect(opening.entries.find((e) => e.eventId === events[650]?.eventId)?.seq).toBeGreaterThanOrEqual(520);
    const { checkpoint } = openCheckpoint(opening.checkpoint.note, ecdsaP256Verifier(origin, publicKey));
    expect(checkpoint.size).toBe(700);

    const liveHead = await readHead(log.table);
    const target = { table: `${log.table}-rebuilt`, bucket: log.bucket };
    await createLogTable(target.table);
    const rebuilt = await rebuildLogState(target, { publicKey, origin });
    expect(rebuilt).toMatchObject({
      size: 700,
      rootHash: toBase64(liveHead.rootHash),
      checkpoints: 2,
      latestCheckpoint: { size: 700, rootHash: opening.checkpoint.rootHash },
      ignoredObjects: [],
    });
    const rebuiltHead = await readHead(target.table);
    expect(toBase64(rebuiltHead.rootHash)).toBe(toBase64(liveHead.rootHash));
    const [live, again2] = [new TileHashes(log, liveHead), new TileHashes(target, rebuiltHead)];
    for (const [index, size] of [
      [0, 700],
      [519, 520],
      [699, 700],
      [300, 513],
    ] as const) {
      expect((await again2.inclusionProof(index, size)).map(toBase64)).toEqual(
        (await live.inclusionProof(index, size)).map(toBase64),
      );
    }
    expect(await eventLocation(target, events[42]?.eventId as string)).toEqual(
      await eventLocation(log, events[42]?.eventId as string),
    );
    expect((await latestCheckpoint(target))?.note).toBe(opening.checkpoint.note);
    // A rebuild never writes over an existing log.
    await expect(rebuildLogState(target, { publicKey, origin })).rejects.toThrow(/already holds a log head/);
  });

  it('refuses a bucket whose entries no longer hash to what was signed', async () => {
    const log = await tempLog('tamper');
    await integrate(log, syntheticEvents(50));
    await publishCheckpoint({ location: log, signer });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: log.bucket, Prefix: 'entries/' }));
    const key = listed.Contents?.[0]?.Key as string;
    const original = await (
      await s3.send(new GetObjectCommand({ Bucket: log.bucket, Key: key }))
    ).Body?.transformToString();
    // Object Lock keeps the original version, but a new version can still be added by someone
    // with PutObject: the rebuild must notice, not trust the bucket.
    await s3.send(
      new PutObjectCommand({
        Bucket: log.bucket,
        Key: key,
        Body: (original as string).replace('Gói thầu số 7', 'Gói thầu số 8'),
      }),
    );
    const target = { table: `${log.table}-rebuilt`, bucket: log.bucket };
    await createLogTable(target.table);
    await expect(rebuildLogState(target, { publicKey, origin })).rejects.toThrow(
      /do not hash to the root signed/,
    );
    // And a checkpoint under another key is not accepted either.
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const clean = await tempLog('otherkey');
    await integrate(clean, syntheticEvents(5));
    await publishCheckpoint({ location: clean, signer });
    const target2 = { table: `${clean.table}-rebuilt`, bucket: clean.bucket };
    await createLogTable(target2.table);
    await expect(rebuildLogState(target2, { publicKey: other, origin })).rejects.toThrow();
  });
});
