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
import { logger } from '../runtime/logger.ts';
import type { AuditCheckpointCitation } from './minutes-schema.ts';

const cite = (c: StoredCheckpoint): AuditCheckpointCitation => ({
  size: c.size,
  rootHash: c.rootHash,
  at: c.at,
  note: c.note,
});

// Openings in flight in one execution environment (deadlines cluster; the local runtime runs
// every opener in one worker) share publications: each caller gets one that started after it
// called, so its checkpoint is still of the log as it stood at its opening or later, and a burst
// of openings signs a few checkpoints instead of one each (each is several log-table round trips,
// a KMS Sign and an object).
let publishing: Promise<void> | undefined;
let queued: Promise<PublishResult> | undefined;

function freshPublication(): Promise<PublishResult> {
  if (!publishing) {
    const started = publishCheckpoint();
    // Settles either way (the caller sees the failure), then lets the next one start.
    publishing = started.then(
      () => {
        publishing = undefined;
      },
      () => {
        publishing = undefined;
      },
    );
    return started;
  }
  // One is under way, started before this call: share the next one, started once it ends.
  queued ??= publishing.then(() => {
    queued = undefined;
    return freshPublication();
  });
  return queued;
}

export async function citeAuditCheckpoint(): Promise<AuditCheckpointCitation | null> {
  try {
    const { checkpoint } = await freshPublication();
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
