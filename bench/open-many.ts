// `npm run bench -- open-many [tenders] [bids] [spread-seconds]`: 100 tenders with 20 sealed bids
// each, all closing in the same second (deadlines cluster: one state portal split closing times
// into slots because of it). Their timers are set as a deadline change sets them; the figure is the
// time from that second until the last tender's minutes are public, through the local runtime's
// opener. With a spread (#14's surge: `open-many 1000 10 60`, 1,000 tenders × 10 bids closing in
// the same minute), the deadlines fall on the minute's whole seconds in turn, and each tender is
// timed from its own: target ≤ 60 s each, none missed (no minutes by then) and none opened twice
// (more than one opening event in the audit table).
//
// Seeding: the same bidders bid on every tender (contractors are registered once), each bid sealed
// to its own tender's key, so no envelope is reused.

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { functionSpecs } from '../functions/catalog.ts';
import { settings } from '../shared/config/settings.ts';
import { db } from '../shared/db/client.ts';
import { scheduleOpening } from '../shared/opening/timers.ts';
import { mapLimit } from '../shared/platform/concurrency.ts';
import { benchCloud, bidders, closeAt, seedBids, waitForMinutes } from './open.ts';
import { percentile, progress, report } from './report.ts';

const tenderCount = Number(process.argv[2] ?? 100);
const bidsPerTender = Number(process.argv[3] ?? 20);
const spreadSeconds = Number(process.argv[4] ?? 0);
const TARGET_MS = 60_000;

/** How many times the tender was opened, by its audit events (the opening's transition writes one). */
async function openings(tenderId: string): Promise<number> {
  const result = await db.send(
    new QueryCommand({
      TableName: process.env.TABLE_AUDIT,
      IndexName: 'byObject',
      KeyConditionExpression: 'objectKey = :k',
      FilterExpression: '#a IN (:opened, :unsuccessful)',
      ExpressionAttributeNames: { '#a': 'action' },
      ExpressionAttributeValues: {
        ':k': `tender#${tenderId}`,
        ':opened': 'tender.opened',
        ':unsuccessful': 'tender.unsuccessful',
      },
    }),
  );
  return result.Count ?? 0;
}

const bench = await benchCloud('eproc-bench-open-many');
try {
  const who = await bidders(bidsPerTender);
  progress(`publishing ${tenderCount} tenders and sealing ${bidsPerTender} bids for each…`);
  let seeded = 0;
  const tenders = await mapLimit(
    Array.from({ length: tenderCount }, (_, i) => i),
    8,
    async () => {
      const tender = await bench.tender();
      await seedBids(tender.tenderId, tender.lotId, who);
      if (++seeded % 50 === 0) progress(`  ${seeded} of ${tenderCount} tenders seeded`);
      return tender;
    },
  );
  // Moving 100 deadlines writes 100 audit events; a consumer with a batching window (the KPI
  // aggregator's 20 s) handles them that long after. In a city those changes come days before the
  // deadline, so the deadline here is far enough for that work to be done by then: the figure is
  // the openings', not the aftermath of seeding a minute before.
  const settleMs = Math.max(
    0,
    ...Object.values(functionSpecs).map((spec) =>
      spec.trigger.kind === 'stream' ? (spec.trigger.batchingWindowSeconds ?? 0) * 1000 : 0,
    ),
  );
  const lead = Math.max(settings.OPENING_PREFETCH_SECONDS * 1000 + 5000, settleMs + 15_000);
  const base = Math.ceil((Date.now() + lead) / 1000) * 1000;
  const deadlines = new Map(
    tenders.map((t, i) => [t.tenderId, base + (spreadSeconds > 0 ? (i % spreadSeconds) * 1000 : 0)]),
  );
  progress(
    `${tenderCount} deadlines moved to ${new Date(base).toISOString()}${spreadSeconds > 0 ? ` … +${spreadSeconds - 1} s` : ''}; timers set`,
  );
  await mapLimit(tenders, 16, async (tender) => {
    const deadline = deadlines.get(tender.tenderId) as number;
    await closeAt(tender, deadline);
    await scheduleOpening({ ...tender, submissionDeadline: new Date(deadline).toISOString() }, Date.now());
  });
  const ids = tenders.map((t) => t.tenderId);
  const done =
    spreadSeconds > 0
      ? await waitForMinutes(ids, deadlines, TARGET_MS + 30_000, true)
      : await waitForMinutes(ids, base);
  const each = [...done.values()].sort((a, b) => a - b);
  const last = each.at(-1) as number;
  progress(`last minutes public ${last} ms after its deadline; counting openings…`);
  const opened = await mapLimit(ids, 16, openings);
  const missed = ids.filter((id) => (done.get(id) ?? Number.POSITIVE_INFINITY) > TARGET_MS).length;
  const openedTwice = opened.filter((n) => n > 1).length;
  report({
    bench: spreadSeconds > 0 ? 'open-surge' : 'open-many',
    tenders: tenderCount,
    bidsPerTender,
    ...(spreadSeconds > 0 ? { spreadSeconds } : {}),
    prefetchSeconds: settings.OPENING_PREFETCH_SECONDS,
    lastMinutesPublicMs: last,
    firstMinutesPublicMs: each[0],
    p50TenderMs: percentile(each, 50),
    p99TenderMs: percentile(each, 99),
    ...(spreadSeconds > 0
      ? {
          targetMs: TARGET_MS,
          missed,
          openedTwice,
          neverOpened: opened.filter((n) => n === 0).length,
          ok: missed === 0 && openedTwice === 0,
        }
      : { openedTwice }),
  });
} finally {
  await bench.cloud.stop();
}
process.exit(0);
