// `npm run bench -- faults [bidders=500] [rate=0.1]`: the submission surge under injected AWS
// faults (infra/local/faults/) on the bid, opening and audit-log functions, then the same surge
// with DynamoDB Local killed and restarted in its middle. Bidders retry 503/429 answers after
// their Retry-After with the same Idempotency-Key, as a real client does. Each phase checks what
// was promised against what was stored, opened and logged: lost, duplicated, late accepted,
// opened once each, one set of minutes, every receipt's event in the log once, the log's root
// recomputed from its entries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionSpecs } from '../functions/catalog.ts';
import { type FaultTally, tallyFaults } from '../infra/local/faults/fault-tally.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { auditEventEntity } from '../shared/entities/audit.ts';
import { bidVersionEntity } from '../shared/entities/bids.ts';
import { tenderEntity } from '../shared/entities/tenders.ts';
import { fetchWithRetry } from '../shared/http/client-retry.ts';
import { mapLimit } from '../shared/platform/concurrency.ts';
import { progress, report } from './report.ts';
import { sealBenchBid } from './support/bench-bid.ts';
import { benchProcuringEntity } from './support/bench-entity.ts';

const bidders = Number(process.argv[2] ?? process.env.BENCH_BIDDERS ?? 500);
const faultRate = Number(process.argv[3] ?? 0.1);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
// DynamoDB is stopped, not crashed: DynamoDB Local loses some writes it acknowledged when it is
// SIGKILLed (bench/dynamodb-durability.ts measures it), which DynamoDB never does. SIGKILL on
// request, to see the emulator's own loss.
const killSignal = (process.env.BENCH_DYNAMO_KILL_SIGNAL ?? 'SIGTERM') as NodeJS.Signals;
// Registration is setup, not measured: gentler, so no function runs out its timeout on a busy machine.
const setupConcurrency = 8;
const faulted = [
  'bidUploads',
  'bidCommit',
  'opener',
  'openingSafetyNet',
  'sequencer',
  'checkpointer',
  'minutes',
];

const dataDir = mkdtempSync(join(tmpdir(), 'eproc-bench-faults-'));
const cloud = await startLocalCloud({
  catalog: functionSpecs,
  dataDir,
  settings: {
    POWERTOOLS_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'CRITICAL',
    LOCAL_FAULT_RATE: String(faultRate),
    LOCAL_FAULT_SEED: '2024',
    LOCAL_FAULT_FUNCTIONS: faulted.join(','),
    SCHEDULE_INTERVAL_MS: '1000',
    QUEUE_RETRY_BASE_SECONDS: '1',
  },
});
Object.assign(process.env, cloud.env);
// Cold starts are not what this measures (and the local gateway gives up on a slow one).
await cloud.pool.warm();
const { UpdateCommand, GetCommand, QueryCommand } = await import('@aws-sdk/lib-dynamodb');
const { db } = await import('../shared/db/client.ts');
const { bidKeys } = await import('../shared/bids/bid-records.ts');
const { bidderSecret } = await import('../shared/bids/bidder-secret.ts');
const { statusIndexSk } = await import('../shared/tenders/tender-store.ts');
const { readHead, readEntries, liveLog } = await import('../shared/audit-log/index.ts');
const { entryBytes, leafHash, MerkleTree, toBase64 } = await import('../shared/tlog/index.ts');
const { generateSigningKeyPair, signSubmission } = await import('../shared/sealing/index.ts');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The bench's own store reads and writes ride out the DynamoDB restart too. */
async function patiently<T>(what: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await what();
    } catch (error) {
      if (attempt >= 60) throw error;
      await sleep(1000);
    }
  }
}

