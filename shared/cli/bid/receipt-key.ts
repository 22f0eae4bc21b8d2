// `eproc bid receipt-key`: fetches the receipts public key once and pins it in a file; receipts
// are then verified offline against that file. A pinned file is never silently replaced.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ReceiptPublicKeyView } from '../../receipts/receipt.ts';
import { CliError, call, connection, connectionOptions, expectStatus, runCommand } from './cli-support.ts';

export function receiptKeyCommand(args: readonly string[]): Promise<number> {
  return runCommand('receipt-key', async () => {
    const { values } = parseArgs({
      args: [...args],
      options: { ...connectionOptions, out: { type: 'string', default: 'receipts-key.pem' } },
    });
    const key = expectStatus(
      await call(connection(values), 'GET', '/receipts/public-key', { auth: false }),
      [200],
      'reading the receipts public key',
      ReceiptPublicKeyView,
    );
    if (existsSync(values.out) && readFileSync(values.out, 'utf8') !== key.pem) {
      throw new CliError(
        `${values.out} pins another key than the server now shows (${key.keyId}): not replaced`,
      );
    }
    writeFileSync(values.out, key.pem);
    process.stdout.write(`${key.keyId}\n`);
  });
}
