// `npm run bench -- submit [bidders] [in-flight]`: N contractors (default 500) each seal, upload and
// commit one bid to the same tender through the local HTTP API, 32 in flight by default (#14's
// surge: `submit 2000 64`), with the deadline falling
// during the commits. Then the same emulator calls the commit handler makes, issued directly
// (no HTTP, no worker, no handler) as the baseline. The local API runs in a child process (this
// file with --serve), so its peak memory is its own: API gateway, workers, handlers.
//
// The deadline: once 70 % of the commits are answered, the stored tender's deadline is set (as the
// tests' setStoredDeadline does) to fall some 5 % of the bids later at the rate just measured; the
// rest must be refused, and `late_accepted` counts any that is not. The baseline runs half before,
// half after the measured run.
import { type ChildProcess, fork } from 'node:child_process';
import { SignCommand } from '@aws-sdk/client-kms';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { tokenMinter } from '../infra/local/token-minter.ts';
import type { LocalUserPool } from '../infra/local/user-pool.ts';
import { auditEventEntity } from '../shared/entities/audit.ts';
import { bidVersionEntity } from '../shared/entities/bids.ts';
import { contractorEntity, ownerClaimEntity, signingKeyEntity } from '../shared/entities/parties.ts';
import { tenderEntity } from '../shared/entities/tenders.ts';
import { mapLimit } from '../shared/platform/concurrency.ts';
import { percentile, progress, report, round } from './report.ts';
import { sealBenchBid } from './support/bench-bid.ts';

const concurrency = Number(process.argv[3] ?? process.env.BENCH_CONCURRENCY ?? 32);
/** #14: the commits through the API at least 0.8 of the same emulator calls made directly. */
const TARGET_RATIO = 0.8;

if (process.argv.includes('--serve')) {
  // The local API process: emulators, every catalog function in its worker, the HTTP API.
  const cloud = await startLocalCloud({
    catalog: functionSpecs,
    // One Sign per receipt, as the baseline below makes it: this benchmark weighs the handler
    // against its own emulator calls; batched receipts are `submit-batched`'s (docs/capacity.md P1).
    settings: { POWERTOOLS_LOG_LEVEL: 'ERROR', RECEIPT_BATCH_WINDOW_MS: '0' },
    // The setup registers 500 contractors at 32 in flight, past registration's 100/s; the measured
    // commits (~55/s) are far inside the deadline-surge throttle (500/s, burst 1,000).
    throttling: 'off',
  });
  process.send?.({ url: cloud.url, env: cloud.env, userPool: cloud.userPool });
  process.on('message', async (message: string) => {
    if (message === 'peak') process.send?.({ peakRssKb: process.resourceUsage().maxRSS });
    if (message === 'stop') {
      await cloud.stop();
      process.exit(0);
    }
  });
} else {
  await main(Number(process.argv[2] ?? process.env.BENCH_BIDDERS ?? 500));
}

