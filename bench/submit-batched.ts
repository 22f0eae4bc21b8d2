// `npm run bench -- submit-batched [bidders] [in-flight]`: #14's deadline surge (`submit-batched
// 2000 64`) run three times in one go, receipts signed one KMS Sign each (RECEIPT_BATCH_WINDOW_MS=0,
// format v1), then in batches as in production (100 ms, 8 slots: docs/capacity.md P1), then in
// batches of one slot (at most 10 Signs/s, so the bound shows at this machine's commit rate), each
// in a process of its own (--surge) against a local API of its own (--serve WINDOW_MS SLOTS). As in `submit`, N contractors seal, upload and commit
// one bid each through the local HTTP API, and once 70 % are answered the stored deadline is set to
// fall ~5 % of the bids later. Unlike `submit`, the tender is then also closed AT the deadline (as
// the opener claims it), so a commit received before the deadline but still in flight is refused:
// the cost P1's extra commit latency could have. Reported per mode: KMS Sign calls per receipt
// (batched: the batch items' own count of Signs, takeovers included), commit p50/p99, lost
// (answered but not stored), late accepted, refused though received before the deadline (the
// refusal states the server's receivedAt), and whether
// every receipt verifies offline with the CLI's verifier (shared/receipts/verify-receipt.ts, and
// the `eproc bid verify-receipt` process itself on a few).
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { tokenMinter } from '../infra/local/token-minter.ts';
import type { LocalUserPool } from '../infra/local/user-pool.ts';
import { auditEventEntity } from '../shared/entities/audit.ts';
import { receiptWindowEntity } from '../shared/entities/receipts.ts';
import { tenderEntity } from '../shared/entities/tenders.ts';
import { mapLimit } from '../shared/platform/concurrency.ts';
import { percentile, progress, report, round } from './report.ts';
import { sealBenchBid } from './support/bench-bid.ts';

const concurrency = Number(process.argv[3] ?? process.env.BENCH_CONCURRENCY ?? 64);
/** Receipts one Sign each; batched as in production; batched into one slot (at most 10 Signs/s). */
const modes = [
  { name: 'single', windowMs: 0, slots: 8 },
  { name: 'batched', windowMs: 100, slots: 8 },
  { name: 'batched_one_slot', windowMs: 100, slots: 1 },
] as const;

if (process.argv.includes('--serve')) {
  const at = process.argv.indexOf('--serve');
  const [windowMs, slots] = [process.argv[at + 1] as string, process.argv[at + 2] as string];
  const cloud = await startLocalCloud({
    catalog: functionSpecs,
    settings: {
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      RECEIPT_BATCH_WINDOW_MS: windowMs,
      RECEIPT_BATCH_SLOTS: slots,
    },
    throttling: 'off',
  });
  process.send?.({ url: cloud.url, env: cloud.env, userPool: cloud.userPool });
  process.on('message', async (message: string) => {
    if (message === 'stop') {
      await cloud.stop();
      process.exit(0);
    }
  });
} else if (process.argv.includes('--surge')) {
  // One mode, in a process of its own: its SDK clients and caches point at its own local API.
  const at = process.argv.indexOf('--surge');
  const child = fork(import.meta.filename, ['--serve', ...process.argv.slice(at + 1, at + 3)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const cloud = await started(child);
  try {
    Object.assign(process.env, cloud.env);
    const figures = await surge(cloud.url, cloud.userPool, Number(process.argv[2]));
    await new Promise((resolve) => process.send?.(figures, resolve));
  } finally {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
  }
  process.exit(0);
} else {
  await main(Number(process.argv[2] ?? process.env.BENCH_BIDDERS ?? 300));
}

function started(
  child: ChildProcess,
): Promise<{ url: string; env: Record<string, string>; userPool: LocalUserPool }> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as never));
    child.once('exit', (code) => reject(new Error(`the local API process exited (${code})`)));
  });
}

