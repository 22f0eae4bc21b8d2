// Offline verification of an audit bundle against one pinned public key. Stages run in a fixed
// order (key, checkpoints, consistency proofs, inclusion proofs, entries, an opened tender's
// revealed bid events, receipts) and the first
// failure is returned, naming the entry index where the evidence pins one down.
import type { AuditBundle } from './bundle.ts';
import { BUNDLE_FORMAT } from './bundle.ts';
import { toBase64 } from './bytes.ts';
import { arrayEntries, type EntrySource } from './entry-source.ts';
import { emptyRoot } from './hash.ts';
import type { Receipt } from './receipts.ts';
import { checkConsistency, checkInclusion, evidence } from './verify-bundle-proofs.ts';
import { openCheckpoints } from './verify-checkpoints.ts';
import { checkEntries } from './verify-entries.ts';
import { resolveVerifier } from './verify-key.ts';
import { receiptLookup } from './verify-receipts.ts';
import type { ProgressFor, VerifyOptions, VerifyReport, VerifySuccess } from './verify-report.ts';
import { Failed, fail, isObject } from './verify-report.ts';
import { checkReveal, revealLookup } from './verify-reveal.ts';

export function verifyBundle<R = Receipt>(bundle: AuditBundle, options: VerifyOptions<R>): VerifyReport {
  return verifyBundleWith(bundle, undefined, options);
}

/**
 * The same, with the entries read from `entries` instead of `bundle.entries` (which must then be
 * an empty list): a bundle file read in a stream (shared/cli/audit/bundle-file.ts).
 */
export function verifyBundleWith<R = Receipt>(
  bundle: AuditBundle,
  entries: EntrySource | undefined,
  options: VerifyOptions<R>,
): VerifyReport {
  try {
    return { ok: true, ...runVerification(bundle, entries, options) };
  } catch (error) {
    if (error instanceof Failed) return { ok: false, ...error.failure };
    throw error;
  }
}

function runVerification<R>(
  bundle: AuditBundle,
  streamed: EntrySource | undefined,
  options: VerifyOptions<R>,
): Omit<VerifySuccess, 'ok'> {
  const report: ProgressFor = (stage, total) => (done) => options.onProgress?.({ stage, done, total });
  if (!isObject(bundle) || bundle.format !== BUNDLE_FORMAT) {
    fail({ reason: 'malformed bundle', detail: `not a ${BUNDLE_FORMAT} bundle` });
  }
  for (const field of [
    'publicKeys',
    'entries',
    'checkpoints',
    'inclusionProofs',
    'consistencyProofs',
  ] as const) {
    if (!Array.isArray(bundle[field]))
      fail({ reason: 'malformed bundle', detail: `the bundle has no ${field} list` });
  }
  if (!bundle.checkpoints.every((note) => typeof note === 'string')) {
    fail({ reason: 'malformed bundle', detail: 'checkpoints must be signed-note strings' });
  }
  const origin = options.origin ?? bundle.origin;
  if (typeof origin !== 'string') fail({ reason: 'malformed bundle', detail: 'the bundle names no origin' });

  const verifier = resolveVerifier(bundle, options.pinnedPublicKey);
  const checkpoints = openCheckpoints(
    bundle,
    verifier,
    origin,
    report('checkpoints', bundle.checkpoints.length),
  );
  const consistency = checkConsistency(
    bundle,
    checkpoints,
    report('consistency', bundle.consistencyProofs.length),
  );
  const inclusionProgress = report('inclusion', bundle.inclusionProofs.length);
  const inclusion = checkInclusion(bundle, checkpoints, inclusionProgress);
  inclusionProgress(inclusion.length);
  const entries = streamed ?? arrayEntries(bundle.entries);
  // The later stages look their entries up during this one pass over the entries.
  const revealing = revealLookup(bundle);
  const receiptsFound = receiptLookup(options, entries.length);
  checkEntries(entries, checkpoints, () => evidence(consistency, inclusion), report, [
    revealing.observe,
    receiptsFound.observe,
  ]);
  const latest = checkpoints[checkpoints.length - 1];
  const treeSize = latest?.size ?? 0;
  const revealed = checkReveal(bundle, entries, revealing.indexOf, options.pinnedPublicKey, treeSize, report);
  const receipts = receiptsFound.match(treeSize, report);
  return {
    origin,
    keyName: verifier.name,
    treeSize,
    rootHash: toBase64(latest?.rootHash ?? emptyRoot()),
    entries: entries.length,
    uncoveredEntries: entries.length - treeSize,
    checkpoints: checkpoints.length,
    consistencyProofs: consistency.length,
    inclusionProofs: inclusion.length,
    ...(revealed ? { revealed } : {}),
    receipts,
  };
}
