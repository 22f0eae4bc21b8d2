// The system under a high rate of injected AWS faults (infra/local/faults/) on the submission,
// opening and audit-log functions: a handful of bidders, retrying as a real client does, see only
// successes or retryable answers (503 with Retry-After and a code, never a 500), and every bid
// that got a receipt is stored once and opened exactly once.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FaultTally, tallyFaults } from '../../infra/local/faults/fault-tally.ts';
import { db } from '../../shared/db/client.ts';
import { bidVersionEntity } from '../../shared/entities/bids.ts';
import { retryAfterMs, retryableStatuses } from '../../shared/http/client-retry.ts';
import { bidder, seal, signFor, upload } from '../bids/fixtures.ts';
import { passDeadline, priceForm, startOwnCloud, until } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { procuringEntity, publishedTender } from '../tenders/fixtures.ts';

const faulted = ['bidUploads', 'bidCommit', 'opener', 'openingSafetyNet', 'sequencer', 'checkpointer'];
let cloud: TestCloud;
let tally: FaultTally;
const answers: { status: number; code?: string; retryAfter: string | null }[] = [];

beforeAll(async () => {
  tally = tallyFaults();
  const raw = await startOwnCloud({
    LOCAL_FAULT_RATE: '0.3',
    LOCAL_FAULT_SEED: '7',
    LOCAL_FAULT_FUNCTIONS: faulted.join(','),
    QUEUE_RETRY_BASE_SECONDS: '0',
  });
  // A client that retries "not now" answers after their Retry-After (scaled down: this is a
  // local cloud), the same request with the same headers, Idempotency-Key included.
  cloud = {
    ...raw,
    async call(method, path, options) {
      for (let attempt = 1; ; attempt++) {
        const r = await raw.call(method, path, options);
        answers.push({ status: r.status, code: r.body?.code, retryAfter: r.headers.get('retry-after') });
        if (!retryableStatuses.has(r.status) || attempt >= 20) return r;
        await new Promise((done) => setTimeout(done, retryAfterMs(r.headers.get('retry-after'), 1000) / 10));
      }
    },
  };
}, 180_000);
afterAll(async () => {
  tally?.close();
  await cloud?.stop();
});

it('loses, duplicates and fails no bid under 30 % injected faults', async () => {
  const entity = await procuringEntity(cloud);
  const people = await Promise.all(Array.from({ length: 4 }, () => bidder(cloud)));
  const tender = await publishedTender(cloud, entity);
  const lotId = tender.lots[0].lotId as string;
  const receipts = await Promise.all(
    people.map(async (who, i) => {
      const binding = { tenderId: tender.tenderId, lotId, contractorId: who.contractorId };
      const envelope = await seal(tender, binding, priceForm(1_500_000_000 + i));
      const uploadId = await upload(cloud, who, tender.tenderId, lotId, envelope);
      const key = crypto.randomUUID();
      const body = {
        uploadId,
        envelopeSha256: envelope.sha256,
        signingKeyId: who.key.keyId,
        signature: await signFor(who, tender.tenderId, lotId, envelope.sha256),
      };
      const path = `/tenders/${tender.tenderId}/lots/${lotId}/bids`;
      const first = await cloud.call('POST', path, {
        token: who.token,
        headers: { 'idempotency-key': key },
        body,
      });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      // The client never saw some answers: sending the same request again returns the same receipt.
      const again = await cloud.call('POST', path, {
        token: who.token,
        headers: { 'idempotency-key': key },
        body,
      });
      expect(again.body.receipt).toEqual(first.body.receipt);
      return first.body.receipt;
    }),
  );

  // The deadline passes (the clock moves past it: the safety net sets the timer, the opener opens);
  // every receipt was received before it.
  await passDeadline(cloud, tender);
  const lastReceived = Math.max(...receipts.map((r) => Date.parse(r.receivedAt)));
  expect(lastReceived).toBeLessThan(Date.parse(tender.submissionDeadline));
  // Generous: under 30 % faults on a busy 2-core machine the opening may take several retries.
  const minutes = await until(
    () => cloud.call('GET', `/tenders/${tender.tenderId}/minutes`),
    (r) => r.status === 200,
    180_000,
  );
  expect(minutes.status, JSON.stringify(minutes.body)).toBe(200);
  const { items } = minutes.body as { items: any[] };
  expect(items).toHaveLength(1);
  const opened = items[0].document.minutes.bids.map((b: any) => b.bidId).sort();
  // On failure, say what became of the missing bids (an invalid verdict names its reason).
  const verdicts = JSON.stringify(items[0].document.minutes.invalidBids ?? []);
  expect(opened, `invalid: ${verdicts}`).toEqual(receipts.map((r) => r.bidId).sort());
  expect(items[0].document.minutes.invalidBids).toEqual([]);
  // One stored version per receipt, no more.
  const stored = await db.send(
    new QueryCommand({
      TableName: process.env.TABLE_BIDS,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bid)',
      ExpressionAttributeValues: {
        ':pk': bidVersionEntity.pk({ tenderId: tender.tenderId }),
        ':bid': bidVersionEntity.skPrefix({}),
      },
      ConsistentRead: true,
    }),
  );
  expect(stored.Items?.length).toBe(receipts.length);

  // Faults were injected, and no answer was a 5xx other than a retryable 503 with its code.
  expect(Object.values(tally.totals()).reduce((a, b) => a + (b ?? 0), 0)).toBeGreaterThan(0);
  const failures = answers.filter((a) => a.status >= 500 && a.status !== 503);
  expect(failures).toEqual([]);
  for (const a of answers.filter((x) => retryableStatuses.has(x.status))) {
    expect(a.retryAfter).toMatch(/^\d+$/);
    expect(['SERVICE_BUSY', 'TRY_AGAIN', 'INTEGRATION_TIMEOUT']).toContain(a.code);
  }
}, 400_000);
