// Public tender list and detail through the local HTTP API at 20 concurrent clients: requests per
// second, p50/p99 latency and the error rate, per endpoint. Bounded by request count.
//
// The list's baseline, measured in the same run at the same 20 clients: the same DynamoDB Local
// Query calls the list handler makes for each request (byStatus, Limit 20, the category filter on
// every third request, continued from LastEvaluatedKey until the page holds 20 or the partition
// ends, as shared/platform/paged-query.ts fillPage does), issued directly with the SDK from this
// process: no HTTP, no gateway, no worker thread, no handler. Half of it runs before the list's
// load and half after, so both see the machine's load alike. #14 asks the list for at least 60 %
// of the baseline's throughput and a p99 at most 3× the baseline's.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { tenderEntity } from '../shared/entities/tenders.ts';
import { tableEnv } from '../shared/resources/env-names.ts';
import { percentile, progress, report, round } from './report.ts';
import { benchProcuringEntity } from './support/bench-entity.ts';

const clients = 20;
const requestsPerEndpoint = Number(process.env.BENCH_REQUESTS ?? 4000);
const tenders = 60;
const pageSize = 20;
const TARGET_THROUGHPUT_RATIO = 0.6;
const TARGET_P99_RATIO = 3;

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

  /** `requests` calls of `call` from `clients` concurrent clients; a call resolves false on error. */
  async function drive(requests: number, call: (i: number) => Promise<boolean>) {
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < requests) {
          const i = next++;
          const t0 = performance.now();
          try {
            if (!(await call(i))) errors++;
          } catch {
            errors++;
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    return { latencies, errors, seconds: (performance.now() - started) / 1000 };
  }

  function figuresOf({ latencies, errors, seconds }: Awaited<ReturnType<typeof drive>>) {
    latencies.sort((a, b) => a - b);
    const figures = {
      requests: latencies.length,
      rps: round(latencies.length / seconds, 1),
      p50_ms: round(percentile(latencies, 50)),
      p99_ms: round(percentile(latencies, 99)),
      errors,
      error_rate: round(errors / latencies.length, 4),
    };
    return figures;
  }

  async function load(name: string, pathFor: (i: number) => string) {
    const figures = figuresOf(
      await drive(requestsPerEndpoint, async (i) => {
        const r = await fetch(`${cloud.url}${pathFor(i)}`);
        await r.arrayBuffer();
        return r.status === 200;
      }),
    );
    progress(`${name}: ${JSON.stringify(figures)}`);
    return figures;
  }

  // The baseline's client: a plain SDK client on the same emulator, as a handler would build it.
  Object.assign(process.env, cloud.env);
  const direct = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const table = cloud.env[tableEnv('tenders')];
  if (!table) throw new Error('the local cloud names no tenders table');
  const publishedPk = tenderEntity.indexPk('byStatus', { status: 'published' });
  /** The Query calls behind one list request, as tender-listing.ts byStatus and fillPage make them. */
  async function directPage(i: number): Promise<boolean> {
    const goods = i % 3 === 0;
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    for (let round = 0; round < 10 && count < pageSize; round++) {
      const page = await direct.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'byStatus',
          KeyConditionExpression: 'gsi1pk = :pk',
          ...(goods
            ? {
                FilterExpression: '#category = :category',
                ExpressionAttributeNames: { '#category': 'category' },
                ExpressionAttributeValues: { ':pk': publishedPk, ':category': 'goods' },
              }
            : { ExpressionAttributeValues: { ':pk': publishedPk } }),
          Limit: pageSize - count,
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Items?.length ?? 0;
      startKey = page.LastEvaluatedKey;
      if (!startKey) break;
    }
    return count > 0;
  }
  const half = Math.ceil(requestsPerEndpoint / 2);

  // Warm both functions first, as a steady-state service would be.
  await fetch(`${cloud.url}/tenders`);
  await fetch(`${cloud.url}/tenders/${ids[0]}`);
  await directPage(0);
  progress('list baseline (direct Query calls), first half…');
  const before = await drive(half, directPage);
  const list = await load(
    'list',
    (i) => `/tenders?status=published&limit=${pageSize}${i % 3 === 0 ? '&category=goods' : ''}`,
  );
  progress('list baseline, second half…');
  const after = await drive(requestsPerEndpoint - half, (i) => directPage(half + i));
  const listBaseline = figuresOf({
    latencies: [...before.latencies, ...after.latencies],
    errors: before.errors + after.errors,
    seconds: before.seconds + after.seconds,
  });
  progress(`list baseline: ${JSON.stringify(listBaseline)}`);
  const throughputRatio = list.rps / listBaseline.rps;
  const p99Ratio = list.p99_ms / listBaseline.p99_ms;
  const detail = await load('detail', (i) => `/tenders/${ids[i % ids.length]}`);
  report({
    bench: 'api',
    clients,
    tenders,
    list,
    list_baseline: listBaseline,
    list_throughput_ratio: round(throughputRatio, 2),
    list_p99_ratio: round(p99Ratio, 2),
    target_throughput_ratio: TARGET_THROUGHPUT_RATIO,
    target_p99_ratio: TARGET_P99_RATIO,
    ok: throughputRatio >= TARGET_THROUGHPUT_RATIO && p99Ratio <= TARGET_P99_RATIO,
    detail,
    errors_total: list.errors + detail.errors + listBaseline.errors,
  });
} finally {
  await cloud.stop();
}