async function main(bidders: number) {
  const results: Record<string, Figures> = {};
  for (const mode of modes) {
    progress(`— ${mode.name}: RECEIPT_BATCH_WINDOW_MS=${mode.windowMs}, RECEIPT_BATCH_SLOTS=${mode.slots} —`);
    const args = [String(bidders), String(concurrency), '--surge', String(mode.windowMs), String(mode.slots)];
    const child = fork(import.meta.filename, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    results[mode.name] = (await started(child)) as unknown as Figures;
    await new Promise((r) => child.once('exit', r));
  }
  const all = Object.values(results);
  const single = results.single as Figures;
  const batched = results.batched as Figures;
  report({
    bench: 'submit-batched',
    bidders,
    concurrency,
    ...results,
    sign_ratio: round(batched.kms_signs_per_receipt / Math.max(0.001, single.kms_signs_per_receipt), 3),
    ok:
      all.every((f) => f.lost === 0 && f.late_accepted === 0 && f.receipts_verified === f.committed) &&
      batched.kms_signs_per_receipt < single.kms_signs_per_receipt,
  });
}

interface Figures {
  committed: number;
  refused_late: number;
  errors: number;
  error_kinds: Record<string, number>;
  kms_signs: number;
  kms_signs_per_receipt: number;
  /** Signs over the surge's span (first commit sent to last answered). */
  kms_signs_per_s: number;
  surge_s: number;
  batches: number;
  largest_batch: number;
  commit_p50_ms: number;
  commit_p99_ms: number;
  lost: number;
  late_accepted: number;
  refused_received_before_deadline: number;
  receipts_verified: number;
  cli_checked: number;
}

async function surge(api: string, userPool: LocalUserPool, bidders: number): Promise<Figures> {
  // Loaded only now: they read the emulator endpoints and resource names from the environment.
  const { db } = await import('../shared/db/client.ts');
  const { generateSigningKeyPair, signSubmission } = await import('../shared/sealing/index.ts');
  const { bidKeys } = await import('../shared/bids/bid-records.ts');
  const { bidderSecret } = await import('../shared/bids/bidder-secret.ts');
  const { verifyReceipt } = await import('../shared/receipts/verify-receipt.ts');
  const issuer = tokenMinter(userPool);
  const table = (name: string) =>
    process.env[`TABLE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] as string;

  const callApi = async (
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    headers = {},
  ) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const must = async (what: string, answer: Promise<{ status: number; body: any }>) => {
    const r = await answer;
    if (r.status !== 200 && r.status !== 201)
      throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  // Setup, not timed: an organisation, its published tender, N contractors with registered keys.
  const admin = await issuer.sign({ sub: 'bench-admin', roles: ['admin'] });
  const org = await must(
    'organisation',
    callApi('POST', '/organisations', admin, {
      name: 'Sở Kế hoạch và Đầu tư (bench)',
      code: `BB${Date.now()}`,
      address: { street: '16 Cát Linh', province: 'Hà Nội' },
      contact: { name: 'Bench', email: 'bench@example.vn' },
    }),
  );
  const pe = await issuer.sign({
    sub: `bench-pe-${Date.now()}`,
    roles: ['procuring-entity'],
    organisationId: org.organisationId,
  });
  const day = 86_400_000;
  const draft = await must(
    'tender',
    callApi('POST', '/tenders', pe, {
      title: 'Gói thầu đo tải biên nhận theo lô',
      description: 'Benchmark: receipts signed one by one or in batches',
      category: 'goods',
      procurementMethod: 'open',
      envelopeProcedure: 'one-envelope',
      lots: [{ title: 'Lô 1', estimatedValue: 9_000_000_000, bidSecurityAmount: 90_000_000 }],
      bidValidityDays: 120,
      evaluation: { method: 'lowest-price' },
      submissionDeadline: new Date(Date.now() + 30 * day).toISOString(),
      questionsDeadline: new Date(Date.now() + 20 * day).toISOString(),
    }),
  );
  const tender = await must(
    'publish',
    callApi('POST', `/tenders/${draft.tenderId}/publish`, pe, undefined, {
      'if-match': `"${draft.version}"`,
    }),
  );
  const tenderId: string = tender.tenderId;
  const lotId: string = tender.lots[0].lotId;
  progress(`registering, sealing and uploading for ${bidders} contractors…`);
  const codeBase = Math.floor(Math.random() * 9e7);
  const mint = async (sub: string, attempt = 0): Promise<string> => {
    try {
      return await issuer.sign({ sub, roles: ['contractor'] });
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      return mint(sub, attempt + 1);
    }
  };
  const document = new TextEncoder().encode('Hồ sơ kỹ thuật. '.repeat(512));
  const bids = await mapLimit(Array.from({ length: bidders }), 16, async (_, i) => {
    const token = await mint(`bench-batched-${Date.now()}-${i}`);
    const contractor = await must(
      'contractor',
      callApi('POST', '/contractors', token, {
        name: `Công ty TNHH Thầu số ${i + 1}`,
        enterpriseCode: `08${String(codeBase + i).padStart(8, '0')}`,
        address: { street: `${i + 1} Phố Huế`, province: 'Hà Nội' },
        contacts: [{ name: 'Nguyễn Văn A', email: `a${i}@example.vn` }],
        representatives: [{ name: 'Trần Thị B', title: 'Giám đốc' }],
      }),
    );
    const contractorId = contractor.contractorId as string;
    const key = await generateSigningKeyPair();
    await must(
      'signing key',
      callApi('POST', `/contractors/${contractorId}/signing-keys`, token, { publicKeyJwk: key.publicKeyJwk }),
    );
    const { bytes, sha256 } = await sealBenchBid(
      { tenderId, lotId, contractorId, tenderPublicKey: tender.openingPublicKey.jwk, index: i },
      document,
    );
    const ticket = await must(
      'ticket',
      callApi('POST', `/tenders/${tenderId}/lots/${lotId}/bid-uploads`, token, {
        size: bytes.length,
        sha256,
      }),
    );
    const put = await fetch(ticket.uploadUrl, { method: 'PUT', body: bytes, headers: ticket.headers });
    if (put.status !== 200) throw new Error(`upload: ${put.status} ${await put.text()}`);
    const signature = await signSubmission(key.privateKey, {
      tenderId,
      lotId,
      contractorId,
      envelopeSha256: sha256,
    });
    if ((i + 1) % 100 === 0) progress(`  ${i + 1} of ${bidders} ready`);
    return { token, contractorId, keyId: key.keyId, uploadId: ticket.uploadId as string, sha256, signature };
  });

  // The measured surge: the deadline set to fall during it, and the tender closed right at it.
  progress(`committing ${bidders} bids, ${concurrency} in flight…`);
  let deadlineMs = Number.POSITIVE_INFINITY;
  let closing: Promise<unknown> | undefined;
  const answeredAt: number[] = [];
  const setDeadlineAt = Math.floor(bidders * 0.7);
  const surgeStarted = performance.now();
  const answers = await mapLimit(bids, concurrency, async (b) => {
    const sentAt = Date.now();
    const t0 = performance.now();
    const r = await callApi(
      'POST',
      `/tenders/${tenderId}/lots/${lotId}/bids`,
      b.token,
      { uploadId: b.uploadId, envelopeSha256: b.sha256, signature: b.signature, signingKeyId: b.keyId },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const ms = performance.now() - t0;
    answeredAt.push(Date.now());
    if (answeredAt.length === setDeadlineAt) {
      const recent = answeredAt.slice(-Math.max(concurrency, Math.floor(bidders / 10)));
      const perMs = (recent.length - 1) / Math.max(1, (recent.at(-1) as number) - (recent[0] as number));
      deadlineMs = Date.now() + Math.max(250, Math.round((bidders * 0.05) / perMs));
      await db.send(
        new UpdateCommand({
          TableName: table('tenders'),
          Key: tenderEntity.key({ tenderId }),
          UpdateExpression: 'SET submissionDeadline = :d',
          ExpressionAttributeValues: { ':d': new Date(deadlineMs).toISOString() },
        }),
      );
      // The opener's claim at the deadline (no grace): commits still in flight then fail their check.
      closing = new Promise((resolve) => setTimeout(resolve, deadlineMs - Date.now())).then(() =>
        db.send(
          new UpdateCommand({
            TableName: table('tenders'),
            Key: tenderEntity.key({ tenderId }),
            UpdateExpression: 'SET #status = :closed',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':closed': 'closed' },
          }),
        ),
      );
    }
    return { b, status: r.status, body: r.body, ms, sentAt };
  });
  const surgeSeconds = (performance.now() - surgeStarted) / 1000;
  await closing;

  const accepted = answers.filter((a) => a.status === 201);
  const refusedLate = answers.filter((a) => a.status === 409 && a.body?.code === 'DEADLINE_PASSED');
  let lost = 0;
  await mapLimit(accepted, 16, async (a) => {
    const receipt = a.body.receipt;
    const bidderRef = (await bidderSecret(a.b.contractorId)).bidderRef(tenderId);
    const [version, event] = await Promise.all([
      db.send(
        new GetCommand({
          TableName: table('bids'),
          Key: bidKeys.version(tenderId, lotId, bidderRef, 1),
          ConsistentRead: true,
        }),
      ),
      db.send(
        new GetCommand({
          TableName: table('audit'),
          Key: auditEventEntity.key({ eventId: receipt.eventId }),
          ConsistentRead: true,
        }),
      ),
    ]);
    if (version.Item?.bidId !== receipt.bidId || event.Item?.object?.id !== receipt.bidId) lost++;
  });

  // KMS Signs: one per v1 receipt; per batch, what its item counted (a takeover's second included).
  const receipts = accepted.map((a) => a.body.receipt);
  const batchIds = [...new Set(receipts.filter((r) => r.batch).map((r) => r.batch.id as string))];
  let batchSigns = 0;
  let largest = 0;
  await mapLimit(batchIds, 16, async (id) => {
    const [window, slot] = id.split('-').map(Number) as [number, number];
    const item = await db.send(
      new GetCommand({
        TableName: table('receiptBatches'),
        Key: receiptWindowEntity.key({ window, slot }),
        ConsistentRead: true,
      }),
    );
    batchSigns += Number(item.Item?.signs ?? 0);
    largest = Math.max(largest, Number(item.Item?.size ?? 0));
  });
  const kmsSigns = receipts.filter((r) => !r.batch).length + batchSigns;

  // Every receipt offline, with the pinned key, by the verifier the CLI runs; the CLI itself on a few.
  const key = await must('receipts key', callApi('GET', '/receipts/public-key', undefined));
  let verified = 0;
  for (const receipt of receipts) if ((await verifyReceipt(receipt, key.pem)).ok) verified++;
  const dir = mkdtempSync(join(tmpdir(), 'bench-receipts-'));
  writeFileSync(join(dir, 'key.pem'), key.pem);
  const cli = join(import.meta.dirname, '..', 'shared', 'cli', 'eproc.ts');
  let cliChecked = 0;
  for (const [i, receipt] of receipts.slice(0, 5).entries()) {
    writeFileSync(join(dir, `r${i}.json`), JSON.stringify(receipt));
    const run = spawnSync(process.execPath, [
      cli,
      'bid',
      'verify-receipt',
      join(dir, `r${i}.json`),
      '--public-key',
      join(dir, 'key.pem'),
    ]);
    if (run.status !== 0) throw new Error(`eproc bid verify-receipt refused receipt ${i}: ${run.stdout}`);
    cliChecked++;
  }

  const latencies = accepted.map((a) => a.ms).sort((x, y) => x - y);
  const figures: Figures = {
    committed: accepted.length,
    refused_late: refusedLate.length,
    errors: answers.length - accepted.length - refusedLate.length,
    error_kinds: Object.fromEntries(
      Object.entries(
        Object.groupBy(
          answers.filter((a) => a.status !== 201 && !refusedLate.includes(a)),
          (a) => `${a.status} ${a.body?.code ?? a.body?.message ?? ''}`.trim(),
        ),
      ).map(([kind, list]) => [kind, list?.length ?? 0]),
    ),
    kms_signs: kmsSigns,
    kms_signs_per_receipt: round(kmsSigns / Math.max(1, accepted.length), 3),
    kms_signs_per_s: round(kmsSigns / surgeSeconds, 1),
    surge_s: round(surgeSeconds, 1),
    batches: batchIds.length,
    largest_batch: largest,
    commit_p50_ms: round(percentile(latencies, 50)),
    commit_p99_ms: round(percentile(latencies, 99)),
    lost,
    late_accepted: accepted.filter(
      (a) => Date.parse(a.body.receipt.receivedAt) >= deadlineMs || a.sentAt >= deadlineMs,
    ).length,
    // The server's time that decided, which every deadline refusal states.
    refused_received_before_deadline: refusedLate.filter((a) => Date.parse(a.body.receivedAt) < deadlineMs)
      .length,
    receipts_verified: verified,
    cli_checked: cliChecked,
  };
  progress(JSON.stringify(figures));
  return figures;
}
