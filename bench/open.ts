// `npm run bench -- open [runs]`: time from the deadline to public minutes for tenders with 1, 100
// and 1,000 sealed bids (p50 and p99 over the runs), through the local runtime: the timer on SQS,
// the opener in its worker, the minutes stored, signed and committed. Twice: as timers normally
// arrive (OPENING_PREFETCH_SECONDS early, the envelopes read while waiting), and cold (the timer
// arrives at the deadline, as after a lost timer or a deadline moved to within the lead). Then, in
// a fresh process, the opener alone on 1,000 bids each carrying 50 MB of documents: its peak
// memory and every byte it fetched (the envelopes are sparse, see sparseEnvelope).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { functionSpecs } from '../functions/catalog.ts';
import { type LocalCloud, startLocalCloud } from '../infra/local/local-cloud.ts';
import { type BidVersionRecord, envelopeKey } from '../shared/bids/bid-records.ts';
import { bidderSecret } from '../shared/bids/bidder-secret.ts';
import { sealIdentity } from '../shared/bids/sealed-identity.ts';
import { settings } from '../shared/config/settings.ts';
import { db } from '../shared/db/client.ts';
import { tenderEntity } from '../shared/entities/tenders.ts';
import type { EnvelopeSource, FetchStats } from '../shared/opening/envelope-source.ts';
import type { OpeningTimer } from '../shared/opening/messages.ts';
import { minutesItemKey } from '../shared/opening/minutes-store.ts';
import { scheduleOpening, sendOpeningMessage } from '../shared/opening/timers.ts';
import { mapLimit } from '../shared/platform/concurrency.ts';
import { ulid } from '../shared/runtime/ids.ts';
import { sealBid, signSubmission } from '../shared/sealing/index.ts';
import { s3 } from '../shared/storage/s3.ts';
import {
  type Bidder,
  bidder,
  openingPublicKey,
  priceForm,
  storeBidVersion,
  submitBid,
} from '../test/opening/sealed-bids.ts';
import { percentile, progress, report, round } from './report.ts';
import { benchProcuringEntity } from './support/bench-entity.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BenchCloud {
  readonly cloud: LocalCloud;
  /** Creates and publishes a one-lot tender closing in 30 days; returns its id, lot and version. */
  tender(): Promise<{ tenderId: string; lotId: string; version: number }>;
}

export async function benchCloud(prefix: string): Promise<BenchCloud> {
  const cloud = await startLocalCloud({
    catalog: functionSpecs,
    prefix,
    onProgress: progress,
    settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    // Seeding registers up to 1,000 contractors at 32 in flight, past registration's 100/s.
    throttling: 'off',
  });
  Object.assign(process.env, cloud.env);
  const { post, token: pe } = await benchProcuringEntity(cloud, {
    name: 'Sở Tài chính (bench)',
    code: `B${Date.now()}`,
    street: '1 Bench',
  });
  return {
    cloud,
    async tender() {
      // Far enough for the procedure's minimum submission period; closeAt moves it to the benchmark's.
      const day = 86_400_000;
      const draft = await post('/tenders', pe, {
        title: 'Gói thầu đo hiệu năng mở thầu',
        description: 'Benchmark tender',
        category: 'goods',
        procurementMethod: 'open',
        envelopeProcedure: 'one-envelope',
        lots: [{ title: 'Lô 1', estimatedValue: 2_000_000_000, bidSecurityAmount: 30_000_000 }],
        bidValidityDays: 120,
        evaluation: { method: 'lowest-price' },
        submissionDeadline: new Date(Date.now() + 30 * day).toISOString(),
        questionsDeadline: new Date(Date.now() + 20 * day).toISOString(),
      });
      const published = await post(`/tenders/${draft.tenderId}/publish`, pe, undefined, {
        'if-match': `"${draft.version}"`,
      });
      return { tenderId: published.tenderId, lotId: published.lots[0].lotId, version: published.version };
    },
  };
}

export async function bidders(count: number): Promise<Bidder[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    32,
    (i) => bidder(`Công ty ${i}`),
  );
}

