// The audit log under load, on the local emulators: the sequencer's append rate, the integration
// delay of audited writes racing through the stream (p50/p99 against the promised maximum),
// inclusion proof generation (shared code over stored tiles, and through the HTTP API), and offline
// verification of a 100,000-entry bundle (target under 3 s).
//   npm run bench -- audit [appendEntries=5000] [loadWrites=1000] [bundleEntries=100000]
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import type { AuditBundle } from '../shared/tlog/index.ts';
import { percentile, progress, report, round } from './report.ts';

const [APPEND_ENTRIES, LOAD_WRITES, BUNDLE_ENTRIES] = [5000, 1000, 100_000].map((fallback, i) =>
  Number(process.argv[2 + i] ?? fallback),
) as [number, number, number];
const LOAD_CONCURRENCY = 50;
const STREAM_BATCH = 100;
const PROOFS = 500;

const ms = (start: number) => round(performance.now() - start, 1);

progress('starting the local cloud (emulators, functions, stream poller)…');
const cloud = await startLocalCloud({
  catalog: functionSpecs,
  prefix: 'eproc-bench',
  settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  onProgress: progress,
});
Object.assign(process.env, cloud.env);
// Modules that read settings and resource names load after the environment is in place.
const { writeWithAudit } = await import('../shared/db/audited-write.ts');
const audit = await import('../shared/audit-log/index.ts');
const { settings } = await import('../shared/config/settings.ts');
const { syntheticEvents, tempLog } = await import('../test/audit-log/temp-log.ts');
const tlog = await import('../shared/tlog/index.ts');

