// `eproc audit verify <bundle>`: everything an oversight body needs to trust nothing of ours.
// No network: the bundle file, a pinned key and the receipts are all it reads. Exit codes: 0 all
// checks passed, 1 the bundle failed a check (the first failure is named, by entry index when the
// evidence pins one), 2 the command could not run (bad arguments, unreadable files, no key).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyReceipt } from '../../receipts/verify-receipt.ts';
import type {
  AuditBundle,
  PinnedKey,
  Receipt,
  VerifyFailure,
  VerifyReport,
  VerifySuccess,
} from '../../tlog/index.ts';
import { ecdsaP256KeyId, parseCheckpoint, parseNote } from '../../tlog/index.ts';
import { verifyBundleWith } from '../../tlog/verify-bundle.ts';
import { type BundleFile, readBundleFile } from './bundle-file.ts';
import { KeyError, resolvePinnedKey } from './pinned-key.ts';
import { progressBar } from './progress-bar.ts';
import { ReceiptError, readReceipt } from './receipt-file.ts';

/** Bundles at least this large get a progress bar. */
const PROGRESS_FROM_ENTRIES = 10_000;

const out = (line = '') => process.stdout.write(`${line}\n`);

function keyLabel(pinned: PinnedKey, report: VerifySuccess | VerifyFailure): string {
  if (!report.ok) return '';
  const publicKey =
    typeof pinned === 'object' && 'name' in pinned && 'publicKey' in pinned ? pinned.publicKey : pinned;
  return `${report.keyName} (key id ${ecdsaP256KeyId(report.keyName, publicKey as never)
    .toString(16)
    .padStart(8, '0')})`;
}

function checkpointSizes(bundle: AuditBundle): number[] {
  return bundle.checkpoints.map((note) => parseCheckpoint(parseNote(note).text).size);
}

function where(failure: VerifyFailure, receiptFiles: readonly string[]): string {
  if (failure.index !== undefined) return `entry ${failure.index}`;
  if (failure.range) return `entries [${failure.range[0]}, ${failure.range[1]})`;
  if (failure.receipt !== undefined) return `receipt ${receiptFiles[failure.receipt] ?? failure.receipt}`;
  if (failure.inclusionProof !== undefined) return `inclusion proof ${failure.inclusionProof}`;
  if (failure.consistencyProof !== undefined) return `consistency proof ${failure.consistencyProof}`;
  if (failure.checkpoint !== undefined) return `checkpoint ${failure.checkpoint}`;
  return 'bundle';
}

