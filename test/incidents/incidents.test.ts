// A declared system incident, end to end on the local cloud: the incident worker (queue) finds the
// tenders closing in its window on the deadline index and extends each as a revision, with audit
// events, notifications and a fresh opening timer; a claimed opening is left to finish; declaring
// again changes nothing. The cloud runs every function but the opener, whose code runs here with
// the injected clock (the test moves time to the old and the new closing time instead of waiting).
// Deadlines are relative to the real now: the incident started an hour ago and was fixed now.
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { applyIncident } from '../../shared/incidents/extend-tender.ts';
import { getStoredIncident } from '../../shared/incidents/incident-store.ts';
import { extendedClosingTime } from '../../shared/incidents/outage-rule.ts';
import { handleOutageMessage } from '../../shared/incidents/outage-work.ts';
import { handleOpeningMessage } from '../../shared/opening/open-tender.ts';
import { timerFor } from '../../shared/opening/timers.ts';
import {
  bidder,
  moveStoredDeadline,
  outboxOf,
  priceForm,
  startOwnCloud,
  storedMeta,
  submitBid,
  tenderEvents,
  until,
} from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import {
  auditEventsOf,
  type Entity,
  procuringEntity,
  publishedTender,
  registeredContractor,
} from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let admin: string;

beforeAll(async () => {
  const { opener: _opener, openingSafetyNet: _net, ...withoutOpener } = functionSpecs;
  cloud = await startOwnCloud({}, withoutOpener);
  entity = await procuringEntity(cloud);
  admin = await cloud.token('admin-incidents', 'admin');
});
afterAll(() => cloud?.stop());

const hourMs = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
// Whole seconds, so that the edges below are exact instants.
const fixMs = Math.floor(Date.now() / 1000) * 1000;
const startMs = fixMs - hourMs;
const fixedAt = at(fixMs);
const startedAt = at(startMs);
const edgeMs = fixMs + 2 * hourMs;

type Published = Awaited<ReturnType<typeof publishedTender>> & {
  lots: [{ lotId: string }, ...{ lotId: string }[]];
  submissionDeadline: string;
};

const tenderClosing = (closingMs: number) =>
  publishedTender(cloud, entity, {
    submissionDeadline: at(closingMs),
    questionsDeadline: at(Math.min(closingMs, fixMs + hourMs) - 60_000),
  }) as Promise<Published>;

async function delayedTimers(): Promise<number> {
  const result = await new SQSClient({}).send(
    new GetQueueAttributesCommand({
      QueueUrl: process.env.QUEUE_OPENING_URL,
      AttributeNames: ['ApproximateNumberOfMessagesDelayed', 'ApproximateNumberOfMessages'],
    }),
  );
  return (
    Number(result.Attributes?.ApproximateNumberOfMessagesDelayed ?? 0) +
    Number(result.Attributes?.ApproximateNumberOfMessages ?? 0)
  );
}

class Crash extends Error {}

