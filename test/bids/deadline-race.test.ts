// Commits racing the deadline, with the server's clock injected: the commit handler runs in this
// process, each call with its own time (AsyncLocalStorage behind setClock), all at once. A commit
// is accepted if and only if its server time is before the deadline; every accepted one has its
// stored version, pointer and audit event, exactly once, and a duplicate sent with it changes
// nothing. fast-check picks the times, the duplicates and the number of bidders.
import { AsyncLocalStorage } from 'node:async_hooks';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/bid-commit/handler.ts';
import { db } from '../../shared/db/client.ts';
import { bidVersionEntity, currentBidEntity } from '../../shared/entities/bids.ts';
import { tenderEntity } from '../../shared/entities/tenders.ts';
import { setClock } from '../../shared/runtime/clock.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';
import {
  type Bidder,
  bidAuditTrail,
  bidder,
  bidItems,
  refOf,
  seal,
  signFor,
  submit,
  upload,
} from './fixtures.ts';

const maxBidders = 12;
let cloud: TestCloud;
let entity: Entity;
let bidders: Bidder[];
const serverTime = new AsyncLocalStorage<number>();
let restoreClock: () => void;

beforeAll(async () => {
  cloud = await startTestCloud();
  entity = await procuringEntity(cloud);
  bidders = await Promise.all(Array.from({ length: maxBidders }, () => bidder(cloud)));
  restoreClock = setClock(() => serverTime.getStore() ?? Date.now());
}, 120_000);
afterAll(async () => {
  restoreClock?.();
  await cloud?.stop();
});

