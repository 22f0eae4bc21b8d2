// `eproc bid withdraw`: withdraws your active bid on a lot before the deadline; keeps the receipt.
import { parseArgs } from 'node:util';
import { BidActionResult } from '../../bids/bid-schemas.ts';
import {
  call,
  connection,
  connectionOptions,
  expectStatus,
  required,
  runCommand,
  writeJson,
} from './cli-support.ts';

export function withdrawCommand(args: readonly string[]): Promise<number> {
  return runCommand('withdraw', async () => {
    const { values } = parseArgs({
      args: [...args],
      options: {
        ...connectionOptions,
        tender: { type: 'string' },
        lot: { type: 'string' },
        bid: { type: 'string' },
        receipt: { type: 'string' },
      },
    });
    required(values, 'tender', 'lot', 'bid');
    const conn = connection(values);
    const withdrawn = expectStatus(
      await call(conn, 'DELETE', `/tenders/${values.tender}/lots/${values.lot}/bids/${values.bid}`),
      [200],
      'withdrawing the bid',
      BidActionResult,
    );
    const receiptPath = values.receipt ?? `withdrawal-${values.bid}.receipt.json`;
    writeJson(receiptPath, withdrawn.receipt);
    process.stdout.write(
      `${JSON.stringify({ bidId: values.bid, action: 'bid.withdrawn', receivedAt: withdrawn.receipt.receivedAt, receipt: receiptPath })}\n`,
    );
  });
}
