// The worker's work, kept apart from its message plumbing so tests run it in Node: the bundle
// through the CLI's verifier (shared/tlog verifyBundle) with its progress folded into one
// fraction, and receipts through the receipts key check (shared/receipts, as `eproc bid
// verify-receipt`) and the verifier's receipt stage against the entries of a verified bundle.
import { verifyReceipt } from '../../../../shared/receipts/verify-receipt.ts';
import type {
  AuditBundle,
  BundleEntry,
  VerifyProgress,
  VerifyReport,
  VerifyStage,
} from '../../../../shared/tlog/index.ts';
import { verifyBundle } from '../../../../shared/tlog/index.ts';
import { matchReceipts } from '../../../../shared/tlog/verify-receipts.ts';
import { Failed } from '../../../../shared/tlog/verify-report.ts';
import type { BundleOutcome, EntrySummary, FailurePlace, PinnedLogKey, ReceiptOutcome } from '../protocol.ts';
import { failureMessages, receiptMessages } from './failure-messages.ts';

const stages: readonly VerifyStage[] = [
  'checkpoints',
  'consistency',
  'inclusion',
  'entries',
  'reveal',
  'receipts',
];

const length = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/**
 * One fraction for all stages, weighted by their items: each stage's total is guessed from the
 * bundle until the verifier reports it, and a stage reporting means those before it are done.
 * Never goes back, so the bar only moves forward.
 */
export function overallProgress(bundle: AuditBundle): (progress: VerifyProgress) => number {
  const revealed = (bundle as { reveal?: { minutes?: { minutes?: { bidEvents?: unknown } } } }).reveal
    ?.minutes?.minutes?.bidEvents;
  const totals: Record<VerifyStage, number> = {
    checkpoints: length(bundle.checkpoints),
    consistency: length(bundle.consistencyProofs),
    inclusion: length(bundle.inclusionProofs),
    entries: length(bundle.entries),
    reveal: Array.isArray(revealed)
      ? revealed.reduce((n: number, v: { eventIds?: unknown }) => n + length(v?.eventIds), 0)
      : 0,
    receipts: 0,
  };
  const done: Record<VerifyStage, number> = {
    checkpoints: 0,
    consistency: 0,
    inclusion: 0,
    entries: 0,
    reveal: 0,
    receipts: 0,
  };
  let last = 0;
  return ({ stage, done: count, total }) => {
    totals[stage] = total;
    done[stage] = Math.min(count, total);
    for (const earlier of stages.slice(0, stages.indexOf(stage))) done[earlier] = totals[earlier];
    const all = stages.reduce((n, s) => n + totals[s], 0);
    const fraction = all === 0 ? 1 : stages.reduce((n, s) => n + done[s], 0) / all;
    last = Math.max(last, Math.min(fraction, 1));
    return last;
  };
}

function place(report: Exclude<VerifyReport, { ok: true }>): FailurePlace {
  if (report.index !== undefined) return { kind: 'entry', index: report.index };
  if (report.range) return { kind: 'range', from: report.range[0], to: report.range[1] };
  if (report.inclusionProof !== undefined) return { kind: 'inclusionProof', index: report.inclusionProof };
  if (report.consistencyProof !== undefined)
    return { kind: 'consistencyProof', index: report.consistencyProof };
  if (report.checkpoint !== undefined) return { kind: 'checkpoint', index: report.checkpoint };
  return { kind: 'bundle' };
}

function summary(bundle: AuditBundle, index: number): EntrySummary | undefined {
  const entry = (Array.isArray(bundle.entries) ? bundle.entries[index] : undefined) as
    | BundleEntry
    | undefined;
  if (typeof entry !== 'object' || entry === null) return undefined;
  const event = (entry.event ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const action = text(event.action);
  const eventId = text(event.eventId);
  const at = text(event.at);
  return {
    seq: index,
    ...(action !== undefined ? { action } : {}),
    ...(eventId !== undefined ? { eventId } : {}),
    ...(at !== undefined ? { at } : {}),
  };
}

/** What a verified bundle leaves for checking receipts later. */
export interface VerifiedLog {
  readonly entries: readonly BundleEntry[];
  readonly treeSize: number;
  readonly logKey: PinnedLogKey;
}

export type BundleResult = { outcome: BundleOutcome; verified?: VerifiedLog } | { messageId: string };

export function verifyBundleText(
  text: string,
  logKey: PinnedLogKey,
  onProgress: (fraction: number, stage: VerifyStage) => void = () => {},
): BundleResult {
  let bundle: AuditBundle;
  try {
    bundle = JSON.parse(text) as AuditBundle;
  } catch {
    return { messageId: 'verify.error.notJson' };
  }
  if (typeof bundle !== 'object' || bundle === null) return { messageId: 'verify.error.notJson' };
  const fold = overallProgress(bundle);
  const report = verifyBundle(bundle, {
    pinnedPublicKey: logKey,
    onProgress: (progress) => onProgress(fold(progress), progress.stage),
  });
  if (!report.ok) {
    const where = place(report);
    const entry = where.kind === 'entry' ? summary(bundle, where.index) : undefined;
    return {
      outcome: {
        ok: false,
        reason: report.reason,
        messageId: failureMessages[report.reason],
        place: where,
        ...(entry ? { entry } : {}),
      },
    };
  }
  onProgress(1, 'receipts');
  const { receipts: _none, ...success } = report;
  return {
    outcome: success,
    verified: { entries: bundle.entries as BundleEntry[], treeSize: report.treeSize, logKey },
  };
}

/** Each receipt: signed by the receipts key, then its event an entry of the verified log it covers. */
export async function checkReceipts(
  files: readonly { name: string; text: string }[],
  receiptsKey: string,
  log: VerifiedLog | undefined,
): Promise<ReceiptOutcome[]> {
  const outcomes: ReceiptOutcome[] = [];
  for (const { name, text } of files) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      outcomes.push({ name, ok: false, messageId: receiptMessages['not-json'], reason: 'not-json' });
      continue;
    }
    const signed = await verifyReceipt(json, receiptsKey);
    if (!signed.ok) {
      outcomes.push({ name, ok: false, messageId: receiptMessages[signed.reason], reason: signed.reason });
      continue;
    }
    const { eventId, action, bidId, tenderId } = signed.receipt;
    const about = { name, eventId, action, bidId, tenderId };
    if (!log) {
      outcomes.push({ ...about, ok: false, messageId: 'verify.receipt.needBundle', reason: 'no-bundle' });
      continue;
    }
    try {
      const [match] = matchReceipts(
        { pinnedPublicKey: log.logKey, receipts: [{ eventId }] },
        log.entries,
        log.treeSize,
        () => () => {},
      );
      outcomes.push({
        ...about,
        ok: true,
        messageId: 'verify.receipt.accepted',
        index: match?.index as number,
        treeSize: log.treeSize,
      });
    } catch (error) {
      if (!(error instanceof Failed)) throw error;
      outcomes.push({
        ...about,
        ok: false,
        messageId: failureMessages[error.failure.reason],
        reason: error.failure.reason,
        ...(error.failure.index !== undefined ? { index: error.failure.index } : {}),
        treeSize: log.treeSize,
      });
    }
  }
  return outcomes;
}