function ask<T>(
  child: ChildProcess,
  message: string | undefined,
  pick: (m: any) => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      const value = pick(m);
      if (value === undefined) return;
      child.off('message', onMessage);
      resolve(value);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the local API process exited (${code})`)));
    if (message) child.send(message);
  });
}

async function main(bidders: number) {
  const child = fork(import.meta.filename, ['--serve'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const started = await ask(child, undefined, (m) =>
    m?.url ? (m as { url: string; env: Record<string, string>; userPool: LocalUserPool }) : undefined,
  );
  try {
    Object.assign(process.env, started.env);
    await run(started.url, started.userPool, bidders, child);
  } finally {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
  }
}

async function run(api: string, userPool: LocalUserPool, bidders: number, child: ChildProcess) {
  // Loaded only now: they read the emulator endpoints and resource names from the environment.
  const { db } = await import('../shared/db/client.ts');
  const { storedEnvelope } = await import('../shared/bids/envelope-attributes.ts');
  const { kms } = await import('../shared/receipts/kms.ts');
  const { canonicalBytes } = await import('../shared/canonical/canonical-json.ts');
  const { ulid } = await import('../shared/runtime/ids.ts');
  const { generateSigningKeyPair, signSubmission } = await import('../shared/sealing/index.ts');
  const { envelopeKey, bidKeys } = await import('../shared/bids/bid-records.ts');
  const {
    getCurrentPointer,
    getIdempotencyRecord,
    idempotencyPut,
    ownIndexPut,
    pointerPut,
    sealOwnCopy,
    versionPut,
  } = await import('../shared/bids/bid-store.ts');
  const { bidderSecret } = await import('../shared/bids/bidder-secret.ts');
  const { bidderActor } = await import('../shared/bids/bidder-actor.ts');
  const { sealIdentity } = await import('../shared/bids/sealed-identity.ts');
  const { canonicalJson } = await import('../shared/canonical/canonical-json.ts');
  // The served cloud's own pool (a running `npm start`'s .local/user-pool.json is another pool).
  const issuer = tokenMinter(userPool);

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
  const must = async (what: string, answer: Promise<{ status: number; body: any }>, ok = [200, 201]) => {
    const r = await answer;
    if (!ok.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  // Setup, not timed: an organisation and its tender, N contractors with registered keys.
  const admin = await issuer.sign({ sub: 'bench-admin', roles: ['admin'] });
  const org = await must(
    'organisation',
    callApi('POST', '/organisations', admin, {
      name: 'Sở Kế hoạch và Đầu tư (bench)',
      code: `BS${Date.now()}`,
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
      title: 'Gói thầu đo tải nộp thầu',
      description: 'Benchmark: many contractors bid at the deadline',
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
  progress(`registering ${bidders} contractors with signing keys…`);
  const codeBase = Math.floor(Math.random() * 9e7);
  // Setup at 16 in flight, each token minted with retries: moto's Cognito answers 500 under 64
  // concurrent sign-ups once the pool holds ~1,250 users.
  const mint = async (sub: string, attempt = 0): Promise<string> => {
    try {
      return await issuer.sign({ sub, roles: ['contractor'] });
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      return mint(sub, attempt + 1);
    }
  };
  const people = await mapLimit(Array.from({ length: bidders }), Math.min(concurrency, 16), async (_, i) => {
    const sub = `bench-contractor-${Date.now()}-${i}`;
    const token = await mint(sub);
    const contractor = await must(
      'contractor',
      callApi('POST', '/contractors', token, {
        name: `Công ty TNHH Thầu số ${i + 1}`,
        enterpriseCode: `07${String(codeBase + i).padStart(8, '0')}`,
        address: { street: `${i + 1} Phố Huế`, province: 'Hà Nội' },
        contacts: [{ name: 'Nguyễn Văn A', email: `a${i}@example.vn` }],
        representatives: [{ name: 'Trần Thị B', title: 'Giám đốc' }],
      }),
    );
    const key = await generateSigningKeyPair();
    await must(
      'signing key',
      callApi('POST', `/contractors/${contractor.contractorId}/signing-keys`, token, {
        publicKeyJwk: key.publicKeyJwk,
      }),
    );
    if ((i + 1) % 250 === 0) progress(`  ${i + 1} of ${bidders} registered`);
    return { sub, token, contractorId: contractor.contractorId as string, key };
  });

  // Each contractor seals and uploads (not the measured part: the commits are).
  progress('sealing and uploading…');
  const document = new TextEncoder().encode('Hồ sơ kỹ thuật. '.repeat(512));
  const uploadStarted = performance.now();
  const bids = await mapLimit(people, concurrency, async (p, i) => {
    const { bytes, sha256 } = await sealBenchBid(
      {
        tenderId,
        lotId,
        contractorId: p.contractorId,
        tenderPublicKey: tender.openingPublicKey.jwk,
        index: i,
      },
      document,
    );
    const ticket = await must(
      'ticket',
      callApi('POST', `/tenders/${tenderId}/lots/${lotId}/bid-uploads`, p.token, {
        size: bytes.length,
        sha256,
      }),
    );
    const put = await fetch(ticket.uploadUrl, { method: 'PUT', body: bytes, headers: ticket.headers });
    if (put.status !== 200) throw new Error(`upload: ${put.status} ${await put.text()}`);
    const signature = await signSubmission(p.key.privateKey, {
      tenderId,
      lotId,
      contractorId: p.contractorId,
      envelopeSha256: sha256,
    });
    if ((i + 1) % 250 === 0) progress(`  ${i + 1} of ${bidders} uploaded`);
    return { ...p, uploadId: ticket.uploadId as string, sha256, signature, size: bytes.length };
  });
  const uploadSeconds = (performance.now() - uploadStarted) / 1000;

  // Baseline: the commit handler's emulator calls, in the same groups, issued directly.
  progress('baseline: the same emulator calls without the handler…');
  const table = (name: string) => process.env[`TABLE_${name.toUpperCase()}`] as string;
  const baselineTender = `BASELINE${ulid()}`;
  const receiptKeyId = process.env.KEY_RECEIPTS_ID as string;
  const baselineLatencies: number[] = [];
  let baselineSeconds = 0;
  const runBaseline = async (part: typeof bids) => {
    const started = performance.now();
    await mapLimit(part, concurrency, async (b) => {
      const t0 = performance.now();
      await db.send(
        new GetCommand({
          TableName: table('parties'),
          Key: ownerClaimEntity.key({ sub: b.sub }),
          ConsistentRead: true,
        }),
      );
      const key = crypto.randomUUID();
      // The bidder's secret (one KMS GenerateMac per contractor, cached as the Lambda caches it)
      // alongside the contractor, tender and signing-key reads.
      const [secret] = await Promise.all([
        bidderSecret(b.contractorId),
        db.send(
          new GetCommand({
            TableName: table('parties'),
            Key: contractorEntity.key({ contractorId: b.contractorId }),
            ConsistentRead: true,
          }),
        ),
        db.send(
          new GetCommand({
            TableName: table('tenders'),
            Key: tenderEntity.key({ tenderId }),
            ConsistentRead: true,
          }),
        ),
        db.send(
          new GetCommand({
            TableName: table('parties'),
            Key: signingKeyEntity.key({ contractorId: b.contractorId, keyId: b.key.keyId }),
            ConsistentRead: true,
          }),
        ),
      ]);
      // Bids are stored under the baseline tender (so as not to collide with the measured run's
      // pointers), the envelope was uploaded under the real one.
      const bidderRef = secret.bidderRef(baselineTender);
      const requestMac = secret.mac(
        'commit-request',
        canonicalJson({
          tenderId: baselineTender,
          lotId,
          uploadId: b.uploadId,
          envelopeSha256: b.sha256,
          signingKeyId: b.key.keyId,
        }),
      );
      await Promise.all([
        getIdempotencyRecord(secret, baselineTender, key),
        getCurrentPointer(baselineTender, lotId, bidderRef),
      ]);
      await storedEnvelope(envelopeKey(tenderId, lotId, secret.bidderRef(tenderId), b.uploadId));
      const receivedAt = new Date().toISOString();
      const eventId = ulid();
      const bidId = ulid();
      const body = {
        format: 'eproc-bid-receipt-v1',
        tenderId: baselineTender,
        lotId,
        contractorId: b.contractorId,
        bidId,
        version: 1,
        envelopeSha256: b.sha256,
        receivedAt,
        eventId,
      };
      const signed = await kms.send(
        new SignCommand({
          KeyId: receiptKeyId,
          Message: canonicalBytes(body),
          MessageType: 'RAW',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      const receipt = { ...body, signature: Buffer.from(signed.Signature!).toString('base64url') };
      const placed = { tenderId: baselineTender, lotId, bidderRef, bidId };
      const sealedIdentity = await sealIdentity(tender.openingPublicKey.jwk, placed, {
        contractorId: b.contractorId,
        signingKeyId: b.key.keyId,
        signature: b.signature,
      });
      const change = {
        lotId,
        bidderRef,
        bidId,
        version: 1,
        envelopeSha256: b.sha256,
        envelopeSize: b.size,
        receivedAt,
      };
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            versionPut({
              ...placed,
              version: 1,
              status: 'active',
              envelopeKey: envelopeKey(baselineTender, lotId, bidderRef, b.uploadId),
              envelopeSha256: b.sha256,
              envelopeSize: b.size,
              sealedIdentity,
              receivedAt,
              auditEventId: eventId,
              ownerSeal: sealOwnCopy(secret, placed, {
                receipt: receipt as never,
                signingKeyId: b.key.keyId,
              }),
            }),
            pointerPut({ ...placed, version: 1, status: 'active' }, undefined),
            idempotencyPut(secret, baselineTender, key, {
              requestMac,
              bidId,
              lotId,
              version: 1,
              expiresAt: Math.floor(Date.now() / 1000) + 86_400,
            }),
            ownIndexPut(secret, { tenderId: baselineTender, lotId, bidId, version: 1 }),
            {
              Put: {
                TableName: table('audit'),
                Item: {
                  ...auditEventEntity.key({ eventId }),
                  eventId,
                  at: receivedAt,
                  objectKey: `bench-baseline#${bidId}`,
                  actorKey: bidderActor(bidderRef).sub,
                  actor: bidderActor(bidderRef),
                  action: 'bench.baseline',
                  change,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      baselineLatencies.push(performance.now() - t0);
    });
    baselineSeconds += (performance.now() - started) / 1000;
  };
  // Half before and half after the measured run, so a machine busier at one moment than at the
  // other weighs on both sides alike.
  const half = Math.floor(bids.length / 2);
  await runBaseline(bids.slice(0, half));

  // The measured run: every commit through the HTTP API, the deadline set to fall during it.
  progress(`committing ${bidders} bids through the local HTTP API, ${concurrency} in flight…`);
  let deadlineMs = Number.POSITIVE_INFINITY;
  const answeredAt: number[] = [];
  const setDeadlineAt = Math.floor(bidders * 0.7);
  const commitStarted = performance.now();
  const answers = await mapLimit(bids, concurrency, async (b) => {
    const sentAt = Date.now();
    const t0 = performance.now();
    const r = await callApi(
      'POST',
      `/tenders/${tenderId}/lots/${lotId}/bids`,
      b.token,
      { uploadId: b.uploadId, envelopeSha256: b.sha256, signature: b.signature, signingKeyId: b.key.keyId },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const ms = performance.now() - t0;
    answeredAt.push(Date.now());
    if (answeredAt.length === setDeadlineAt) {
      // The recent rate, then a deadline some 5 % of the bids away: the rest come after it.
      const window = answeredAt.slice(-Math.max(concurrency, Math.floor(bidders / 10)));
      const perMs = (window.length - 1) / Math.max(1, (window.at(-1) as number) - (window[0] as number));
      deadlineMs = Date.now() + Math.max(250, Math.round((bidders * 0.05) / perMs));
      await db.send(
        new UpdateCommand({
          TableName: table('tenders'),
          Key: tenderEntity.key({ tenderId }),
          UpdateExpression: 'SET submissionDeadline = :d',
          ExpressionAttributeValues: { ':d': new Date(deadlineMs).toISOString() },
        }),
      );
      progress(`deadline set to ${new Date(deadlineMs).toISOString()} after ${answeredAt.length} answers`);
    }
    return { b, status: r.status, body: r.body, ms, sentAt, doneAt: performance.now() };
  });

  progress('baseline, second half…');
  await runBaseline(bids.slice(half));

  // What was promised against what was stored.
  const accepted = answers.filter((a) => a.status === 201);
  const refusedLate = answers.filter((a) => a.status === 409 && a.body?.code === 'DEADLINE_PASSED');
  const errors = answers.length - accepted.length - refusedLate.length;
  let lost = 0;
  await mapLimit(accepted, concurrency, async (a) => {
    const receipt = a.body.receipt;
    // Stored under the contractor's pseudonym on the tender, not its id.
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
  const lateAccepted = accepted.filter(
    (a) => Date.parse(a.body.receipt.receivedAt) >= deadlineMs || a.sentAt >= deadlineMs,
  ).length;
  let storedVersions = 0;
  let startKey: Record<string, unknown> | undefined;
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table('bids'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bid)',
        ExpressionAttributeValues: {
          ':pk': bidVersionEntity.pk({ tenderId }),
          ':bid': bidVersionEntity.skPrefix({}),
        },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    storedVersions += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  const lastAccepted = Math.max(...accepted.map((a) => a.doneAt));
  const committedPerSecond = accepted.length / ((lastAccepted - commitStarted) / 1000);
  const baselinePerSecond = bids.length / baselineSeconds;
  const latencies = accepted.map((a) => a.ms).sort((x, y) => x - y);
  baselineLatencies.sort((x, y) => x - y);
  const peakRssKb = await ask(child, 'peak', (m) => (m?.peakRssKb ? (m.peakRssKb as number) : undefined));
  const ratio = committedPerSecond / baselinePerSecond;
  report({
    bench: 'submit',
    bidders,
    concurrency,
    committed: accepted.length,
    refused_late: refusedLate.length,
    errors,
    committed_per_s: round(committedPerSecond, 1),
    commit_p50_ms: round(percentile(latencies, 50)),
    commit_p99_ms: round(percentile(latencies, 99)),
    lost,
    late_accepted: lateAccepted,
    stored_without_answer: storedVersions - accepted.length,
    deadline_position: round(accepted.length / bidders, 2),
    baseline_per_s: round(baselinePerSecond, 1),
    baseline_p50_ms: round(percentile(baselineLatencies, 50)),
    baseline_p99_ms: round(percentile(baselineLatencies, 99)),
    ratio: round(ratio, 2),
    target_ratio: TARGET_RATIO,
    upload_phase_s: round(uploadSeconds, 1),
    api_peak_rss_mb: round(peakRssKb / 1024, 1),
    ok:
      lost === 0 &&
      lateAccepted === 0 &&
      errors === 0 &&
      ratio >= TARGET_RATIO &&
      refusedLate.length > 0 &&
      accepted.length > 0,
  });
}
