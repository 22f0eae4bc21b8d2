// The minutes cite the audit log: a checkpoint of the log as it stands when the bids are opened
// (shared/audit-log publishCheckpoint: the latest signed checkpoint, made fresh if the log grew).
// An unavailable log does not hold up an opening the law times: the minutes then cite the latest
// checkpoint already stored, or none, and the failure is logged for the operators.
import {
  latestCheckpoint,
  type PublishResult,
  publishCheckpoint,
  type StoredCheckpoint,
} from '../audit-log/index.ts';
import { clock } from '../runtime/clock.ts';
import { logger } from '../runtime/logger.ts';
import type { AuditCheckpointCitation } from './minutes-schema.ts';

const cite = (c: StoredCheckpoint): AuditCheckpointCitation => ({
  size: c.size,
  rootHash: c.rootHash,
  at: c.at,
  note: c.note,
});

// Openings in flight in one execution environment (deadlines cluster; the local runtime runs
// every opener in one worker) share publications: a caller joins one that started at or after its
// opening (its claim), whose checkpoint is of the log as it stood then or later, else the next one
// to start; a burst of openings signs a few checkpoints instead of one each (each is several
// log-table round trips, a KMS Sign and an object).
let publishing: { readonly startedMs: number; readonly result: Promise<PublishResult> } | undefined;
let queued: Promise<PublishResult> | undefined;

function publication(sinceMs: number): Promise<PublishResult> {
  if (publishing && publishing.startedMs >= sinceMs) return publishing.result;
  if (!publishing) {
    const result = publishCheckpoint();
    const current = { startedMs: clock.nowMs(), result };
    publishing = current;
    // Settles either way (each caller sees the failure), then lets the next one start.
    const done = () => {
      if (publishing === current) publishing = undefined;
    };
    result.then(done, done);
    return result;
  }
  // One is under way, started before this opening: share the next one, started once it ends.
  const before = publishing.result;
  queued ??= before
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => {
      queued = undefined;
      return publication(sinceMs);
    });
  return queued;
}

/**
 * How long the minutes wait for a fresh checkpoint before citing the latest stored one. A
 * publication is a few hundred milliseconds on AWS; in a burst of openings it queues behind the
 * log's own work (every committed batch is flushed first), and a slow log, like an unavailable one,
 * must not hold up an opening the law times.
 */
const FRESH_CHECKPOINT_BUDGET_MS = 2000;

/** `openedAtMs`: when the opening claimed the tender; the checkpoint is of the log then or later. */
export async function citeAuditCheckpoint(openedAtMs: number): Promise<AuditCheckpointCitation | null> {
  try {
    const fresh = publication(openedAtMs);
    fresh.catch(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), FRESH_CHECKPOINT_BUDGET_MS);
    });
    const first = await Promise.race([fresh, slow]).finally(() => clearTimeout(timer));
    if (first !== 'slow') return first.checkpoint ? cite(first.checkpoint) : null;
    // The fresh one is still signed and stored (the log's record), only not cited here; with
    // none stored yet there is nothing older to cite, so the minutes wait for it.
    const latest = await latestCheckpoint();
    if (latest) {
      logger.warn('audit checkpoint slow: the minutes cite the latest stored one', {
        budgetMs: FRESH_CHECKPOINT_BUDGET_MS,
        size: latest.size,
      });
      return cite(latest);
    }
    const { checkpoint } = await fresh;
    return checkpoint ? cite(checkpoint) : null;
  } catch (error) {
    logger.error('could not publish an audit checkpoint for the minutes', { error: error as Error });
    try {
      const latest = await latestCheckpoint();
      return latest ? cite(latest) : null;
    } catch {
      return null;
    }
  }
}
