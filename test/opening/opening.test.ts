// Bid opening end to end through the local runtime: opening timers on SQS, the opener, the safety
// net, the minutes. Deadlines are weeks away and the tests move the clock past them; every wait is
// for a state the system must reach.
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bidKeys } from '../../shared/bids/bid-records.ts';
import { settings } from '../../shared/config/settings.ts';
import { db } from '../../shared/db/client.ts';
import { minutesEntity } from '../../shared/entities/tenders.ts';
import { verifyMinutes } from '../../shared/opening/minutes.ts';
import { minutesObjectKey } from '../../shared/opening/minutes-store.ts';
import { handleOpeningMessage } from '../../shared/opening/open-tender.ts';
import { sweepOverdueOpenings } from '../../shared/opening/safety-net.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { s3 } from '../../shared/storage/s3.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import {
  dayMs,
  type Entity,
  fromNow,
  ifMatch,
  procuringEntity,
  publishedTender,
} from '../tenders/fixtures.ts';
import {
  type Bidder,
  bidder,
  logPublicKey,
  passDeadline,
  priceForm,
  publicMinutes,
  startOwnCloud,
  storedMeta,
  submitBid,
  tenderEvents,
  textDocument,
  until,
  withdrawBid,
} from './support.ts';

let cloud: TestCloud;
let entity: Entity;
const sqs = new SQSClient({});

beforeAll(async () => {
  cloud = await startOwnCloud({ QUEUE_RETRY_BASE_SECONDS: '0' });
  entity = await procuringEntity(cloud);
});
afterAll(() => cloud?.stop());

/** A published tender whose deadline is `days` away by the (movable) clock. */
async function tenderClosingIn(days: number, overrides: Record<string, unknown> = {}) {
  return publishedTender(cloud, entity, {
    submissionDeadline: fromNow(days * dayMs),
    questionsDeadline: fromNow((days - 1) * dayMs),
    ...overrides,
  });
}

