// A published minutes record whose object is gone from the log bucket (a delete marker in front
// of it: lost storage, an operator's mistake) is a 503 STORED_OBJECT_MISSING with Retry-After and
// an error log line an alarm can match; the response never names the object key. A tender not
// opened yet keeps its 404.
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../shared/db/client.ts';
import { minutesItemKey, minutesObjectKey } from '../../shared/opening/minutes-store.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
}, 120_000);
afterAll(() => cloud?.stop());

// The functions' log lines reach this process's stdout and stderr (errors) from their worker threads.
const logged: string[] = [];
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    logged.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
afterEach(() => {
  logged.length = 0;
});

/** A published tender with a minutes record whose object was written and then deleted. */
async function tenderWithLostMinutes() {
  const tender = await publishedTender(cloud, entity);
  const objectKey = minutesObjectKey(tender.tenderId, 'single');
  const bucket = process.env.BUCKET_LOG as string;
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: '{}', ContentType: 'application/json' }),
  );
  await db.send(
    new PutCommand({
      TableName: process.env.TABLE_TENDERS,
      Item: {
        ...minutesItemKey(tender.tenderId, 'single'),
        tenderId: tender.tenderId,
        phase: 'single',
        objectKey,
        sha256: '0'.repeat(64),
        publishedAt: new Date().toISOString(),
        outcome: 'opened',
        validBids: 0,
        invalidBids: 0,
      },
    }),
  );
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey }));
  return { tenderId: tender.tenderId, objectKey };
}

async function until(probe: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return probe();
}

function expectMissing(response: { status: number; headers: Headers; body: any }, objectKey: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(response.body.code).toBe('STORED_OBJECT_MISSING');
  expect(JSON.stringify(response.body)).not.toContain(objectKey);
  expect(JSON.stringify(response.body)).not.toContain('minutes/');
}

describe('a minutes object missing behind its published record', () => {
  it('is a 503 STORED_OBJECT_MISSING on the minutes route, logged for the alarm', async () => {
    const { tenderId, objectKey } = await tenderWithLostMinutes();
    expectMissing(await cloud.call('GET', `/tenders/${tenderId}/minutes`), objectKey);
    const alarmed = () =>
      logged.some((line) => line.includes('"alarm":"STORED_OBJECT_MISSING"') && line.includes(objectKey));
    expect(await until(alarmed)).toBe(true);
    const line = JSON.parse(
      logged.flatMap((chunk) => chunk.split('\n')).find((l) => l.includes(objectKey)) as string,
    );
    expect(line).toMatchObject({ level: 'ERROR', alarm: 'STORED_OBJECT_MISSING', objectKey });
  });

  it('is a 503 on the OCDS releases that read the minutes too', async () => {
    const { tenderId, objectKey } = await tenderWithLostMinutes();
    expectMissing(await cloud.call('GET', `/ocds/tenders/${tenderId}/releases`), objectKey);
  });

  it('keeps the 404 of a tender that has not been opened yet', async () => {
    const tender = await publishedTender(cloud, entity);
    const response = await cloud.call('GET', `/tenders/${tender.tenderId}/minutes`);
    expect([response.status, response.body.code]).toEqual([404, 'NOT_FOUND']);
  });
});
