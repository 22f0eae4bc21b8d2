// `npm run bench -- open-many [tenders] [bids]`: 100 tenders with 20 sealed bids each, all closing
// in the same second (deadlines cluster: one state portal split closing times into slots because of
// it). Their timers are set as a deadline change sets them; the figure is the time from that second
// until the last tender's minutes are public, through the local runtime's opener.

import { settings } from '../shared/config/settings.ts';
import { scheduleOpening } from '../shared/opening/timers.ts';
import { mapLimit } from '../shared/platform/concurrency.ts';
import { benchCloud, bidders, closeAt, seedBids, waitForMinutes } from './open.ts';
import { percentile, progress, report } from './report.ts';

const tenderCount = Number(process.argv[2] ?? 100);
const bidsPerTender = Number(process.argv[3] ?? 20);

const bench = await benchCloud('eproc-bench-open-many');
try {
  const who = await bidders(bidsPerTender);
  progress(`publishing ${tenderCount} tenders and sealing ${bidsPerTender} bids for each…`);
  const tenders = await mapLimit(
    Array.from({ length: tenderCount }, (_, i) => i),
    8,
    async () => {
      const tender = await bench.tender();
      await seedBids(tender.tenderId, tender.lotId, who);
      return tender;
    },
  );
  const deadline = Math.ceil((Date.now() + settings.OPENING_PREFETCH_SECONDS * 1000 + 5000) / 1000) * 1000;
  progress(`all ${tenderCount} deadlines moved to ${new Date(deadline).toISOString()}; timers set`);
  await mapLimit(tenders, 16, async (tender) => {
    await closeAt(tender, deadline);
    await scheduleOpening({ ...tender, submissionDeadline: new Date(deadline).toISOString() }, Date.now());
  });
  const done = await waitForMinutes(
    tenders.map((t) => t.tenderId),
    deadline,
  );
  const each = [...done.values()].sort((a, b) => a - b);
  const last = each.at(-1) as number;
  progress(`last minutes public ${last} ms after the common deadline`);
  report({
    bench: 'open-many',
    tenders: tenderCount,
    bidsPerTender,
    prefetchSeconds: settings.OPENING_PREFETCH_SECONDS,
    lastMinutesPublicMs: last,
    firstMinutesPublicMs: each[0],
    p50TenderMs: percentile(each, 50),
    p99TenderMs: percentile(each, 99),
  });
} finally {
  await bench.cloud.stop();
}
process.exit(0);
