// `eproc bid submit`: signs the sealed envelope's hash, uploads the envelope straight to S3 through
// a presigned PUT (progress on stderr), commits it and keeps the receipt. A failed run can be run
// again: the upload and the Idempotency-Key are remembered beside the envelope, so a commit that
// went through but whose answer was lost returns the same receipt instead of a second bid.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BidActionResult, BidUploadTicket } from '../../bids/bid-schemas.ts';
import { financialBinding } from '../../opening/two-envelope.ts';
import { verifyReceipt } from '../../receipts/verify-receipt.ts';
import { signSubmission } from '../../sealing/index.ts';
import {
  CliError,
  call,
  connection,
  connectionOptions,
  expectStatus,
  required,
  runCommand,
  writeJson,
} from './cli-support.ts';
import { byteProgress } from './progress.ts';
import { checkEnvelopeFile, financialPath, readSealedBid, writeSealedBid } from './sealed-file.ts';
import { readSigningKey } from './signing-key-file.ts';
import { putFile } from './upload.ts';

export function submitCommand(args: readonly string[]): Promise<number> {
  return runCommand('submit', async () => {
    const { values } = parseArgs({
      args: [...args],
      options: {
        ...connectionOptions,
        sealed: { type: 'string', default: 'bid.sealed' },
        key: { type: 'string' },
        replaces: { type: 'string' },
        receipt: { type: 'string' },
        'receipts-key': { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
    });
    required(values, 'key');
    const conn = connection(values);
    const envelopePath = values.sealed;
    let description = readSealedBid(envelopePath);
    const { tenderId, lotId, contractorId } = description;
    const key = await readSigningKey(values.key as string);
    const binding = { tenderId, lotId, contractorId };
    const financial = description.financial;
    await checkEnvelopeFile(envelopePath, description);
    if (financial) await checkEnvelopeFile(financialPath(envelopePath), financial);
    const signature = await signSubmission(key.privateKey, {
      ...binding,
      envelopeSha256: description.sha256,
    });
    const financialSignature =
      financial &&
      (await signSubmission(key.privateKey, {
        ...financialBinding(binding),
        envelopeSha256: financial.sha256,
      }));

    const lotPath = `/tenders/${tenderId}/lots/${lotId}`;
    const uploadOne = async (path: string, envelope: { size: number; sha256: string }) => {
      const ticket = expectStatus(
        await call(conn, 'POST', `${lotPath}/bid-uploads`, {
          body: { size: envelope.size, sha256: envelope.sha256 },
        }),
        [201],
        'asking for an upload',
        BidUploadTicket,
      );
      const progress = byteProgress('uploading', envelope.size, process.stderr, !values.quiet);
      const put = await putFile(ticket.uploadUrl, path, envelope.size, ticket.headers, progress);
      progress.done();
      if (put.status !== 200)
        throw new CliError(`the upload was refused (${put.status}): ${put.text.slice(0, 300)}`);
      return ticket.uploadId;
    };
    if (!description.submission) {
      const uploadId = await uploadOne(envelopePath, description);
      const financialUploadId = financial
        ? await uploadOne(financialPath(envelopePath), financial)
        : undefined;
      description = {
        ...description,
        submission: {
          uploadId,
          ...(financialUploadId ? { financialUploadId } : {}),
          idempotencyKey: crypto.randomUUID(),
          uploadedAt: new Date().toISOString(),
        },
      };
      writeSealedBid(envelopePath, description);
    }
    const submission = description.submission as NonNullable<typeof description.submission>;
    const committed = expectStatus(
      await call(conn, 'POST', `${lotPath}/bids`, {
        headers: { 'idempotency-key': submission.idempotencyKey },
        body: {
          uploadId: submission.uploadId,
          envelopeSha256: description.sha256,
          signature,
          signingKeyId: key.keyId,
          ...(financial && submission.financialUploadId
            ? {
                financial: {
                  uploadId: submission.financialUploadId,
                  envelopeSha256: financial.sha256,
                  signature: financialSignature,
                },
              }
            : {}),
          ...(values.replaces ? { replaces: values.replaces } : {}),
        },
      }),
      [201],
      'committing the bid',
      BidActionResult,
    );
    const receiptPath = values.receipt ?? `${envelopePath}.receipt.json`;
    writeJson(receiptPath, committed.receipt);
    if (values['receipts-key']) {
      const checked = await verifyReceipt(committed.receipt, readFileSync(values['receipts-key'], 'utf8'));
      if (!checked.ok) {
        writeFileSync(`${receiptPath}.invalid`, checked.detail);
        throw new CliError(
          `the receipt does not verify against ${values['receipts-key']}: ${checked.detail}`,
        );
      }
    }
    const { receipt } = committed;
    process.stdout.write(
      `${JSON.stringify({ bidId: receipt.bidId, version: receipt.version, action: receipt.action, receivedAt: receipt.receivedAt, receipt: receiptPath })}\n`,
    );
  });
}
