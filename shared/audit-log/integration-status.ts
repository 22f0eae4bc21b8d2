// Where an event is in the log, for whoever holds its receipt: the receipt promises
// `integratedBy = at + MAX_INTEGRATION_DELAY_SECONDS`, and this shows the promise kept (seq,
// integratedAt) and, once a checkpoint covers the entry, the inclusion proof against it.
import { settings } from '../config/settings.ts';
import { toBase64 } from '../tlog/index.ts';
import { latestCheckpoint, type StoredCheckpoint } from './checkpoints.ts';
import { readHead } from './log-head.ts';
import { type LogLocation, liveLog } from './log-location.ts';
import { eventLocation } from './log-reader.ts';
import { TileHashes } from './proofs.ts';

export const integratedBy = (at: string) =>
  new Date(Date.parse(at) + settings.MAX_INTEGRATION_DELAY_SECONDS * 1000).toISOString();

export interface IntegrationStatus {
  readonly eventId: string;
  readonly seq: number;
  readonly leafHash: string;
  readonly at: string;
  readonly integratedAt: string;
  readonly integratedBy: string;
  /** Whether the integration kept the receipt's promise. */
  readonly withinPromise: boolean;
  /** The latest checkpoint, when it covers the entry, and the entry's inclusion proof against it. */
  readonly checkpoint?: StoredCheckpoint;
  readonly inclusionProof?: readonly string[];
}

/** The event's place in the log, or undefined while it is not integrated. */
export async function integrationStatus(
  eventId: string,
  location: LogLocation = liveLog(),
): Promise<IntegrationStatus | undefined> {
  const where = await eventLocation(location, eventId);
  if (!where) return undefined;
  const promised = integratedBy(where.at);
  const status: IntegrationStatus = {
    ...where,
    integratedBy: promised,
    withinPromise: Date.parse(where.integratedAt) <= Date.parse(promised),
  };
  const checkpoint = await latestCheckpoint(location);
  if (!checkpoint || checkpoint.size <= where.seq) return status;
  const hashes = new TileHashes(location, await readHead(location.table));
  const proof = await hashes.inclusionProof(where.seq, checkpoint.size);
  return { ...status, checkpoint, inclusionProof: proof.map(toBase64) };
}

/** A checkpoint as the API shows it. */
export const checkpointView = (c: StoredCheckpoint) => ({
  size: c.size,
  rootHash: c.rootHash,
  note: c.note,
  at: c.at,
});

/** An integrated event's place in the log as the API shows it, with its proof once checkpointed. */
export const integratedView = (status: IntegrationStatus) => ({
  status: 'integrated' as const,
  at: status.at,
  integratedBy: status.integratedBy,
  seq: status.seq,
  leafHash: status.leafHash,
  integratedAt: status.integratedAt,
  withinPromise: status.withinPromise,
  ...(status.checkpoint
    ? {
        checkpoint: checkpointView(status.checkpoint),
        inclusionProof: [...(status.inclusionProof ?? [])],
      }
    : {}),
});
