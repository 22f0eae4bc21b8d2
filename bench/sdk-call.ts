// `npm run bench -- sdk-call [calls] [items]`: the AWS SDK's own CPU per call, with and without its
// per-call log filtering (shared/runtime/sdk-call-log.ts), in the same run. A DocumentClient Query
// answered from memory (a canned 100-item response, no network, no emulator), so the figure is
// the SDK alone: middleware, signing, (de)serialisation, marshalling.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { withoutSdkCallLog } from '../shared/runtime/sdk-call-log.ts';
import { progress, report, round } from './report.ts';

const calls = Number(process.argv[2] ?? 3000);
const itemCount = Number(process.argv[3] ?? 100);

const items = Array.from({ length: itemCount }, (_, i) => ({
  pk: { S: `tender-01M8Y9TKX7R8EA6S7CSVBG8X${String(i).padStart(2, '0')}` },
  sk: { S: `bid-${i}-v1` },
  receivedAt: { S: '2026-12-03T02:00:00.000Z' },
  envelopeSha256: { S: 'a'.repeat(64) },
  envelopeSize: { N: String(1_000_000 + i) },
  lots: { L: [{ M: { lotId: { S: 'lot-1' }, value: { N: '5' } } }] },
}));
const body = JSON.stringify({ Items: items, Count: itemCount, ScannedCount: itemCount });

const requestHandler = {
  async handle() {
    return {
      response: {
        statusCode: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: new Blob([body]).stream(),
      },
    };
  },
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
};

function client(callLog: boolean) {
  const base = new DynamoDBClient({
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestHandler,
  });
  const doc = DynamoDBDocumentClient.from(base);
  return callLog ? doc : withoutSdkCallLog(DynamoDBDocumentClient.from(withoutSdkCallLog(base)));
}

/** CPU microseconds per call, after a warm-up. */
async function cpuPerCall(callLog: boolean): Promise<number> {
  const db = client(callLog);
  const query = () =>
    db.send(
      new QueryCommand({
        TableName: 'bids',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'tender-x' },
      }),
    );
  for (let i = 0; i < 300; i++) await query();
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await query();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

// Alternated, four rounds each, so that a noisy neighbour weighs on both alike; the variant that
// goes first changes every round, since the later rounds of a process run on warmer JIT code.
const withLog: number[] = [];
const withoutLog: number[] = [];
for (let round = 0; round < 4; round++) {
  if (round % 2 === 0) {
    withLog.push(await cpuPerCall(true));
    withoutLog.push(await cpuPerCall(false));
  } else {
    withoutLog.push(await cpuPerCall(false));
    withLog.push(await cpuPerCall(true));
  }
  progress(
    `round ${round + 1}: ${Math.round(withLog.at(-1) ?? 0)} µs with the call log, ${Math.round(withoutLog.at(-1) ?? 0)} µs without`,
  );
}
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid)
    ? ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
    : (sorted[Math.floor(mid)] as number);
};
report({
  bench: 'sdk-call',
  calls,
  items: itemCount,
  cpuUsPerCallWithCallLog: round(median(withLog), 0),
  cpuUsPerCallWithout: round(median(withoutLog), 0),
  saved: round(1 - median(withoutLog) / median(withLog), 2),
});