const context = {
  functionName: 'bidCommit',
  awsRequestId: 'race',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

/** The event API Gateway would hand the function for an authenticated contractor. */
function commitEvent(
  who: Bidder,
  tenderId: string,
  lotId: string,
  body: unknown,
  key: string,
): APIGatewayProxyEventV2 {
  const path = `/tenders/${tenderId}/lots/${lotId}/bids`;
  return {
    version: '2.0',
    routeKey: 'POST /tenders/{tenderId}/lots/{lotId}/bids',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    pathParameters: { tenderId, lotId },
    requestContext: {
      http: { method: 'POST', path },
      authorizer: { jwt: { claims: { sub: who.sub, 'cognito:groups': '[contractor]' }, scopes: [] } },
    } as unknown as APIGatewayProxyEventV2['requestContext'],
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

async function commitAt(timeMs: number, event: APIGatewayProxyEventV2) {
  const result = (await serverTime.run(timeMs, () => handler(event, context))) as {
    statusCode: number;
    body: string;
  };
  return { status: result.statusCode, body: JSON.parse(result.body) };
}

const attempt = fc.record({
  /** Milliseconds from the deadline; the edges (-1, 0, +1) come up often. */
  offset: fc.oneof(fc.integer({ min: -3_000, max: 3_000 }), fc.constantFrom(-1, 0, 1)),
  duplicated: fc.boolean(),
});

/** Runs `between` once, right before the next transaction reaches DynamoDB (as a racing writer would). */
function justBeforeTheNextTransaction(between: () => Promise<unknown>) {
  let armed = true;
  db.middlewareStack.add(
    (next) => async (args) => {
      if (armed && (args.input as { TransactItems?: unknown }).TransactItems) {
        armed = false;
        await between();
      }
      return next(args);
    },
    { step: 'initialize', name: 'raceInjector' },
  );
  return () => db.middlewareStack.remove('raceInjector');
}

const setTender = (tenderId: string, field: string, value: string) =>
  db.send(
    new UpdateCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: tenderEntity.key({ tenderId }),
      UpdateExpression: 'SET #f = :v',
      ExpressionAttributeNames: { '#f': field },
      ExpressionAttributeValues: { ':v': value },
    }),
  );

describe('a bid write racing the opening', () => {
  it('is refused when the tender closes or its deadline moves between the checks and the write', async () => {
    for (const change of [
      (t: any) => setTender(t.tenderId, 'status', 'closed'),
      (t: any) =>
        setTender(
          t.tenderId,
          'submissionDeadline',
          new Date(Date.parse(t.submissionDeadline) - 60_000).toISOString(),
        ),
    ]) {
      const tender = await publishedTender(cloud, entity);
      const lotId = tender.lots[0].lotId;
      const deadline = Date.parse(tender.submissionDeadline);
      const who = bidders[0]!;
      const envelope = await seal(
        tender,
        { tenderId: tender.tenderId, lotId, contractorId: who.contractorId },
        { total: 1 },
      );
      const uploadId = await upload(cloud, who, tender.tenderId, lotId, envelope);
      const body = {
        uploadId,
        envelopeSha256: envelope.sha256,
        signature: await signFor(who, tender.tenderId, lotId, envelope.sha256),
        signingKeyId: who.key.keyId,
      };
      const release = justBeforeTheNextTransaction(() => change(tender));
      try {
        const refused = await commitAt(
          deadline - 30_000,
          commitEvent(who, tender.tenderId, lotId, body, crypto.randomUUID()),
        );
        expect([refused.status, refused.body.code]).toEqual([409, 'DEADLINE_PASSED']);
      } finally {
        release();
      }
      expect(await bidItems(tender.tenderId)).toEqual([]);
      expect((await bidAuditTrail(tender.tenderId)).filter((e) => e.action.startsWith('bid.'))).toEqual([]);
    }
  });

  it('leaves an active bid active when its withdrawal loses to the opening', async () => {
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId;
    const who = bidders[1]!;
    const { response } = await submit(cloud, who, tender, lotId, { total: 2 });
    expect(response.status).toBe(201);
    const bidId = response.body.bid.bidId;
    const path = `/tenders/${tender.tenderId}/lots/${lotId}/bids/${bidId}`;
    const release = justBeforeTheNextTransaction(() => setTender(tender.tenderId, 'status', 'closed'));
    try {
      const event = {
        ...commitEvent(who, tender.tenderId, lotId, {}, 'unused'),
        routeKey: 'DELETE /tenders/{tenderId}/lots/{lotId}/bids/{bidId}',
        rawPath: path,
        pathParameters: { tenderId: tender.tenderId, lotId, bidId },
        body: undefined,
      } as APIGatewayProxyEventV2;
      const refused = await commitAt(Date.parse(tender.submissionDeadline) - 30_000, event);
      expect([refused.status, refused.body.code]).toEqual([409, 'DEADLINE_PASSED']);
    } finally {
      release();
    }
    const version = (await bidItems(tender.tenderId)).find((i) => i.bidId === bidId);
    expect(version).toMatchObject({ status: 'active' });
    expect(version?.withdrawalSeal).toBeUndefined();
  });
});

describe('commits racing the deadline', () => {
  it('are accepted exactly when their server time is before the deadline, none lost, none twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: maxBidders }), async (attempts) => {
        const tender = await publishedTender(cloud, entity);
        const lotId = tender.lots[0].lotId;
        const deadline = Date.parse(tender.submissionDeadline);
        const prepared = await Promise.all(
          attempts.map(async (a, i) => {
            const who = bidders[i]!;
            const envelope = await seal(
              tender,
              { tenderId: tender.tenderId, lotId, contractorId: who.contractorId },
              { total: i },
            );
            const uploadId = await upload(cloud, who, tender.tenderId, lotId, envelope);
            const body = {
              uploadId,
              envelopeSha256: envelope.sha256,
              signature: await signFor(who, tender.tenderId, lotId, envelope.sha256),
              signingKeyId: who.key.keyId,
            };
            return { ...a, who, event: commitEvent(who, tender.tenderId, lotId, body, crypto.randomUUID()) };
          }),
        );

        // Everything at once: each commit (and its duplicate, same key, same time) in flight together.
        const answers = await Promise.all(
          prepared.map(async (p) => {
            const at = deadline + p.offset;
            const sent = await Promise.all([
              commitAt(at, p.event),
              ...(p.duplicated ? [commitAt(at, p.event)] : []),
            ]);
            // A client whose duplicate lost the race retries with the same key and gets the receipt.
            const retried = sent.some((s) => s.body.code === 'CONCURRENT_SUBMISSION')
              ? [await commitAt(at, p.event)]
              : [];
            return { ...p, at, answers: [...sent, ...retried] };
          }),
        );

        const items = await bidItems(tender.tenderId);
        const events = (await bidAuditTrail(tender.tenderId)).filter((e) => e.action.startsWith('bid.'));
        let accepted = 0;
        for (const a of answers) {
          const ref = await refOf(a.who, tender.tenderId);
          const mine = items.filter((i) => i.bidderRef === ref);
          const myEvents = events.filter((e) => e.change.bidderRef === ref);
          const receipts = a.answers.filter((r) => r.status === 201).map((r) => r.body.receipt);
          if (a.at < deadline) {
            accepted++;
            expect(receipts.length).toBeGreaterThan(0);
            for (const r of receipts) expect(r).toEqual(receipts[0]);
            for (const r of a.answers) expect([201, 409]).toContain(r.status);
            const receipt = receipts[0];
            expect(receipt.receivedAt).toBe(new Date(a.at).toISOString());
            expect(mine.map((i) => i.sk).sort()).toEqual([
              bidVersionEntity.sk({ lotId, bidderRef: ref, version: 1 }),
              currentBidEntity.sk({ lotId, bidderRef: ref }),
            ]);
            expect(mine.find((i) => i.sk.startsWith(bidVersionEntity.skPrefix({})))).toMatchObject({
              bidId: receipt.bidId,
              status: 'active',
              receivedAt: receipt.receivedAt,
              auditEventId: receipt.eventId,
            });
            expect(myEvents.map((e) => [e.eventId, e.action, e.at])).toEqual([
              [receipt.eventId, 'bid.submitted', receipt.receivedAt],
            ]);
          } else {
            expect(receipts).toEqual([]);
            for (const r of a.answers) expect([r.status, r.body.code]).toEqual([409, 'DEADLINE_PASSED']);
            expect(mine).toEqual([]);
            expect(myEvents).toEqual([]);
          }
        }
        expect(items.filter((i) => i.sk.startsWith(bidVersionEntity.skPrefix({})))).toHaveLength(accepted);
        expect(events).toHaveLength(accepted);
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
