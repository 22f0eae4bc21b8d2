// `npm run bench -- flags [releases]`: red flags over 1,000,000 OCDS compiled releases (target:
// under 60 s and 512 MB peak RSS). The releases are generated with a fixed seed and streamed to a
// temporary JSONL file (tender with procurementMethod and tenderPeriod, 1-6 bids with tenderers,
// values, dates and statuses, an award, item classifications, parties with addresses and contact
// points); then `eproc flags` runs over it in a child process, as a user runs it, with every
// indicator enabled. The child's wall time and its own peak RSS are the figures.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { progress, report, round } from './report.ts';

const RELEASES = Number(process.argv[2] ?? 1_000_000);
const TARGET_SECONDS = 60;
const TARGET_PEAK_MB = 512;

let seed = 0x9e3779b9;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

const TENDERERS = 20_000;
const methods = ['open', 'open', 'open', 'selective', 'limited', 'direct'];
const details = ['Đấu thầu rộng rãi', 'Chào hàng cạnh tranh', 'Chỉ định thầu', 'Mua sắm trực tiếp'];
const streets = [
  'Nguyễn Huệ',
  'Lê Lợi',
  'Hai Bà Trưng',
  'Điện Biên Phủ',
  'Cách Mạng Tháng Tám',
  'Võ Văn Tần',
];
const cpv = ['45000000', '45200000', '33100000', '30200000', '71300000', '90900000', '39100000', '48000000'];

function tendererParty(n: number): Record<string, unknown> {
  // Every 500th tenderer shares its neighbour's address (R044's collusion pattern).
  const a = n % 500 === 1 ? n - 1 : n;
  return {
    id: `VN-MST-${String(n).padStart(10, '0')}`,
    name: `Công ty TNHH ${n}`,
    roles: ['tenderer'],
    address: {
      streetAddress: `${(a % 300) + 1} ${streets[a % streets.length]}`,
      locality: `Quận ${(a % 12) + 1}`,
      countryName: 'Việt Nam',
    },
    contactPoint: { email: `contact${n}@company${n}.vn`, telephone: `+84 28 ${String(3800_0000 + n)}` },
  };
}

function release(i: number): string {
  const start = Date.UTC(2024, 0, 1) + int(700) * 86_400_000;
  const days = 3 + int(30);
  const end = start + days * 86_400_000;
  const count = 1 + int(6);
  const estimate = 100_000_000 + int(20_000) * 1_000_000;
  const tenderers = new Set<number>();
  while (tenderers.size < count) tenderers.add(int(TENDERERS));
  const bids = [...tenderers].map((n, k) => {
    const status = random() < 0.12 ? 'disqualified' : random() < 0.03 ? 'withdrawn' : 'valid';
    const late = random() < 0.01;
    return {
      id: `${i}-${k}`,
      date: new Date(late ? end + 3_600_000 : end - int(days * 86_400) * 1000).toISOString(),
      status,
      tenderers: [{ id: `VN-MST-${String(n).padStart(10, '0')}`, name: `Công ty TNHH ${n}` }],
      value: { amount: Math.round((estimate * (0.85 + random() * 0.2)) / 1000) * 1000, currency: 'VND' },
    };
  });
  const valid = bids.filter((b) => b.status === 'valid').sort((a, b) => a.value.amount - b.value.amount);
  const winner = valid[random() < 0.9 ? 0 : valid.length - 1];
  const buyer = `VN-BUYER-${int(500)}`;
  const entity = `VN-PE-${int(800)}`;
  const ocid = `ocds-eproc-hcm-${String(i).padStart(8, '0')}`;
  return JSON.stringify({
    ocid,
    id: `${ocid}-compiled`,
    date: new Date(end + 86_400_000 * 10).toISOString(),
    tag: ['compiled'],
    initiationType: 'tender',
    buyer: { id: buyer, name: `Ban quản lý ${buyer}` },
    tender: {
      id: ocid,
      status: random() < 0.02 ? 'cancelled' : 'complete',
      procuringEntity: { id: entity, name: `Đơn vị ${entity}` },
      procurementMethod: pick(methods),
      procurementMethodDetails: pick(details),
      tenderPeriod: { startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString() },
      numberOfTenderers: bids.filter((b) => b.status !== 'withdrawn').length,
      value: { amount: estimate, currency: 'VND' },
    },
    bids: { details: bids },
    awards: winner
      ? [
          {
            id: `${ocid}-award`,
            status: random() < 0.05 ? 'pending' : 'active',
            suppliers: winner.tenderers,
            value: winner.value,
            items: Array.from({ length: 1 + int(3) }, (_, k) => ({
              id: String(k),
              classification: { scheme: 'CPV', id: pick(cpv) },
              quantity: 1 + int(50),
            })),
          },
        ]
      : [],
    parties: [
      { id: buyer, name: `Ban quản lý ${buyer}`, roles: ['buyer'] },
      ...[...tenderers].map(tendererParty),
    ],
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bench-flags-'));
const file = join(dir, 'compiled-releases.jsonl');
try {
  progress(`writing ${RELEASES} compiled releases to ${file}`);
  const out = createWriteStream(file);
  const BATCH = 1_000;
  for (let i = 0; i < RELEASES; i += BATCH) {
    const lines: string[] = [];
    for (let k = i; k < Math.min(RELEASES, i + BATCH); k++) lines.push(release(k));
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const megabytes = statSync(file).size / 2 ** 20;
  progress(`${round(megabytes)} MB written; running eproc flags`);

  // The child reports its own peak RSS (getrusage ru_maxrss) when it ends.
  const script = `
    const { main } = await import(${JSON.stringify(join(import.meta.dirname, '..', 'shared', 'cli', 'eproc.ts'))});
    const code = await main(['flags', ${JSON.stringify(file)}]);
    process.stderr.write('\\nmaxrss ' + process.resourceUsage().maxRSS + ' exit ' + code + '\\n');`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let outputBytes = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    outputBytes += chunk.length;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const [status] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  const match = /maxrss (\d+) exit (\d+)/.exec(stderr);
  if (status !== 0 || !match) throw new Error(`eproc flags failed (${status}): ${stderr}`);
  const peakMb = Number(match[1]) / 1024;
  report({
    bench: 'flags',
    releases: RELEASES,
    input_mb: round(megabytes, 1),
    output_mb: round(outputBytes / 2 ** 20, 1),
    seconds: round(seconds, 2),
    peak_rss_mb: round(peakMb, 1),
    target_seconds: TARGET_SECONDS,
    target_peak_mb: TARGET_PEAK_MB,
    ok: seconds < TARGET_SECONDS && peakMb < TARGET_PEAK_MB,
  });
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}
