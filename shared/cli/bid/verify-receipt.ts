// `eproc bid verify-receipt`: checks a receipt offline against the pinned receipts public key. Exit
// 0 when it verifies, 1 when it does not, 2 when it cannot run.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyReceipt } from '../../receipts/verify-receipt.ts';
import { CliError, readJson, runCommand } from './cli-support.ts';

export function verifyReceiptCommand(args: readonly string[]): Promise<number> {
  return runCommand('verify-receipt', async () => {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { receipt: { type: 'string' }, 'public-key': { type: 'string' } },
    });
    const receiptPath = values.receipt ?? positionals[0];
    const keyPath = values['public-key'] ?? process.env.EPROC_RECEIPTS_KEY;
    if (!receiptPath) throw new CliError('missing the receipt file (--receipt FILE)');
    if (!keyPath)
      throw new CliError('missing the pinned receipts key (--public-key FILE or EPROC_RECEIPTS_KEY)');
    let pinned: string;
    try {
      pinned = readFileSync(keyPath, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${keyPath}: ${(error as Error).message}`);
    }
    const result = await verifyReceipt(readJson(receiptPath, 'receipt'), pinned);
    if (!result.ok) {
      process.stdout.write(`INVALID (${result.reason}): ${result.detail}\n`);
      return false;
    }
    const r = result.receipt;
    process.stdout.write(
      [
        `OK ${r.action} signed by receipts key ${result.keyId}`,
        `  tender ${r.tenderId}  lot ${r.lotId}  contractor ${r.contractorId}`,
        `  bid ${r.bidId} version ${r.version}${r.replaces ? ` (replaces ${r.replaces})` : ''}`,
        `  envelope SHA-256 ${r.envelopeSha256}`,
        `  received ${r.receivedAt}; audit event ${r.eventId}, in the log by ${r.integratedBy}`,
        ...(r.format === 'eproc-bid-receipt-v2'
          ? [
              `  leaf ${r.proof.index} of batch ${r.batch.id} (${r.batch.size} receipts, sealed ${r.batch.sealedAt})`,
            ]
          : []),
        '',
      ].join('\n'),
    );
  });
}