export async function verifyCommand(args: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        key: { type: 'string' },
        receipt: { type: 'string', multiple: true },
        // The pinned receipts key: each receipt's own signature is checked too (either format).
        'receipts-key': { type: 'string' },
        origin: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  try {
    parsed = parse();
  } catch (error) {
    process.stderr.write(`eproc audit verify: ${(error as Error).message}\n`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    process.stderr.write(
      'usage: eproc audit verify <bundle.json> [--key FILE.pem] [--receipt FILE]... [--receipts-key FILE.pem] [--origin ORIGIN] [--json]\n',
    );
    return 2;
  }
  const receiptFiles = parsed.values.receipt ?? [];

  let bundle: AuditBundle;
  let streamed: BundleFile['entries'];
  let receipts: Receipt[];
  let key: ReturnType<typeof resolvePinnedKey>;
  try {
    // Read in a stream (bundle-file.ts): a million entries would not fit in one string.
    ({ bundle, entries: streamed } = readBundleFile(file));
    receipts = receiptFiles.map(readReceipt);
    const origin = parsed.values.origin ?? (typeof bundle?.origin === 'string' ? bundle.origin : undefined);
    key = resolvePinnedKey({ key: parsed.values.key, origin });
  } catch (error) {
    const message =
      error instanceof KeyError || error instanceof ReceiptError
        ? error.message
        : `cannot read bundle ${file}: ${(error as Error).message}`;
    process.stderr.write(`eproc audit verify: ${message}\n`);
    return 2;
  }

  // With the receipts key: a receipt must be the platform's, signed, before its event is looked for.
  if (parsed.values['receipts-key'] !== undefined) {
    let pinned: string;
    try {
      pinned = readFileSync(parsed.values['receipts-key'], 'utf8');
    } catch (error) {
      process.stderr.write(`eproc audit verify: cannot read the receipts key: ${(error as Error).message}\n`);
      return 2;
    }
    for (const name of receiptFiles) {
      const signed = await verifyReceipt(JSON.parse(readFileSync(name, 'utf8')), pinned);
      if (!signed.ok) {
        out(`✗ receipt ${name}: ${signed.reason}`);
        out(`  ${signed.detail}`);
        process.stderr.write(`eproc audit verify: receipt ${name}: ${signed.reason}\n`);
        return 1;
      }
      if (!parsed.values.json) out(`✓ receipt ${name}: signed by the receipts key ${signed.keyId}`);
    }
  }

  const entries = streamed ? streamed.length : Array.isArray(bundle.entries) ? bundle.entries.length : 0;
  const bar = progressBar(process.stderr, entries >= PROGRESS_FROM_ENTRIES);
  const started = performance.now();
  let report: VerifyReport;
  try {
    report = verifyBundleWith(bundle, streamed, {
      pinnedPublicKey: key.pinned,
      receipts,
      ...(parsed.values.origin ? { origin: parsed.values.origin } : {}),
      onProgress: (progress) => bar.update(progress),
    });
    // A file that is not JSON is unreadable, whichever check it failed first (as when read whole).
    if (!report.ok) streamed?.rest();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    bar.done();
    process.stderr.write(`eproc audit verify: cannot read bundle ${file}: ${error.message}\n`);
    return 2;
  }
  bar.done();
  const ms = Math.round(performance.now() - started);

  if (parsed.values.json) {
    out(JSON.stringify({ file, keySource: key.source, receiptFiles, ms, ...report }));
    return report.ok ? 0 : 1;
  }
  out(`audit bundle ${file}`);
  if (!report.ok) {
    out(`✗ ${where(report, receiptFiles)}: ${report.reason}`);
    out(`  ${report.detail}`);
    out(`FAILED (pinned key from ${key.source})`);
    process.stderr.write(`eproc audit verify: ${where(report, receiptFiles)}: ${report.reason}\n`);
    return 1;
  }
  const sizes = checkpointSizes(bundle);
  out(`  origin  ${report.origin}`);
  out(`  key     ${keyLabel(key.pinned, report)}, pinned from ${key.source}`);
  out(
    `✓ ${report.checkpoints} checkpoint signature(s) valid` +
      (sizes.length > 0 ? `, tree sizes ${sizes[0]} … ${sizes[sizes.length - 1]}` : ''),
  );
  out(`✓ ${report.consistencyProofs} consistency proof(s): each checkpoint extends the one before it`);
  out(`✓ ${report.inclusionProofs} inclusion proof(s) lead to their checkpoint's signed root`);
  out(
    `✓ ${report.entries} entries rehashed; the tree matches every checkpoint (size ${report.treeSize}, root ${report.rootHash})`,
  );
  if (report.revealed) {
    out(
      `✓ ${report.revealed.events} bid event(s) of ${report.revealed.bidVersions} bid version(s) tied to tender ${report.revealed.tenderId}: each commitment recomputes from the salt in its opening minutes, signed by the pinned key`,
    );
  }
  if (report.uncoveredEntries > 0)
    out(`  ! ${report.uncoveredEntries} entries after the latest checkpoint are not covered by a signature`);
  for (const match of report.receipts) {
    const receipt = receipts[match.receipt] as Receipt;
    out(
      `✓ receipt ${receiptFiles[match.receipt]}: ${receipt.eventId ? `event ${receipt.eventId}` : 'entry hash'} is entry ${match.index}, covered by the checkpoint of size ${report.treeSize}`,
    );
  }
  out(`OK in ${ms} ms`);
  return 0;
}