export async function seedBids(tenderId: string, lotId: string, who: readonly Bidder[]): Promise<void> {
  await openingPublicKey(tenderId);
  await mapLimit(who, 24, (b, i) =>
    submitBid({ tenderId, lotId, bidder: b, form: priceForm(1_000_000_000 + i * 1000) }),
  );
}

/**
 * Moves the deadline to `deadline` (a path that sets no timer), as the opener's clock sees it, and
 * queues the timer that a deadline change queues, made visible at the deadline to the millisecond:
 * sent exactly `delay` whole seconds before it.
 */
export async function closeAt(
  tender: { tenderId: string; version: number },
  deadline: number,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: tenderEntity.key({ tenderId: tender.tenderId }),
      UpdateExpression: 'SET submissionDeadline = :d, deadlineVersion = :v',
      ExpressionAttributeValues: { ':d': new Date(deadline).toISOString(), ':v': tender.version },
    }),
  );
}

export async function sendTimersAt(
  tenders: readonly { tenderId: string; version: number }[],
  deadline: number,
  delaySeconds = 2,
): Promise<void> {
  await sleep(Math.max(0, deadline - delaySeconds * 1000 - Date.now()));
  await Promise.all(
    tenders.map((t) =>
      sendOpeningMessage(
        { kind: 'timer', tenderId: t.tenderId, due: new Date(deadline).toISOString(), version: t.version },
        delaySeconds,
      ),
    ),
  );
}

/**
 * Milliseconds from `deadline` (one for all, or each tender's) until each tender's minutes are
 * committed (and so public). Throws if some are still missing after `timeoutMs`, unless `partial`.
 */
export async function waitForMinutes(
  tenderIds: readonly string[],
  deadline: number | ReadonlyMap<string, number>,
  timeoutMs = 300_000,
  partial = false,
) {
  const done = new Map<string, number>();
  const table = process.env.TABLE_TENDERS as string;
  const dueOf = (id: string) => (typeof deadline === 'number' ? deadline : (deadline.get(id) as number));
  const last = typeof deadline === 'number' ? deadline : Math.max(...deadline.values());
  while (done.size < tenderIds.length && Date.now() - last < timeoutMs) {
    const pending = tenderIds.filter((id) => !done.has(id));
    for (let i = 0; i < pending.length; i += 100) {
      const keys = pending.slice(i, i + 100).map((id) => minutesItemKey(id, 'single'));
      const result = await db.send(
        new BatchGetCommand({
          RequestItems: { [table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'tenderId' } },
        }),
      );
      const now = Date.now();
      for (const item of result.Responses?.[table] ?? [])
        done.set(String(item.tenderId), now - dueOf(String(item.tenderId)));
    }
    // Every 20 ms for one tender; every 50 ms for many, whose batch reads of 100 consistent items
    // are work for the same DynamoDB Local the openings use (a 1 % resolution of a 5 s target).
    if (done.size < tenderIds.length) await sleep(tenderIds.length > 1 ? 50 : 20);
  }
  if (done.size < tenderIds.length && !partial)
    throw new Error(`minutes missing for ${tenderIds.length - done.size} tenders`);
  return done;
}

async function minutesSummary(cloud: LocalCloud, tenderId: string) {
  const response = await fetch(`${cloud.url}/tenders/${tenderId}/minutes`);
  if (response.status !== 200) throw new Error(`minutes of ${tenderId}: ${response.status}`);
  const body = (await response.json()) as { items: { document: { minutes: any } }[] };
  const minutes = body.items[0]?.document.minutes;
  return {
    valid: minutes.bids.length as number,
    invalid: minutes.invalidBids.length as number,
    openedAt: minutes.openedAt as string,
  };
}

// ---- the opener alone on envelopes that each carry 50 MB of documents --------------------------

const DOCUMENTS_PER_BID = 5;
const DOCUMENT_SIZE = 10 * 1024 * 1024;
/** What a sparse object keeps of the documents' ciphertext: enough to see any over-read. */
const KEPT_DOCUMENT_BYTES = 64 * 1024;

