// The minutes cite the audit log: a checkpoint of the log as it stands when the bids are opened
// (shared/audit-log publishCheckpoint: the latest signed checkpoint, made fresh if the log grew).
// An unavailable log does not hold up an opening the law times: the minutes then cite the latest
// checkpoint already stored, or none, and the failure is logged for the operators.
import { latestCheckpoint, publishCheckpoint, type StoredCheckpoint } from '../audit-log/index.ts';
import { logger } from '../runtime/logger.ts';
import type { AuditCheckpointCitation } from './minutes-schema.ts';

const cite = (c: StoredCheckpoint): AuditCheckpointCitation => ({
  size: c.size,
  rootHash: c.rootHash,
  at: c.at,
  note: c.note,
});

export async function citeAuditCheckpoint(): Promise<AuditCheckpointCitation | null> {
  try {
    const { checkpoint } = await publishCheckpoint();
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