describe('opening at the deadline', { timeout: 60_000 }, () => {
  it('opens by itself and the minutes list exactly the current, valid bids', async () => {
    const tender = await tenderClosingIn(30, { minBids: 2 });
    const [lot1, lot2] = tender.lots.map((l: any) => l.lotId) as [string, string];
    const [replaced, withdrawn, plain, tampered, forged, twoLots, impostor] = (await Promise.all(
      ['Sông Hồng', 'Hà Thành', 'Thăng Long', 'Bạch Đằng', 'Hồng Hà', 'Tây Hồ', 'Giả Danh'].map((n) =>
        bidder(`Công ty ${n}`),
      ),
    )) as [Bidder, Bidder, Bidder, Bidder, Bidder, Bidder, Bidder];
    const base = { tenderId: tender.tenderId, lotId: lot1 };
    // Replaced: only version 2 counts.
    await submitBid({ ...base, bidder: replaced, form: priceForm(1_900_000_000) });
    const current = await submitBid({
      ...base,
      bidder: replaced,
      form: priceForm(1_850_000_000, { discount: { kind: 'percent', basisPoints: 150 } }),
      documents: [
        textDocument('ho-so-ky-thuat.pdf', 'technical proposal'),
        textDocument('bao-lanh.pdf', 'guarantee'),
      ],
    });
    await submitBid({ ...base, bidder: withdrawn, form: priceForm(1_700_000_000) });
    await withdrawBid(tender.tenderId, lot1, withdrawn);
    const plainBid = await submitBid({ ...base, bidder: plain, form: priceForm('1950000000' as never) });
    const tamperedBid = await submitBid({
      ...base,
      bidder: tampered,
      form: priceForm(1_600_000_000),
      tamper: true,
    });
    const forgedBid = await submitBid({
      ...base,
      bidder: forged,
      form: priceForm(1_650_000_000),
      forgeSignature: true,
    });
    const lot2Bid = await submitBid({
      tenderId: tender.tenderId,
      lotId: lot2,
      bidder: twoLots,
      form: priceForm(480_000_000),
    });
    // An insider copies another bid's sealed identity onto this one, to pass it off as theirs:
    // bound to its own bid, it does not open elsewhere.
    const movedBid = await submitBid({ ...base, bidder: impostor, form: priceForm(1_500_000_000) });
    await db.send(
      new UpdateCommand({
        TableName: process.env.TABLE_BIDS,
        Key: bidKeys.version(tender.tenderId, lot1, movedBid.bidderRef, 1),
        UpdateExpression: 'SET sealedIdentity = :copied',
        ExpressionAttributeValues: { ':copied': plainBid.sealedIdentity },
      }),
    );

    await passDeadline(cloud, tender);
    const { items } = await publicMinutes(cloud, tender.tenderId);
    expect(items).toHaveLength(1);
    const { document, sha256, phase } = items[0];
    const minutes = document.minutes;
    expect(phase).toBe('single');
    expect(Date.parse(minutes.openedAt)).toBeGreaterThanOrEqual(Date.parse(tender.submissionDeadline));
    expect(minutes.bids.map((b: any) => [b.contractorName, b.version, b.price?.amount]).sort()).toEqual(
      [
        ['Công ty Sông Hồng', 2, '1850000000'],
        ['Công ty Thăng Long', 1, '1950000000'],
        ['Công ty Tây Hồ', 1, '480000000'],
      ].sort(),
    );
    const replacedEntry = minutes.bids.find((b: any) => b.bidId === current.bidId);
    expect(replacedEntry).toMatchObject({
      lotId: lot1,
      discount: { kind: 'percent', basisPoints: 150 },
      bidSecurity: { amount: '30000000', issuer: 'Vietcombank' },
      validityDays: 120,
      envelopeSha256: current.envelopeSha256,
      documents: [
        { name: 'ho-so-ky-thuat.pdf', contentType: 'text/plain', size: 18 },
        { name: 'bao-lanh.pdf', contentType: 'text/plain', size: 9 },
      ],
    });
    expect(minutes.bids.map((b: any) => b.bidId)).toEqual(
      expect.arrayContaining([plainBid.bidId, lot2Bid.bidId]),
    );
    expect(Object.fromEntries(minutes.invalidBids.map((b: any) => [b.bidId, b.reason.code]))).toEqual({
      [tamperedBid.bidId]: 'HASH_MISMATCH',
      [forgedBid.bidId]: 'SIGNATURE_INVALID',
      [movedBid.bidId]: 'IDENTITY_UNREADABLE',
    });
    // The minutes reveal whose pseudonym was whose; a bid whose identity does not open names no one.
    expect(minutes.bids.find((b: any) => b.bidId === plainBid.bidId)).toMatchObject({
      bidderRef: plainBid.bidderRef,
      contractorId: plain.contractorId,
    });
    expect(minutes.invalidBids.find((b: any) => b.bidId === forgedBid.bidId)).toMatchObject({
      bidderRef: forgedBid.bidderRef,
      contractorId: forged.contractorId,
    });
    const moved = minutes.invalidBids.find((b: any) => b.bidId === movedBid.bidId);
    expect(moved.bidderRef).toBe(movedBid.bidderRef);
    expect(moved).not.toHaveProperty('contractorId');
    // Lot 2 has one valid bid against a minimum of two; lot 1 opens.
    expect(minutes.lots.map((l: any) => [l.lotId, l.validBids, l.invalidBids, l.outcome])).toEqual(
      [
        [lot1, 2, 3, 'opened'],
        [lot2, 1, 0, 'unsuccessful'],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    expect(minutes.outcome).toBe('opened');
    // Anchored in the audit log: a signed checkpoint (C2SP note) of the log at the opening.
    expect(minutes.auditCheckpoint).toMatchObject({ size: expect.any(Number), rootHash: expect.any(String) });
    expect(minutes.auditCheckpoint.size).toBeGreaterThan(0);
    expect(minutes.auditCheckpoint.note.split('\n')[0]).toBe(settings.LOG_ORIGIN);
    expect(Date.parse(minutes.auditCheckpoint.at)).toBeLessThanOrEqual(Date.parse(items[0].publishedAt));

    // Signed with the log key, stored once, and what the audit event recorded.
    expect(verifyMinutes(document, await logPublicKey())).toBe(true);
    expect(
      verifyMinutes(
        { ...document, minutes: { ...minutes, bids: minutes.bids.slice(1) } },
        await logPublicKey(),
      ),
    ).toBe(false);
    const versions = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: process.env.BUCKET_LOG,
        Prefix: minutesObjectKey(tender.tenderId, 'single'),
      }),
    );
    expect(versions.Versions).toHaveLength(1);
    const opened = await tenderEvents(tender.tenderId, 'tender.opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.change.minutes.sha256).toBe(sha256);
    expect(await tenderEvents(tender.tenderId, 'tender.closed')).toHaveLength(1);
    const meta = await storedMeta(tender.tenderId);
    expect(['opened', 'evaluating']).toContain(meta.status);
    expect(meta.openedAt).toBe(minutes.openedAt);
  });

  it('makes a tender with fewer valid bids than its minimum unsuccessful', async () => {
    const tender = await tenderClosingIn(30, {
      minBids: 2,
      lots: [{ title: 'Lô duy nhất', estimatedValue: 1_000_000_000, bidSecurityAmount: 10_000_000 }],
    });
    const only = await bidder();
    await submitBid({
      tenderId: tender.tenderId,
      lotId: tender.lots[0].lotId,
      bidder: only,
      form: priceForm(900_000_000),
    });
    await passDeadline(cloud, tender);
    const { items } = await publicMinutes(cloud, tender.tenderId);
    expect(items[0].document.minutes.outcome).toBe('unsuccessful');
    const meta = await until(
      () => storedMeta(tender.tenderId),
      (m) => m.status !== 'closed',
    );
    expect(meta).toMatchObject({
      status: 'unsuccessful',
      unsuccessfulReason: expect.stringContaining('minimum of 2'),
    });
    expect(await tenderEvents(tender.tenderId, 'tender.unsuccessful')).toHaveLength(1);
    const listed = await cloud.call('GET', `/tenders?status=unsuccessful&limit=100`);
    expect(listed.body.items.map((t: any) => t.tenderId)).toContain(tender.tenderId);
  });

  it('refuses to open before the deadline by the server clock', async () => {
    const tender = await tenderClosingIn(30);
    const timer = {
      kind: 'timer',
      tenderId: tender.tenderId,
      due: tender.submissionDeadline,
      version: tender.version,
    } as const;
    const early = await handleOpeningMessage(timer);
    expect(early.decision).toMatchObject({ action: 'wait' });
    expect((early.decision as { delaySeconds: number }).delaySeconds).toBeGreaterThan(60);
    // A forged timer claiming an earlier deadline is stale, not a reason to open.
    const forged = await handleOpeningMessage({
      ...timer,
      due: new Date(clock.nowMs() - 1000).toISOString(),
    });
    expect(forged.decision).toMatchObject({ action: 'drop' });
    expect(forged.opening).toBeUndefined();
    // The clock moved to a minute before the deadline: the safety net still leaves it be.
    await cloud.clock.set(new Date(Date.parse(tender.submissionDeadline) - 60_000).toISOString());
    expect((await sweepOverdueOpenings(clock.iso())).map((t) => t.tenderId)).not.toContain(tender.tenderId);
    expect((await handleOpeningMessage(timer)).decision).toMatchObject({ action: 'wait' });
    expect(await storedMeta(tender.tenderId)).toMatchObject({ status: 'published', version: tender.version });
    const minutesItem = await db.send(
      new GetCommand({
        TableName: process.env.TABLE_TENDERS,
        Key: minutesEntity.key({ tenderId: tender.tenderId, phase: 'single' }),
      }),
    );
    expect(minutesItem.Item).toBeUndefined();
    expect(await tenderEvents(tender.tenderId, 'tender.closed')).toHaveLength(0);
    expect((await cloud.call('GET', `/tenders/${tender.tenderId}/minutes`)).status).toBe(404);
  });

  it('leaves the timer of a changed deadline harmless', async () => {
    const tender = await tenderClosingIn(30);
    const bid = await submitBid({
      tenderId: tender.tenderId,
      lotId: tender.lots[0].lotId,
      bidder: await bidder(),
      form: priceForm(1_000_000_000),
    });
    // The amendment moves the deadline out by a day and sets a new timer; the first one is still
    // on the queue.
    const newDeadline = new Date(Date.parse(tender.submissionDeadline) + dayMs).toISOString();
    const amended = await cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(tender.version),
      body: { changes: { submissionDeadline: newDeadline }, note: 'Gia hạn' },
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    expect(amended.body.tender.deadlineVersion).toBe(amended.body.tender.version);
    // The old deadline passes, and its timer arrives: stale, it opens nothing.
    const firstTimer = {
      kind: 'timer',
      tenderId: tender.tenderId,
      due: tender.submissionDeadline,
      version: tender.version,
    } as const;
    await passDeadline(cloud, tender);
    const stale = await handleOpeningMessage(firstTimer);
    expect(stale.decision).toMatchObject({ action: 'drop' });
    expect(stale.opening).toBeUndefined();
    expect(await storedMeta(tender.tenderId)).toMatchObject({ status: 'published' });
    expect(await tenderEvents(tender.tenderId, 'tender.closed')).toHaveLength(0);

    await passDeadline(cloud, { submissionDeadline: newDeadline });
    // Arriving again after the opening, it changes nothing either.
    const { items } = await publicMinutes(cloud, tender.tenderId);
    const minutes = items[0].document.minutes;
    expect(minutes.submissionDeadline).toBe(newDeadline);
    expect(Date.parse(minutes.openedAt)).toBeGreaterThanOrEqual(Date.parse(newDeadline));
    expect(minutes.bids.map((b: any) => b.bidId)).toEqual([bid.bidId]);
    await handleOpeningMessage(firstTimer);
    expect(await tenderEvents(tender.tenderId, 'tender.opened')).toHaveLength(1);
    expect(await tenderEvents(tender.tenderId, 'tender.closed')).toHaveLength(1);
  });

  it('sends a message that can never be handled to the dead-letter queue', async () => {
    const marker = `poison-${crypto.randomUUID()}`;
    await sqs.send(
      new SendMessageCommand({ QueueUrl: process.env.QUEUE_OPENING_URL, MessageBody: `{${marker}` }),
    );
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: process.env.QUEUE_EVALUATION_URL,
        MessageBody: JSON.stringify({ kind: 'evaluate', tenderId: marker }),
      }),
    );
    const seen = new Set<string>();
    for (const queue of ['opening', 'evaluation']) {
      const dead = await until(
        async () => {
          const received = await sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: cloud.deadLetterQueues[queue],
              MaxNumberOfMessages: 10,
              WaitTimeSeconds: 1,
            }),
          );
          for (const m of received.Messages ?? []) if (m.Body?.includes(marker)) seen.add(queue);
          return seen.has(queue);
        },
        (found) => found,
        60_000,
      );
      expect(dead, queue).toBe(true);
    }
  }, 90_000);
});
