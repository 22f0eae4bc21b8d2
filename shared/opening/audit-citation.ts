// The minutes cite the audit log's latest signed checkpoint, anchoring them in the log.
// Placeholder until shared/audit-log exposes a stable reader: the minutes carry null.
import type { AuditCheckpointCitation } from './minutes-schema.ts';

export async function citeAuditCheckpoint(): Promise<AuditCheckpointCitation | null> {
  return null;
}
