// `npm run bench -- dynamodb-durability [rounds=6] [signal=SIGKILL]`: does DynamoDB Local (with a
// data directory) keep the writes it acknowledged when it is killed? Sixteen writers commit
// two-item transactions for 1.5 s, the emulator is killed with the signal and started again,
// and every acknowledged transaction is looked for. A loss is the emulator's, not the platform's
// (DynamoDB acknowledges a write once it is durable): the faults benchmark stops it with SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { startEmulators } from '../infra/local/emulators.ts';
import { progress, report } from './report.ts';

const rounds = Number(process.argv[2] ?? 6);
const signal = (process.argv[3] ?? 'SIGKILL') as NodeJS.Signals;
const dir = mkdtempSync(join(tmpdir(), 'eproc-bench-durability-'));
const emulators = await startEmulators({ dynamoDataDir: dir });
const TableName = 'durability';
try {
  const db = new DynamoDBClient({
    endpoint: emulators.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  await db.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  let acknowledged = 0;
  let lost = 0;
  let halfTransactions = 0;
  for (let round = 1; round <= rounds; round++) {
    const acked: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 16 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const pk = `r${round}-w${w}-${i}`;
        try {
          await db.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                {
                  Put: {
                    TableName,
                    Item: { pk: { S: pk } },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                { Put: { TableName, Item: { pk: { S: `${pk}-evt` } } } },
              ],
            }),
          );
          acked.push(pk);
        } catch {
          if (stop) return;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    const restarting = emulators.restartDynamoDb(500, signal);
    stop = true;
    await restarting;
    await Promise.allSettled(writers);
    const seen = new Set<string>();
    let startKey: Record<string, any> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName, ExclusiveStartKey: startKey }));
      for (const item of page.Items ?? []) seen.add(item.pk?.S ?? '');
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const gone = acked.filter((pk) => !seen.has(pk) || !seen.has(`${pk}-evt`));
    halfTransactions += acked.filter((pk) => seen.has(pk) !== seen.has(`${pk}-evt`)).length;
    acknowledged += acked.length;
    lost += gone.length;
    progress(
      `round ${round}: ${acked.length} acknowledged, ${gone.length} lost ${gone.slice(0, 3).join(' ')}`,
    );
  }
  report({
    bench: `dynamodb-durability-${signal.toLowerCase()}`,
    signal,
    rounds,
    acknowledged,
    lost,
    half_transactions: halfTransactions,
  });
} finally {
  await emulators.stop();
  rmSync(dir, { recursive: true, force: true });
}