describe('declaring an incident', () => {
  it('refuses times in the future and a fix before the start, naming the field; admins only', async () => {
    const future = at(Date.now() + 60_000);
    const cases = [
      [{ startedAt: future, fixedAt: future }, 'INCIDENT_TIME_IN_FUTURE', ['body.startedAt', 'body.fixedAt']],
      [{ startedAt, fixedAt: future }, 'INCIDENT_TIME_IN_FUTURE', ['body.fixedAt']],
      [{ startedAt: fixedAt, fixedAt: startedAt }, 'INCIDENT_FIX_BEFORE_START', ['body.fixedAt']],
    ] as const;
    for (const [times, code, fields] of cases) {
      const response = await cloud.call('POST', '/incidents', {
        token: admin,
        body: { ...times, reason: 'Mất kết nối cơ sở dữ liệu' },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe(code);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    }
    const asEntity = await cloud.call('POST', '/incidents', {
      token: entity.token,
      body: { startedAt, fixedAt, reason: 'x' },
    });
    expect(asEntity.status).toBe(403);
    expect((await cloud.call('GET', '/incidents')).body.items).toEqual([]);
  });
});

describe('an incident that started an hour ago and was fixed now', () => {
  let incidentId: string;
  let tenders: Record<'atStart' | 'beforeStart' | 'atEdge' | 'afterEdge' | 'soon' | 'claimed', Published>;
  let timersBefore: number;
  let follower: Awaited<ReturnType<typeof registeredContractor>>;
  let claimedBid: Awaited<ReturnType<typeof submitBid>>;
  let extendedBid: Awaited<ReturnType<typeof submitBid>>;

  beforeAll(async () => {
    tenders = {
      atStart: await tenderClosing(fixMs + 30 * 24 * hourMs),
      beforeStart: await tenderClosing(fixMs + 30 * 24 * hourMs),
      atEdge: await tenderClosing(edgeMs),
      afterEdge: await tenderClosing(edgeMs + 1),
      soon: await tenderClosing(fixMs + 10 * 60_000),
      claimed: await tenderClosing(fixMs + 20 * 60_000),
    };
    // Closing times already passed during the incident, as time passing would have left them.
    await moveStoredDeadline(tenders.atStart.tenderId, startedAt);
    await moveStoredDeadline(tenders.beforeStart.tenderId, at(startMs - 1));

    follower = await registeredContractor(cloud);
    const follow = await cloud.call('POST', `/tenders/${tenders.soon.tenderId}/followers`, {
      token: follower.token,
    });
    expect(follow.status, JSON.stringify(follow.body)).toBeLessThan(300);
    extendedBid = await submitBid({
      tenderId: tenders.soon.tenderId,
      lotId: tenders.soon.lots[0].lotId,
      bidder: await bidder(),
      form: priceForm(1_500_000_000),
    });

    // The opener claimed this one at its closing time and was cut off before publishing the opening.
    const claimed = tenders.claimed;
    claimedBid = await submitBid({
      tenderId: claimed.tenderId,
      lotId: claimed.lots[0].lotId,
      bidder: await bidder(),
      form: priceForm(1_400_000_000),
    });
    const closing = Date.parse(claimed.submissionDeadline);
    await expect(
      handleOpeningMessage(timerFor(claimed), {
        nowMs: () => closing + 1000,
        hooks: {
          beforeCommit: () => {
            throw new Crash('opener cut off');
          },
        },
      }),
    ).rejects.toBeInstanceOf(Crash);
    expect((await storedMeta(claimed.tenderId)).status).toBe('closed');

    timersBefore = await delayedTimers();
    const declared = await cloud.call('POST', '/incidents', {
      token: admin,
      headers: { 'idempotency-key': `incident-${fixMs}` },
      body: { startedAt, fixedAt, reason: 'Quá tải máy chủ cơ sở dữ liệu' },
    });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    incidentId = declared.body.incidentId;
    expect(declared.body).toMatchObject({
      window: { from: startedAt, to: at(edgeMs) },
      newClosingTime: extendedClosingTime(fixedAt),
    });
    const done = await until(
      () => cloud.call('GET', `/incidents/${incidentId}`),
      (r) => r.body?.status === 'done',
    );
    expect(done.body.status, JSON.stringify(done.body)).toBe('done');
  });

  it('extends exactly the tenders closing in [start, fix + 2 h], each as a revision with the incident as reason', async () => {
    const newClosing = extendedClosingTime(fixedAt);
    const incident = (await cloud.call('GET', `/incidents/${incidentId}`)).body;
    expect(incident.progress).toEqual({ affected: 4, extended: 3, skipped: 1 });
    const byTender = new Map(incident.tenders.map((t: any) => [t.tenderId, t]));
    for (const name of ['atStart', 'atEdge', 'soon'] as const) {
      const tender = tenders[name] as { tenderId: string };
      expect(byTender.get(tender.tenderId), name).toMatchObject({
        outcome: 'extended',
        to: newClosing,
        revision: 2,
      });
      const meta = await storedMeta(tender.tenderId);
      expect(meta).toMatchObject({ status: 'published', submissionDeadline: newClosing, revision: 2 });
      expect(meta.gsi1sk).toBe(`${newClosing}#${tender.tenderId}`);
      // The public notice lists the revision, and the revision holds the new closing time.
      const { revisions } = (await cloud.call('GET', `/tenders/${tender.tenderId}`)).body;
      const last = revisions.at(-1);
      expect(last).toMatchObject({
        revision: 2,
        kind: 'amendment',
        incidentId,
        changedFields: ['submissionDeadline'],
        deadlineExtended: { to: newClosing },
      });
      expect(last.note).toContain('Quá tải máy chủ cơ sở dữ liệu');
      expect(last.deadlineExtended.reason).toContain('Circular 79/2025 Art. 6');
      const snapshot = (await cloud.call('GET', `/tenders/${tender.tenderId}/revisions/2`)).body;
      expect(snapshot.snapshot.submissionDeadline).toBe(newClosing);
    }
    for (const name of ['beforeStart', 'afterEdge'] as const) {
      const tender = tenders[name];
      expect(byTender.has(tender.tenderId), name).toBe(false);
      expect((await storedMeta(tender.tenderId)).revision, name).toBe(1);
    }
  });

  it('leaves a claimed opening to finish: not reopened, reported as skipped, its bid opened once', async () => {
    const claimed = tenders.claimed;
    const incident = (await cloud.call('GET', `/incidents/${incidentId}`)).body;
    expect(incident.tenders.find((t: any) => t.tenderId === claimed.tenderId)).toMatchObject({
      outcome: 'skipped',
      reason: 'opening-in-progress',
      status: 'closed',
      from: claimed.submissionDeadline,
    });
    expect(await storedMeta(claimed.tenderId)).toMatchObject({
      status: 'closed',
      submissionDeadline: claimed.submissionDeadline,
    });
    const closing = Date.parse(claimed.submissionDeadline);
    await handleOpeningMessage(timerFor(claimed), { nowMs: () => closing + 5000 });
    const meta = await storedMeta(claimed.tenderId);
    expect(['opened', 'evaluating']).toContain(meta.status);
    expect((await tenderEvents(claimed.tenderId, 'tender.opened')).length).toBe(1);
    const minutes = (await cloud.call('GET', `/tenders/${claimed.tenderId}/minutes`)).body;
    expect(minutes.items).toHaveLength(1);
    expect(minutes.items[0].document.minutes.bids.map((b: any) => b.bidId)).toEqual([claimedBid.bidId]);
    const skipped = await auditEventsOf('incident', incidentId);
    expect(
      skipped.filter((e) => e.action === 'incident.tender-skipped').map((e) => e.change.tenderId),
    ).toEqual([claimed.tenderId]);
  });

  it('re-arms the opening: the old timer is stale, the tender opens at the new time with its bid', async () => {
    const soon = tenders.soon;
    // One timer each for the three extended tenders went onto the opening queue.
    expect((await delayedTimers()) - timersBefore).toBe(3);
    const oldClosing = Date.parse(soon.submissionDeadline);
    const stale = await handleOpeningMessage(timerFor(soon), { nowMs: () => oldClosing + 1000 });
    expect(stale.decision.action).toBe('drop');
    expect((await storedMeta(soon.tenderId)).status).toBe('published');

    const meta = await storedMeta(soon.tenderId);
    expect(meta.deadlineVersion).toBe(meta.version);
    const newClosing = Date.parse(meta.submissionDeadline);
    const early = await handleOpeningMessage(timerFor(meta as never), { nowMs: () => newClosing - 60_000 });
    expect(early.decision.action).toBe('wait');
    const opened = await handleOpeningMessage(timerFor(meta as never), { nowMs: () => newClosing + 1000 });
    expect(opened.decision.action).toBe('open');
    const minutes = (await cloud.call('GET', `/tenders/${soon.tenderId}/minutes`)).body;
    expect(minutes.items[0].document.minutes.bids.map((b: any) => b.bidId)).toEqual([extendedBid.bidId]);
  });

  it('writes the audit events and notifies followers and the buyer through the outbox', async () => {
    const declared = await auditEventsOf('incident', incidentId);
    expect(declared.find((e) => e.action === 'incident.declared')).toMatchObject({
      actor: { sub: 'admin-incidents', role: 'admin' },
      change: { startedAt, fixedAt },
    });
    const soon = tenders.soon;
    const [extended] = await tenderEvents(soon.tenderId, 'tender.deadline-extended');
    expect(extended).toMatchObject({
      actor: { role: 'system' },
      tenderId: soon.tenderId,
      change: { revision: 2, incidentId, deadlineExtended: { from: soon.submissionDeadline } },
    });
    const events = (await outboxOf(soon.tenderId)).filter((e) => e.type === 'tender.deadline-extended');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      audience: { bidders: true, followers: true, organisationId: entity.organisationId },
    });
    const inbox = await until(
      () => cloud.call('GET', '/me/notifications', { token: follower.token }),
      (r) => (r.body?.items ?? []).some((n: any) => n.type === 'tender.deadline-extended'),
    );
    expect(inbox.body.items.find((n: any) => n.type === 'tender.deadline-extended')).toMatchObject({
      tenderId: soon.tenderId,
    });
  });

  it('changes nothing when declared again, retried with its key, or its work redelivered', async () => {
    const before = (await cloud.call('GET', `/incidents/${incidentId}`)).body;
    const again = await cloud.call('POST', '/incidents', {
      token: admin,
      body: { startedAt, fixedAt, reason: 'Khai báo lại' },
    });
    expect(again.status).toBe(200);
    expect(again.body.incidentId).toBe(incidentId);
    const retried = await cloud.call('POST', '/incidents', {
      token: admin,
      headers: { 'idempotency-key': `incident-${fixMs}` },
      body: { startedAt, fixedAt, reason: 'Quá tải máy chủ cơ sở dữ liệu' },
    });
    expect(retried.status).toBe(200);
    expect(retried.body.incidentId).toBe(incidentId);
    const reused = await cloud.call('POST', '/incidents', {
      token: admin,
      headers: { 'idempotency-key': `incident-${fixMs}` },
      body: { startedAt: at(startMs - hourMs), fixedAt, reason: 'khác' },
    });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // The worker's messages delivered again, in process: no new revision, no new count.
    const stored = await getStoredIncident(incidentId);
    if (!stored) throw new Error('incident missing');
    await handleOutageMessage({ kind: 'find', incidentId });
    for (const tender of Object.values(tenders)) {
      const result = await applyIncident(stored, tender.tenderId, () => new Date().toISOString());
      expect(['already-applied', 'skipped']).toContain(result.outcome);
    }
    await until(
      () => cloud.call('GET', `/incidents/${incidentId}`),
      (r) => r.body?.status === 'done',
    );
    const after = (await cloud.call('GET', `/incidents/${incidentId}`)).body;
    expect(after.progress.affected).toBe(before.progress.affected);
    expect(after.progress.extended).toBe(3);
    expect(after.tenders.filter((t: any) => t.outcome === 'extended')).toHaveLength(3);
    expect((await storedMeta(tenders.atEdge.tenderId)).revision).toBe(2);
    expect((await tenderEvents(tenders.atEdge.tenderId, 'tender.deadline-extended')).length).toBe(1);
    const list = (await cloud.call('GET', '/incidents')).body.items;
    expect(list.map((i: any) => i.incidentId)).toEqual([incidentId]);
  });
});