/** A document whose bytes are never produced: reading it fails the benchmark. */
const neverRead = (i: number) => ({
  name: `ho-so-${i}.pdf`,
  contentType: 'application/pdf',
  size: DOCUMENT_SIZE,
  stream: new ReadableStream<Uint8Array>({
    pull() {
      throw new Error('a document was read');
    },
  }),
});

/**
 * A sealed envelope with 50 MB of documents, honestly described by its (authenticated) header,
 * stored sparsely: the real first bytes (header, price form, manifest) and 64 KiB standing for the
 * start of document 0, with the full size in the object's metadata. Sealing the documents would
 * take 50 GB; the opener must never touch them anyway, and the sparse store shows if it tries. The
 * signed hash is of the stored prefix (the full envelope's hash would need those 50 GB).
 */
async function sparseEnvelope(tenderId: string, lotId: string, who: Bidder, price: number) {
  const publicKey = await openingPublicKey(tenderId);
  const binding = { tenderId, lotId, contractorId: who.contractorId };
  const sealed = await sealBid({
    ...binding,
    tenderPublicKey: publicKey,
    priceForm: priceForm(price),
    documents: Array.from({ length: DOCUMENTS_PER_BID }, (_, i) => neverRead(i)),
  });
  const reader = sealed.stream.getReader();
  const first = await reader.read();
  await reader.cancel();
  const prefix = first.value as Uint8Array;
  if (prefix.byteLength !== sealed.header.prefixLength) throw new Error('the prefix came in pieces');
  const body = new Uint8Array(prefix.byteLength + KEPT_DOCUMENT_BYTES);
  body.set(prefix);
  body.set(crypto.getRandomValues(new Uint8Array(KEPT_DOCUMENT_BYTES)), prefix.byteLength);
  const claimed = createHash('sha256').update(prefix).digest('hex');
  // Stored as the bid API stores bids (bid-records.ts): under the bidder's pseudonym on the
  // tender, who bid sealed to the opening key.
  const bidderRef = (await bidderSecret(who.contractorId)).bidderRef(tenderId);
  const key = envelopeKey(tenderId, lotId, bidderRef, ulid());
  await s3.send(
    new PutObjectCommand({
      Bucket: process.env.BUCKET_BIDS,
      Key: key,
      Body: body,
      ChecksumAlgorithm: 'SHA256',
      Metadata: {
        'full-size': String(sealed.size),
        'claimed-sha256': claimed,
        'prefix-length': String(prefix.byteLength),
      },
    }),
  );
  const bidId = ulid();
  const signature = await signSubmission(who.signing.privateKey, { ...binding, envelopeSha256: claimed });
  const record: BidVersionRecord = {
    bidId,
    tenderId,
    lotId,
    bidderRef,
    version: 1,
    status: 'active',
    envelopeKey: key,
    envelopeSha256: claimed,
    envelopeSize: sealed.size,
    sealedIdentity: await sealIdentity(
      publicKey,
      { tenderId, lotId, bidderRef, bidId },
      { contractorId: who.contractorId, signingKeyId: who.signing.keyId, signature },
    ),
    receivedAt: new Date().toISOString(),
    auditEventId: ulid(),
  };
  await storeBidVersion(record);
  return { size: sealed.size, prefixLength: prefix.byteLength };
}