try {
  const { post, token: pe } = await benchProcuringEntity(cloud, {
    name: 'Sở Tài chính (bench faults)',
    code: `BF${Date.now()}`,
    street: '38 Trần Phú',
  });
  progress(`registering ${bidders} contractors…`);
  const people = await mapLimit(Array.from({ length: bidders }), setupConcurrency, async (_, i) => {
    const sub = `bench-faults-${Date.now()}-${i}`;
    const token = await cloud.tokens.sign({ sub, roles: ['contractor'] });
    const contractor = await post('/contractors', token, {
      name: `Công ty Cổ phần Thầu số ${i + 1}`,
      enterpriseCode: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      address: { street: `${i + 1} Hàng Bài`, province: 'Hà Nội' },
      contacts: [{ name: 'Nguyễn Văn A', email: `f${i}@example.vn` }],
      representatives: [{ name: 'Trần Thị B', title: 'Giám đốc' }],
    });
    const key = await generateSigningKeyPair();
    await post(`/contractors/${contractor.contractorId}/signing-keys`, token, {
      publicKeyJwk: key.publicKeyJwk,
    });
    return { token, contractorId: contractor.contractorId as string, key };
  });

  const faultsPhase = await phase('faults');
  const restartPhase = await phase('dynamodb-restart');
  const clean = (p: Record<string, any>) =>
    p.answers_5xx_other === 0 &&
    p.lost === 0 &&
    p.duplicated === 0 &&
    p.late_accepted === 0 &&
    p.opened === p.committed &&
    p.opened_twice === 0 &&
    p.minutes_sets === 1 &&
    p.log_verified === true;
  report({
    bench: 'faults',
    bidders,
    fault_rate: faultRate,
    faulted_functions: faulted,
    ...faultsPhase,
    restart: { kill_signal: killSignal, ...restartPhase },
    ok: clean(faultsPhase) && clean(restartPhase),
  });

  async function phase(name: 'faults' | 'dynamodb-restart') {
    const tally: FaultTally = tallyFaults();
    const started = performance.now();
    const day = 86_400_000;
    const draft = await post('/tenders', pe, {
      title: `Gói thầu thử lỗi (${name})`,
      description: 'Benchmark: submissions under injected faults',
      category: 'goods',
      procurementMethod: 'open',
      envelopeProcedure: 'one-envelope',
      lots: [{ title: 'Lô 1', estimatedValue: 9_000_000_000, bidSecurityAmount: 90_000_000 }],
      bidValidityDays: 120,
      evaluation: { method: 'lowest-price' },
      submissionDeadline: new Date(Date.now() + 30 * day).toISOString(),
      questionsDeadline: new Date(Date.now() + 20 * day).toISOString(),
    });
    const tender = await post(`/tenders/${draft.tenderId}/publish`, pe, undefined, {
      'if-match': `"${draft.version}"`,
    });
    const tenderId = tender.tenderId as string;
    const lotId = tender.lots[0].lotId as string;

    const statuses: Record<string, number> = {};
    let clientRetries = 0;
    const call = async (path: string, token: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetchWithRetry(
        `${cloud.url}${path}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        },
        {
          attempts: 40,
          onRetry: (status) => {
            clientRetries++;
            statuses[status] = (statuses[status] ?? 0) + 1;
          },
        },
      );
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const answer = (await response.json()) as Record<string, any>;
      // A final 5xx other than 503 is a bug to chase: say what it was.
      if (response.status >= 500 && response.status !== 503) {
        progress(`${path}: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
      }
      return { status: response.status, body: answer };
    };

    progress(`${name}: sealing and uploading ${bidders} bids…`);
    const document = new TextEncoder().encode('Hồ sơ kỹ thuật. '.repeat(256));
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
      const ticket = await call(`/tenders/${tenderId}/lots/${lotId}/bid-uploads`, p.token, {
        size: bytes.length,
        sha256,
      });
      if (ticket.status !== 201) throw new Error(`ticket: ${ticket.status} ${JSON.stringify(ticket.body)}`);
      const put = await fetch(ticket.body.uploadUrl, {
        method: 'PUT',
        body: bytes,
        headers: ticket.body.headers,
      });
      if (put.status !== 200) throw new Error(`upload: ${put.status} ${await put.text()}`);
      const signature = await signSubmission(p.key.privateKey, {
        tenderId,
        lotId,
        contractorId: p.contractorId,
        envelopeSha256: sha256,
      });
      return { ...p, uploadId: ticket.body.uploadId as string, sha256, signature };
    });

    progress(`${name}: committing, ${concurrency} in flight…`);
    let deadlineMs = Number.POSITIVE_INFINITY;
    let answered = 0;
    let restarting: Promise<void> | undefined;
    let deadlineSet: Promise<unknown> | undefined;
    const setDeadline = () => {
      deadlineMs = Date.now() + 300;
      const deadline = new Date(deadlineMs).toISOString();
      // As another path would move it; the safety net sets the opening timer.
      return patiently(() =>
        db.send(
          new UpdateCommand({
            TableName: process.env.TABLE_TENDERS,
            Key: tenderEntity.key({ tenderId }),
            UpdateExpression: 'SET submissionDeadline = :d, gsi1sk = :sk',
            ExpressionAttributeValues: { ':d': deadline, ':sk': statusIndexSk(deadline, tenderId) },
          }),
        ),
      );
    };
    const commitStarted = performance.now();
    const answers = await mapLimit(bids, concurrency, async (b) => {
      const key = crypto.randomUUID();
      const sentAt = Date.now();
      const body = {
        uploadId: b.uploadId,
        envelopeSha256: b.sha256,
        signature: b.signature,
        signingKeyId: b.key.keyId,
      };
      const path = `/tenders/${tenderId}/lots/${lotId}/bids`;
      const r = await call(path, b.token, body, { 'idempotency-key': key });
      answered++;
      if (name === 'dynamodb-restart' && answered === Math.floor(bidders * 0.3)) {
        progress(
          `stopping DynamoDB Local (${killSignal}); restarting it on the same port and data directory…`,
        );
        restarting = cloud.restartDynamoDb?.(1000, killSignal);
      }
      if (answered === Math.floor(bidders * 0.9)) deadlineSet = setDeadline();
      // A client that lost the answer sends the same request again: the same receipt, or nothing.
      const again =
        r.status === 201 ? await call(path, b.token, body, { 'idempotency-key': key }) : undefined;
      return { b, sentAt, status: r.status, body: r.body, again };
    });
    const commitSeconds = (performance.now() - commitStarted) / 1000;
    await restarting;
    await (deadlineSet ?? setDeadline());

    const accepted = answers.filter((a) => a.status === 201);
    const refusedLate = answers.filter((a) => a.status === 409 && a.body.code === 'DEADLINE_PASSED');
    const duplicatedAnswers = accepted.filter(
      (a) =>
        a.again?.status !== 201 || JSON.stringify(a.again.body.receipt) !== JSON.stringify(a.body.receipt),
    ).length;
    const lateAccepted = accepted.filter((a) => Date.parse(a.body.receipt.receivedAt) >= deadlineMs).length;
    let lost = 0;
    await mapLimit(accepted, concurrency, async (a) => {
      const receipt = a.body.receipt;
      const bidderRef = (await bidderSecret(a.b.contractorId)).bidderRef(tenderId);
      const [version, event] = await patiently(() =>
        Promise.all([
          db.send(
            new GetCommand({
              TableName: process.env.TABLE_BIDS,
              Key: bidKeys.version(tenderId, lotId, bidderRef, 1),
              ConsistentRead: true,
            }),
          ),
          db.send(
            new GetCommand({
              TableName: process.env.TABLE_AUDIT,
              Key: auditEventEntity.key({ eventId: receipt.eventId }),
              ConsistentRead: true,
            }),
          ),
        ]),
      );
      if (version.Item?.bidId !== receipt.bidId || event.Item?.object?.id !== receipt.bidId) {
        lost++;
        // Which half is gone says where to look (the store, the log's event, or both).
        progress(
          `${name}: receipt ${receipt.bidId} at ${receipt.receivedAt}: version ${version.Item ? 'stored' : 'missing'}, event ${event.Item ? 'stored' : 'missing'}`,
        );
      }
    });
    const stored = await patiently(async () => {
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: process.env.TABLE_BIDS,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bid)',
            ExpressionAttributeValues: {
              ':pk': bidVersionEntity.pk({ tenderId }),
              ':bid': bidVersionEntity.skPrefix({}),
            },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    });

    progress(`${name}: waiting for the opening…`);
    let minutes: any;
    for (const until = Date.now() + 300_000; Date.now() < until; await sleep(500)) {
      const r = await fetch(`${cloud.url}/tenders/${tenderId}/minutes`);
      if (r.status === 200) {
        minutes = await r.json();
        break;
      }
    }
    const sets = (minutes?.items ?? []).filter((i: any) => i.phase === 'opening' || i.document?.minutes);
    const openedIds: string[] = (sets[0]?.document.minutes.bids ?? []).map((b: any) => b.bidId);
    const acceptedIds = new Set(accepted.map((a) => a.body.receipt.bidId as string));
    const opened = openedIds.filter((id) => acceptedIds.has(id));
    const openedTwice = opened.length - new Set(opened).size;

    progress(`${name}: waiting for the audit log…`);
    const wanted = new Set(accepted.map((a) => a.body.receipt.eventId as string));
    let logVerified = false;
    let logDuplicates = 0;
    let missingFromLog = wanted.size;
    for (const until = Date.now() + 120_000; Date.now() < until; await sleep(1000)) {
      const ok = await patiently(async () => {
        const head = await readHead(liveLog().table);
        const entries = await readEntries(liveLog(), 0, head.size);
        const ids = entries.map((e) => e.event.eventId);
        logDuplicates = ids.length - new Set(ids).size;
        missingFromLog = [...wanted].filter((id) => !ids.includes(id)).length;
        // Each entry's leaf from its event, the root from the leaves: the head the log signs.
        const leaves = entries.map((e) => leafHash(entryBytes(e.seq, e.event)));
        const leavesMatch = entries.every((e, i) => toBase64(leaves[i] as Uint8Array) === e.leafHash);
        const root = toBase64(MerkleTree.fromLeafHashes(leaves).root());
        return leavesMatch && root === toBase64(head.rootHash) && logDuplicates === 0 && missingFromLog === 0;
      });
      if (ok) {
        logVerified = true;
        break;
      }
    }
    await sleep(400); // the workers' last fault counts
    tally.close();
    const answers5xxOther = Object.entries(statuses)
      .filter(([s]) => Number(s) >= 500 && Number(s) !== 503)
      .reduce((n, [, c]) => n + c, 0);
    return {
      phase: name,
      injected: tally.totals(),
      injected_by_kind: Object.fromEntries(Object.entries(tally.byService).map(([s, c]) => [s, c.injected])),
      sdk_calls: Object.fromEntries(Object.entries(tally.byService).map(([s, c]) => [s, c.calls])),
      sdk_retries: Object.values(tally.byService).reduce((n, c) => n + c.retries, 0),
      answers_by_status: statuses,
      answers_5xx_other: answers5xxOther,
      client_retries: clientRetries,
      committed: accepted.length,
      refused_late: refusedLate.length,
      other_refusals: answers.length - accepted.length - refusedLate.length,
      lost,
      // A retry answered with another receipt than the first; stored bids whose bidder got no
      // receipt (a final non-retryable answer after the write) are counted apart.
      duplicated: duplicatedAnswers,
      stored_without_receipt: Math.max(0, stored - accepted.length),
      stored_versions: stored,
      late_accepted: lateAccepted,
      opened: opened.length,
      opened_twice: openedTwice,
      minutes_sets: sets.length,
      log_verified: logVerified,
      log_duplicates: logDuplicates,
      missing_from_log: missingFromLog,
      commit_phase_s: Math.round(commitSeconds * 10) / 10,
      phase_s: Math.round((performance.now() - started) / 100) / 10,
    };
  }
} finally {
  await cloud.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
