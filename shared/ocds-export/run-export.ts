// The bulk export: the compiled release of every published tender (bids extension included once
// the opening minutes are public: status, value, date and tenderers of every bid), one JSON line
// each, into month partitions of the exports bucket. Tenders are read a page at a time from the
// byStatus index and compiled a few at a time; lines go through MonthPartWriter, so memory stays
// bounded whatever the number of tenders. Parts a previous run wrote beyond this run's count are
// overwritten empty (the grant has no delete), then the manifest names what this run wrote.
import { compileReleases } from '../ocds/merge.ts';
import { loadOcdsSource, queryPublishedTenders, statusPartitions } from '../ocds/ocds-store.ts';
import { buildReleases } from '../ocds/releases.ts';
import { mapLimit } from '../platform/concurrency.ts';
import type { Key } from '../platform/paged-query.ts';
import { clock } from '../runtime/clock.ts';
import { ulid } from '../runtime/ids.ts';
import { logger } from '../runtime/logger.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { putPart, readManifest, writeManifest } from './export-store.ts';
import { type ExportManifest, exportMonthOf } from './layout.ts';
import { MonthPartWriter, type PartWriterOptions } from './part-writer.ts';

export interface ExportOptions {
  readonly prefix: string;
  readonly baseUrl: string;
  /** Tenders per index page. */
  readonly pageSize?: number;
  readonly partBytes?: PartWriterOptions['partBytes'];
  readonly budgetBytes?: PartWriterOptions['budgetBytes'];
}

/** The compiled release of one tender as exported (and as GET /ocds/tenders/{id}/record compiles it). */
export async function compiledReleaseOf(tender: Tender, options: { prefix: string; baseUrl: string }) {
  const releases = buildReleases(await loadOcdsSource(tender), options);
  return releases.length > 0 ? compileReleases(releases) : undefined;
}

export async function runOcdsExport(options: ExportOptions): Promise<ExportManifest> {
  const startedAt = clock.iso();
  const runId = ulid(clock.nowMs());
  const previous = await readManifest();
  const writer = new MonthPartWriter({
    put: putPart,
    ...(options.partBytes ? { partBytes: options.partBytes } : {}),
    ...(options.budgetBytes ? { budgetBytes: options.budgetBytes } : {}),
  });
  // A tender that changes status mid-run moves between byStatus partitions and could be met
  // twice; ids (not tenders) are remembered to write it once.
  const seen = new Set<string>();
  let releases = 0;
  for (let part = 0; part < statusPartitions; part++) {
    let startKey: Key | undefined;
    do {
      const page = await queryPublishedTenders(part, options.pageSize ?? 25, startKey, undefined);
      startKey = page.lastKey;
      const fresh = page.items.filter((t) => !seen.has(t.tenderId) && t.publishedAt);
      for (const t of fresh) seen.add(t.tenderId);
      const compiled = await mapLimit(fresh, 5, (tender) => compiledReleaseOf(tender, options));
      for (const [i, release] of compiled.entries()) {
        const tender = fresh[i] as Tender;
        if (!release) continue;
        await writer.add(exportMonthOf(tender.publishedAt as string), JSON.stringify(release));
        releases += 1;
      }
    } while (startKey);
  }
  const months = await writer.finish();
  // Athena reads every object under a month: blank what an earlier, larger run left there.
  for (const [month, summary] of Object.entries(previous?.months ?? {})) {
    for (let p = months[month]?.parts ?? 0; p < summary.parts; p++) await putPart(month, p, '');
  }
  const manifest: ExportManifest = {
    format: 'eproc-ocds-export/v1',
    runId,
    startedAt,
    finishedAt: clock.iso(),
    baseUrl: options.baseUrl,
    releases,
    months,
  };
  await writeManifest(manifest);
  logger.info('ocds export written', { runId, releases, months: Object.keys(months).length });
  return manifest;
}