/** The S3 envelope source over sparse objects: sizes and checksums as the full objects would have. */
function sparseSource(bucket: string): EnvelopeSource & { overRead: { bytes: number; max: number } } {
  const stats: FetchStats = { requests: 0, bytes: 0 };
  const overRead = { bytes: 0, max: 0 };
  return {
    stats,
    overRead,
    async read(key, start, end) {
      stats.requests++;
      try {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}` }),
        );
        const bytes = await (
          object.Body as { transformToByteArray(): Promise<Uint8Array> }
        ).transformToByteArray();
        stats.bytes += bytes.byteLength;
        const prefix = Number(object.Metadata?.['prefix-length']);
        const beyond = Math.max(0, start + bytes.byteLength - Math.max(start, prefix));
        overRead.bytes += beyond;
        overRead.max = Math.max(overRead.max, beyond);
        return { bytes, objectSize: Number(object.Metadata?.['full-size']), versionId: object.VersionId };
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async head(key) {
      stats.requests++;
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        size: Number(head.Metadata?.['full-size']),
        versionId: head.VersionId,
        sha256Hex: head.Metadata?.['claimed-sha256'],
      };
    },
    async hashWhole() {
      throw new Error('the opener tried to download a whole envelope');
    },
  };
}

/** The memory child's old-space limit (MB): within the opener's 512 MB target. */
const OPENER_HEAP_MB = Number(process.env.BENCH_OPENER_HEAP_MB ?? 384);

/** Runs in a fresh process: the opener on the sparse tender, nothing else loaded. */
async function memoryChild(timer: OpeningTimer): Promise<void> {
  const { handleOpeningMessage } = await import('../shared/opening/open-tender.ts');
  const { resources } = await import('../shared/config/settings.ts');
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const source = sparseSource(resources.bucket('bids'));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await handleOpeningMessage(timer, { source });
  const durationMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const opening = result.opening;
  if (!opening || opening.status === 'skipped' || opening.status === 'no-bids')
    throw new Error(`not opened: ${JSON.stringify(result)}`);
  const minutes = opening.stored.document.minutes;
  process.stdout.write(
    `${JSON.stringify({
      rssBeforeMb: round(before / 2 ** 20, 1),
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
      durationMs: round(durationMs, 0),
      // The opener's own CPU (this process only, not the emulators'): on a shared machine the
      // duration stretches with the load, this much less.
      cpuMs: round((cpu.user + cpu.system) / 1000, 0),
      cpuPerBidMs: round(
        (cpu.user + cpu.system) / 1000 / Math.max(1, minutes.bids.length + minutes.invalidBids.length),
        2,
      ),
      requests: source.stats.requests,
      bytesFetched: source.stats.bytes,
      documentBytesFetched: source.overRead.bytes,
      maxDocumentBytesFetchedPerBid: source.overRead.max,
      validBids: minutes.bids.length,
      invalidBids: minutes.invalidBids.length,
      invalidReasons: [...new Set(minutes.invalidBids.map((b) => b.reason.code))],
      firstInvalid: minutes.invalidBids[0]?.reason.detail,
    })}\n`,
  );
}

async function memoryBench(bench: BenchCloud, who: readonly Bidder[]) {
  const tender = await bench.tender();
  progress(`sealing ${who.length} sparse envelopes with ${DOCUMENTS_PER_BID} × 10 MB of documents each…`);
  const envelopes = await mapLimit(who, 24, (b, i) =>
    sparseEnvelope(tender.tenderId, tender.lotId, b, 900_000_000 + i),
  );
  // At the deadline (every bid was received before it), without a timer or an index entry: only
  // the child process opens it.
  const deadline = Date.now();
  await closeAt(tender, deadline);
  const timer: OpeningTimer = {
    kind: 'timer',
    tenderId: tender.tenderId,
    due: new Date(deadline).toISOString(),
    version: tender.version,
  };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        // V8 sizes its heap from the machine's memory (24 GB here, ~4 GB of heap) and so keeps
        // garbage it has no reason to collect; a 512 MB Lambda's sandbox bounds it. The same bound
        // here: 384 MB of old space, the rest of the 512 MB target for code, buffers and the
        // young generation. An opener that needs more fails here, as it would there.
        `--max-old-space-size=${OPENER_HEAP_MB}`,
        // BENCH_CPU_PROF=DIR: a V8 CPU profile of the opener, to see where its time goes.
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        import.meta.filename,
        '--memory-child',
        JSON.stringify(timer),
      ],
      {
        env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`memory child exited ${code}`)),
    );
  });
  const figures = { heapLimitMb: OPENER_HEAP_MB, ...JSON.parse(output.trim().split('\n').pop() as string) };
  const documentBytes = envelopes.reduce((sum, e) => sum + (e.size - e.prefixLength), 0);
  return {
    bids: who.length,
    documentsPerBidMb: (DOCUMENTS_PER_BID * DOCUMENT_SIZE) / 2 ** 20,
    documentBytesTotal: documentBytes,
    meanPrefixBytes: round(envelopes.reduce((s, e) => s + e.prefixLength, 0) / envelopes.length, 0),
    ...figures,
  };
}

/**
 * One tender with these bidders' bids, its deadline moved seconds ahead; its timer sent as a
 * deadline change sends it (`warm`) or made to arrive at the deadline (`cold`); then the wait for
 * its minutes.
 */
async function timedOpening(
  bench: BenchCloud,
  who: readonly Bidder[],
  mode: 'warm' | 'cold',
): Promise<{ ms: number; lag: number }> {
  const tender = await bench.tender();
  await seedBids(tender.tenderId, tender.lotId, who);
  const lead = mode === 'warm' ? settings.OPENING_PREFETCH_SECONDS * 1000 : 0;
  const deadline = Math.ceil((Date.now() + lead + 3000) / 1000) * 1000;
  await closeAt(tender, deadline);
  if (mode === 'warm') {
    await scheduleOpening({ ...tender, submissionDeadline: new Date(deadline).toISOString() }, Date.now());
  } else {
    await sendTimersAt([tender], deadline);
  }
  const done = await waitForMinutes([tender.tenderId], deadline);
  const summary = await minutesSummary(bench.cloud, tender.tenderId);
  if (summary.valid !== who.length)
    throw new Error(`expected ${who.length} valid bids, the minutes list ${summary.valid}`);
  return { ms: done.get(tender.tenderId) as number, lag: Date.parse(summary.openedAt) - deadline };
}

async function main() {
  // `open [runs] [sizes] [memory-bids] [modes]`; #14's 10,000 bids: `open-10k` (bench/run.ts).
  const [runsArg, sizesArg, memoryArg, modesArg] = process.argv.slice(2);
  const runs = Number(runsArg ?? process.env.BENCH_RUNS ?? 5);
  const sizes = (sizesArg ?? process.env.BENCH_SIZES ?? '1,100,1000').split(',').map(Number);
  const modes = (modesArg ?? 'warm,cold').split(',') as ('warm' | 'cold')[];
  const bench = await benchCloud('eproc-bench-open');
  try {
    const memoryBids = Number(memoryArg ?? process.env.BENCH_MEMORY_BIDS ?? 1000);
    const maxBids = Math.max(...sizes, memoryBids);
    progress(`registering ${maxBids} contractors with signing keys…`);
    const who = await bidders(maxBids);
    const timing: Record<string, Record<string, unknown>> = Object.fromEntries(modes.map((m) => [m, {}]));
    // One untimed opening first: the workers start (import their modules) on first use.
    await timedOpening(bench, who.slice(0, 1), 'cold');
    for (const mode of modes) {
      for (const size of sizes) {
        const latencies: number[] = [];
        const startLag: number[] = [];
        for (let run = 0; run < runs; run++) {
          const { ms, lag } = await timedOpening(bench, who.slice(0, size), mode);
          latencies.push(ms);
          startLag.push(lag);
          progress(
            `  ${mode}, ${size} bids: minutes public ${ms} ms after the deadline (run ${run + 1}/${runs})`,
          );
        }
        const sorted = [...latencies].sort((a, b) => a - b);
        (timing[mode] as Record<string, unknown>)[`bids${size}`] = {
          runs,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          minMs: sorted[0],
          maxMs: sorted.at(-1),
          claimedAfterP50Ms: percentile(
            [...startLag].sort((a, b) => a - b),
            50,
          ),
        };
      }
    }
    progress(`the opener alone, in a fresh process, on ${memoryBids} bids with 50 MB of documents each…`);
    const memory = await memoryBench(bench, who.slice(0, memoryBids));
    report({
      bench: process.env.BENCH_ALIAS ?? 'open',
      prefetchSeconds: settings.OPENING_PREFETCH_SECONDS,
      deadlineToPublicMinutes: timing,
      memoryWith50MBDocumentsPerBid: memory,
    });
  } finally {
    await bench.cloud.stop();
  }
}

if (process.argv[2] === '--memory-child') {
  await memoryChild(JSON.parse(process.argv[3] as string) as OpeningTimer);
  process.exit(0);
} else if (import.meta.main) {
  await main();
  process.exit(0);
}
