// An opening cut short at any point, then delivered twice at once, ends in one set of minutes; an
// opener that arrives early reads ahead but opens what is current at the deadline. This cloud runs
// every function but the opener, so that the interruptions are the test's own: the opener's code
// runs here, with hooks that crash it where a real failure could.
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { handler as opener } from '../../functions/opener/handler.ts';
import { db } from '../../shared/db/client.ts';
import { minutesEntity } from '../../shared/entities/tenders.ts';
import { minutesObjectKey } from '../../shared/opening/minutes-store.ts';
import { handleOpeningMessage } from '../../shared/opening/open-tender.ts';
import { s3 } from '../../shared/storage/s3.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';
import {
  bidder,
  passDeadline,
  priceForm,
  startOwnCloud,
  storedMeta,
  submitBid,
  tenderEvents,
  withdrawBid,
} from './support.ts';

let cloud: TestCloud;
let entity: Entity;

beforeAll(async () => {
  const { opener: _opener, ...withoutOpener } = functionSpecs;
  cloud = await startOwnCloud({ SCHEDULE_INTERVAL_MS: '3600000' }, withoutOpener);
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

const minutesVersions = async (tenderId: string) =>
  (
    await s3.send(
      new ListObjectVersionsCommand({
        Bucket: process.env.BUCKET_LOG,
        Prefix: minutesObjectKey(tenderId, 'single'),
      }),
    )
  ).Versions ?? [];

const minutesItem = async (tenderId: string) =>
  (
    await db.send(
      new GetCommand({
        TableName: process.env.TABLE_TENDERS,
        Key: minutesEntity.key({ tenderId, phase: 'single' }),
        ConsistentRead: true,
      }),
    )
  ).Item;

class Crash extends Error {}

const sqsEvent = (bodies: unknown[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1' } as SQSEvent['Records'][number]['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:opening',
    awsRegion: 'ap-southeast-1',
  })),
});

describe('a crashed, then duplicated opening', () => {
  it('resumes to one set of minutes', async () => {
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId as string;
    const bids = [];
    for (const price of [1_100_000_000, 1_200_000_000, 1_300_000_000, 1_400_000_000]) {
      bids.push(
        await submitBid({ tenderId: tender.tenderId, lotId, bidder: await bidder(), form: priceForm(price) }),
      );
    }
    await passDeadline(cloud, tender, 50);
    const timer = {
      kind: 'timer',
      tenderId: tender.tenderId,
      due: tender.submissionDeadline,
      version: tender.version,
    } as const;

    // 1. The opener dies after decrypting two of four bids: the tender is closed, nothing published.
    await expect(
      handleOpeningMessage(timer, {
        hooks: {
          afterBid: (n) => {
            if (n === 2) throw new Crash('killed after two bids');
          },
        },
      }),
    ).rejects.toBeInstanceOf(Crash);
    expect((await storedMeta(tender.tenderId)).status).toBe('closed');
    expect(await minutesVersions(tender.tenderId)).toHaveLength(0);
    expect(await minutesItem(tender.tenderId)).toBeUndefined();

    // 2. The next attempt dies after storing the minutes, before recording the opening.
    await expect(
      handleOpeningMessage(timer, {
        hooks: {
          beforeCommit: () => {
            throw new Crash('killed before commit');
          },
        },
      }),
    ).rejects.toBeInstanceOf(Crash);
    expect((await storedMeta(tender.tenderId)).status).toBe('closed');
    const [stored] = await minutesVersions(tender.tenderId);
    expect(stored).toBeDefined();

    // 3. Redelivered twice in one batch, and once more alongside: three openers at once.
    const context = { functionName: 'opener', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
    const [batch] = await Promise.all([
      opener(sqsEvent([timer, timer]), context),
      handleOpeningMessage(timer),
    ]);
    expect(batch.batchItemFailures).toEqual([]);

    const versions = await minutesVersions(tender.tenderId);
    expect(versions).toHaveLength(1);
    expect(versions[0]?.VersionId).toBe(stored?.VersionId);
    const meta = await storedMeta(tender.tenderId);
    expect(['opened', 'evaluating']).toContain(meta.status);
    const item = await minutesItem(tender.tenderId);
    expect(item).toMatchObject({
      objectKey: minutesObjectKey(tender.tenderId, 'single'),
      validBids: 4,
      invalidBids: 0,
    });
    const opened = await tenderEvents(tender.tenderId, 'tender.opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.change.minutes.sha256).toBe(item?.sha256);
    expect(await tenderEvents(tender.tenderId, 'tender.closed')).toHaveLength(1);

    const { items } = (await cloud.call('GET', `/tenders/${tender.tenderId}/minutes`)).body;
    expect(items).toHaveLength(1);
    expect(items[0].sha256).toBe(item?.sha256);
    expect(items[0].document.minutes.bids.map((b: any) => b.bidId).sort()).toEqual(
      bids.map((b) => b.bidId).sort(),
    );
  }, 120_000);
});

describe('an opener that arrives before the deadline', () => {
  it('reads envelopes while it waits for the deadline, and opens the bids current at the deadline', async () => {
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId as string;
    const [replaced, withdrawn, late] = [await bidder(), await bidder(), await bidder()];
    await submitBid({ tenderId: tender.tenderId, lotId, bidder: replaced, form: priceForm(1_500_000_000) });
    await submitBid({ tenderId: tender.tenderId, lotId, bidder: withdrawn, form: priceForm(1_400_000_000) });
    const timer = {
      kind: 'timer',
      tenderId: tender.tenderId,
      due: tender.submissionDeadline,
      version: tender.version,
    } as const;
    // The timer arrives within the prefetch lead (the clock 19 s before the deadline, of the 20 s
    // lead): the opener reads the two envelopes, then waits for the clock to pass the deadline.
    const deadline = Date.parse(tender.submissionDeadline);
    await cloud.clock.set(new Date(deadline - 19_000).toISOString());
    let readAhead: (reads: number) => void = () => {};
    const warmed = new Promise<number>((resolve) => {
      readAhead = resolve;
    });
    const opening = handleOpeningMessage(timer, {
      hooks: {
        warmedUp: async (warm) => {
          await Promise.all(warm.reads.values());
          readAhead(warm.reads.size);
        },
      },
    });
    expect(await warmed).toBe(2);
    expect((await storedMeta(tender.tenderId)).status).toBe('published');
    const current = await submitBid({
      tenderId: tender.tenderId,
      lotId,
      bidder: replaced,
      form: priceForm(1_450_000_000),
    });
    await withdrawBid(tender.tenderId, lotId, withdrawn);
    const added = await submitBid({
      tenderId: tender.tenderId,
      lotId,
      bidder: late,
      form: priceForm(1_300_000_000),
    });
    expect((await storedMeta(tender.tenderId)).status).toBe('published');

    await passDeadline(cloud, tender);
    const result = await opening;
    expect(result.opening?.status).toBe('opened');
    const minutes = (result.opening as { stored: { document: { minutes: any } } }).stored.document.minutes;
    expect(Date.parse(minutes.openedAt)).toBeGreaterThanOrEqual(Date.parse(tender.submissionDeadline));
    expect(minutes.bids.map((b: any) => [b.bidId, b.price.amount]).sort()).toEqual(
      [
        [current.bidId, '1450000000'],
        [added.bidId, '1300000000'],
      ].sort(),
    );
    expect(minutes.invalidBids).toEqual([]);
  }, 120_000);
});
