// `npm run bench -- seal-upload [MB]`: one 200 MB document (or MB) sealed and submitted through the
// contractor CLI, each step a real `eproc bid` child process: `seal` (stream the document through
// the sealing library into the envelope file) and `submit` (check the file, sign, stream it into
// the presigned PUT, commit). Measures each step's MB/s and the CLI process's peak memory (maxRSS,
// read inside the child as it exits); target under 150 MB whatever the document size.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { progress, report, round } from './report.ts';
import { benchProcuringEntity } from './support/bench-entity.ts';

const documentMb = Number(process.argv[2] ?? process.env.BENCH_DOCUMENT_MB ?? 200);
const targetPeakMb = 150;
const cli = join(import.meta.dirname, '..', 'shared', 'cli', 'eproc.ts');
// Runs in the child before the CLI and prints its peak resident set size as it exits.
const peakHook = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => process.stderr.write('\\nPEAK_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'));",
)}`;

const cloud = await startLocalCloud({
  catalog: functionSpecs,
  onProgress: progress,
  settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
});
const dir = mkdtempSync(join(tmpdir(), 'eproc-seal-upload-'));
try {
  const { post, token: pe } = await benchProcuringEntity(cloud, {
    name: 'Ban Quản lý dự án (bench)',
    code: `SU${Date.now()}`,
    street: '1 Tràng Thi',
  });
  const day = 86_400_000;
  const draft = await post('/tenders', pe, {
    title: 'Xây dựng trụ sở (bench)',
    description: 'One large technical document',
    category: 'works',
    procurementMethod: 'open',
    envelopeProcedure: 'one-envelope',
    lots: [{ title: 'Lô 1', estimatedValue: 50_000_000_000, bidSecurityAmount: 500_000_000 }],
    bidValidityDays: 120,
    evaluation: { method: 'lowest-price' },
    submissionDeadline: new Date(Date.now() + 30 * day).toISOString(),
    questionsDeadline: new Date(Date.now() + 20 * day).toISOString(),
  });
  const tender = await post(`/tenders/${draft.tenderId}/publish`, pe, undefined, {
    'if-match': `"${draft.version}"`,
  });
  const sub = `bench-contractor-${Date.now()}`;
  const token = await cloud.tokens.sign({ sub, roles: ['contractor'] });
  await post('/contractors', token, {
    name: 'Tổng công ty Xây dựng (bench)',
    enterpriseCode: `06${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    address: { street: '2 Láng Hạ', province: 'Hà Nội' },
    contacts: [{ name: 'Bench', email: 'c@example.vn' }],
    representatives: [{ name: 'Bench', title: 'Tổng giám đốc' }],
  });

  progress(`writing a ${documentMb} MB document…`);
  const documentPath = join(dir, 'ho-so-ky-thuat.pdf');
  const block = randomBytes(1 << 20);
  const fd = openSync(documentPath, 'w');
  for (let i = 0; i < documentMb; i++) {
    block.writeUInt32BE(i, 0);
    writeSync(fd, block);
  }
  closeSync(fd);
  writeFileSync(
    join(dir, 'price.json'),
    JSON.stringify({
      currency: 'VND',
      price: 48_500_000_000,
      bidSecurity: { amount: 500_000_000 },
      validityDays: 120,
    }),
  );

  const env = { ...process.env, EPROC_API: cloud.url, EPROC_TOKEN: token };
  const eproc = (args: string[]) =>
    new Promise<{ seconds: number; peakMb: number; stdout: string }>((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, ['--import', peakHook, cli, 'bid', ...args], { cwd: dir, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('close', (code) => {
        const seconds = (performance.now() - started) / 1000;
        const peak = /PEAK_RSS_KB=(\d+)/.exec(stderr);
        if (code !== 0 || !peak) reject(new Error(`eproc bid ${args[0]} exited ${code}: ${stderr}`));
        else resolve({ seconds, peakMb: Number(peak[1]) / 1024, stdout });
      });
    });

  await eproc(['keygen', '--out', 'key.jwk']);
  await eproc(['register-key', '--key', 'key.jwk']);
  progress('sealing…');
  const seal = await eproc([
    'seal',
    '--tender',
    tender.tenderId,
    '--lot',
    tender.lots[0].lotId,
    '--price',
    'price.json',
    '--doc',
    documentPath,
    '--out',
    'bid.sealed',
    '--quiet',
  ]);
  const envelopeBytes = statSync(join(dir, 'bid.sealed')).size;
  progress('submitting…');
  const submit = await eproc(['submit', '--key', 'key.jwk', '--quiet']);
  const submitted = JSON.parse(submit.stdout) as { action: string };
  const mb = (bytes: number) => bytes / 1_048_576;
  const peak = Math.max(seal.peakMb, submit.peakMb);
  report({
    bench: 'seal-upload',
    document_mb: documentMb,
    envelope_mb: round(mb(envelopeBytes), 1),
    seal_s: round(seal.seconds),
    seal_mb_per_s: round(documentMb / seal.seconds, 1),
    submit_s: round(submit.seconds),
    submit_mb_per_s: round(mb(envelopeBytes) / submit.seconds, 1),
    seal_and_submit_mb_per_s: round(documentMb / (seal.seconds + submit.seconds), 1),
    seal_peak_rss_mb: round(seal.peakMb, 1),
    submit_peak_rss_mb: round(submit.peakMb, 1),
    cli_peak_rss_mb: round(peak, 1),
    target_peak_mb: targetPeakMb,
    ok: submitted.action === 'bid.submitted' && peak < targetPeakMb,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
  await cloud.stop();
}
