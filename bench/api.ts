// Public tender list and detail through the local HTTP API at 20 concurrent clients: requests per
// second, p50/p99 latency and the error rate, per endpoint. Bounded by request count.
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { percentile, progress, report, round } from './report.ts';
import { benchProcuringEntity } from './support/bench-entity.ts';

const clients = 20;
const requestsPerEndpoint = Number(process.env.BENCH_REQUESTS ?? 4000);
const tenders = 60;

const cloud = await startLocalCloud({
  catalog: functionSpecs,
  onProgress: progress,
  settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  // What the handlers sustain, not the public-read throttle (200/s) the detail route runs past.
  throttling: 'off',
});
try {
  const { post, token: pe } = await benchProcuringEntity(cloud, {
    name: 'Sở Tài chính (bench)',
    code: `BENCH${Date.now()}`,
    street: '1 Bench',
  });
  const ids: string[] = [];
  progress(`seeding ${tenders} published tenders…`);
  for (let i = 0; i < tenders; i++) {
    const day = 86_400_000;
    const draft = await post('/tenders', pe, {
      title: `Gói thầu số ${i + 1}`,
      description: 'Benchmark tender',
      category: i % 2 === 0 ? 'goods' : 'works',
      procurementMethod: 'open',
      envelopeProcedure: 'one-envelope',
      lots: [{ title: 'Lô 1', estimatedValue: 1_000_000_000 + i, bidSecurityAmount: 15_000_000 }],
      bidValidityDays: 90,
      evaluation: { method: 'lowest-price' },
      submissionDeadline: new Date(Date.now() + (20 + (i % 10)) * day).toISOString(),
      questionsDeadline: new Date(Date.now() + 10 * day).toISOString(),
    });
    await post(`/tenders/${draft.tenderId}/publish`, pe, undefined, { 'if-match': `"${draft.version}"` });
    ids.push(draft.tenderId);
  }

  async function load(name: string, pathFor: (i: number) => string) {
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < requestsPerEndpoint) {
          const i = next++;
          const t0 = performance.now();
          try {
            const r = await fetch(`${cloud.url}${pathFor(i)}`);
            await r.arrayBuffer();
            if (r.status !== 200) errors++;
          } catch {
            errors++;
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const figures = {
      requests: latencies.length,
      rps: round(latencies.length / seconds, 1),
      p50_ms: round(percentile(latencies, 50)),
      p99_ms: round(percentile(latencies, 99)),
      errors,
      error_rate: round(errors / latencies.length, 4),
    };
    progress(`${name}: ${JSON.stringify(figures)}`);
    return figures;
  }

  // Warm both functions first, as a steady-state service would be.
  await fetch(`${cloud.url}/tenders`);
  await fetch(`${cloud.url}/tenders/${ids[0]}`);
  const list = await load(
    'list',
    (i) => `/tenders?status=published&limit=20${i % 3 === 0 ? '&category=goods' : ''}`,
  );
  const detail = await load('detail', (i) => `/tenders/${ids[i % ids.length]}`);
  report({ bench: 'api', clients, tenders, list, detail, errors_total: list.errors + detail.errors });
} finally {
  await cloud.stop();
}