try {
  // 1. Append rate of the sequencer core, fed stream-sized batches, on a private log.
  const log = await tempLog('bench');
  const events = syntheticEvents(APPEND_ENTRIES);
  progress(`appending ${APPEND_ENTRIES} entries in batches of ${STREAM_BATCH}`);
  let start = performance.now();
  for (let i = 0; i < events.length; i += STREAM_BATCH) {
    await audit.integrate(log, events.slice(i, i + STREAM_BATCH));
  }
  const appendMs = ms(start);
  const appendPerSecond = round((APPEND_ENTRIES / appendMs) * 1000, 0);

  // 2. Inclusion proofs from the stored tiles (shared code), cold and warm tile cache.
  const head = await audit.readHead(log.table);
  const proofTimes: number[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const hashes = new audit.TileHashes(log, head);
    const index = Math.floor(Math.random() * head.size);
    const t = performance.now();
    await hashes.inclusionProof(index, head.size);
    proofTimes.push(performance.now() - t);
  }
  proofTimes.sort((a, b) => a - b);

  // 3. Integration delay: audited writes through the live stream and sequencer. A few writes first,
  // integrated before the surge starts: on the platform the sequencer runs all day on every audited
  // write, so the surge finds it warm (its worker started, its stream iterator past the shard's
  // empty start), as the api benchmark warms its functions.
  const warmIds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const event = await writeWithAudit([], {
      actor: { sub: 'bench-warm', role: 'contractor' },
      action: 'bid.submitted',
      object: { type: 'bid', id: `warm-${i}` },
      tenderId: 'tender-warm',
      change: { i },
    });
    warmIds.push(event.eventId);
  }
  for (let round = 0; round < 600; round++) {
    if ((await audit.eventLocations(audit.liveLog(), warmIds)).size === warmIds.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  progress(`driving ${LOAD_WRITES} audited writes, ${LOAD_CONCURRENCY} at a time`);
  const ids: string[] = [];
  // When each write was acknowledged: the delay counts from the event's `at`, stamped before its
  // transaction, so under load part of it is the write's own latency, not the sequencer's.
  const acknowledged = new Map<string, number>();
  const writeLatencies: number[] = [];
  let next = 0;
  start = performance.now();
  await Promise.all(
    Array.from({ length: LOAD_CONCURRENCY }, async () => {
      while (next < LOAD_WRITES) {
        const i = next++;
        const event = await writeWithAudit([], {
          actor: { sub: `bench-${i % 97}`, role: 'contractor' },
          action: 'bid.submitted',
          object: { type: 'bid', id: `bid-${i}` },
          tenderId: `tender-${i % 13}`,
          change: { i, amount: 1_000_000 + i, currency: 'VND' },
        });
        const ackedAt = Date.now();
        acknowledged.set(event.eventId, ackedAt);
        writeLatencies.push(ackedAt - Date.parse(event.at));
        ids.push(event.eventId);
      }
    }),
  );
  const writeMs = ms(start);
  let located = new Map<string, { at: string; integratedAt: string; seq: number }>();
  for (let round = 0; located.size < ids.length && round < 600; round++) {
    located = await audit.eventLocations(audit.liveLog(), ids);
    if (located.size < ids.length) await new Promise((r) => setTimeout(r, 200));
  }
  if (located.size < ids.length)
    throw new Error(`only ${located.size} of ${ids.length} events were integrated`);
  const delays = [...located.values()]
    .map((l) => Date.parse(l.integratedAt) - Date.parse(l.at))
    .sort((a, b) => a - b);
  const afterWrite = [...located.entries()]
    .map(([id, l]) => Date.parse(l.integratedAt) - (acknowledged.get(id) as number))
    .sort((a, b) => a - b);
  writeLatencies.sort((a, b) => a - b);
  const integratedTimes = [...located.values()].map((l) => Date.parse(l.integratedAt));
  const liveAppendPerSecond = round(
    (ids.length / Math.max(1, Math.max(...integratedTimes) - Math.min(...integratedTimes))) * 1000,
    0,
  );

  // 4. Inclusion proofs through the HTTP API (entry + proof against the latest checkpoint).
  const checkpoint = await audit.publishCheckpoint();
  const size = checkpoint.checkpoint?.size ?? 0;
  const token = await cloud.tokens.sign({ sub: 'bench-auditor', roles: ['auditor'] });
  const apiTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const seq = Math.floor(Math.random() * size);
    const t = performance.now();
    const response = await fetch(`${cloud.url}/log/entries/${seq}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /log/entries/${seq} answered ${response.status}`);
    apiTimes.push(performance.now() - t);
  }
  apiTimes.sort((a, b) => a - b);

  // 5. Offline verification of a large bundle, as the CLI does it: parse, then verify.
  progress(`building a ${BUNDLE_ENTRIES}-entry bundle`);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const origin = settings.LOG_ORIGIN;
  const signer = tlog.ecdsaP256Signer(origin, privateKey);
  const big = syntheticEvents(BUNDLE_ENTRIES, { tenderId: '01JBENCHTENDER000000000000' });
  const leaves = big.map((event, seq) => tlog.entryLeafHash(seq, event));
  const tree = tlog.MerkleTree.fromLeafHashes(leaves);
  const checkpoints: string[] = [];
  for (let s = 5000; s <= BUNDLE_ENTRIES; s += 5000) {
    checkpoints.push(await tlog.signCheckpoint({ origin, size: s, rootHash: tree.root(s) }, signer));
  }
  const bundle = tlog.createBundle({
    origin,
    publicKeys: [{ name: origin, publicKey }],
    entries: big.map((event, seq) => ({ seq, event, leafHash: leaves[seq] })),
    checkpoints,
    inclusionProofs: Array.from({ length: 1000 }, (_, i) => ({
      index: i * Math.floor(BUNDLE_ENTRIES / 1000),
    })),
    tree,
  });
  const json = JSON.stringify(bundle);
  globalThis.gc?.();
  start = performance.now();
  const parsed = JSON.parse(json) as AuditBundle;
  const verified = tlog.verifyBundle(parsed, {
    pinnedPublicKey: { name: origin, publicKey },
    receipts: [{ eventId: big[4242]?.eventId as string }],
  });
  const verifyMs = ms(start);
  if (!verified.ok) throw new Error(`verification failed: ${verified.reason}`);

  report({
    bench: 'audit',
    appendEntries: APPEND_ENTRIES,
    appendBatch: STREAM_BATCH,
    appendMs,
    appendPerSecond,
    loadWrites: LOAD_WRITES,
    loadConcurrency: LOAD_CONCURRENCY,
    loadWriteMs: writeMs,
    liveAppendPerSecond,
    integrationDelayP50Ms: percentile(delays, 50),
    integrationDelayP99Ms: percentile(delays, 99),
    integrationDelayMaxMs: delays[delays.length - 1],
    writeLatencyP50Ms: percentile(writeLatencies, 50),
    writeLatencyP99Ms: percentile(writeLatencies, 99),
    integrationAfterWriteP50Ms: percentile(afterWrite, 50),
    integrationAfterWriteP99Ms: percentile(afterWrite, 99),
    promisedDelayMs: settings.MAX_INTEGRATION_DELAY_SECONDS * 1000,
    withinPromise: delays.filter((d) => d <= settings.MAX_INTEGRATION_DELAY_SECONDS * 1000).length,
    proofTreeSize: head.size,
    proofP50Ms: round(percentile(proofTimes, 50), 2),
    proofP99Ms: round(percentile(proofTimes, 99), 2),
    apiProofTreeSize: size,
    apiProofP50Ms: round(percentile(apiTimes, 50), 1),
    apiProofP99Ms: round(percentile(apiTimes, 99), 1),
    bundleEntries: BUNDLE_ENTRIES,
    bundleMB: round(json.length / 1e6, 1),
    parseAndVerifyMs: verifyMs,
    verifyTargetMs: 3000,
    withinTarget: verifyMs < 3000,
    node: process.version,
  });
} finally {
  await cloud.stop();
}
