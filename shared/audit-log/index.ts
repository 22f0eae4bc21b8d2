// Public API of the audit log service; see README.md for the storage layout and guarantees.
export type { BundleScope, ExportedBundle, ExportOptions } from './bundle-export.ts';
export { exportBundle, NoCheckpoint } from './bundle-export.ts';
export type { CheckpointNowResult, PublishOptions, PublishResult, StoredCheckpoint } from './checkpoints.ts';
export {
  checkpointAt,
  checkpointNow,
  firstCheckpointCovering,
  latestCheckpoint,
  listCheckpoints,
  publishCheckpoint,
} from './checkpoints.ts';
export { flushPending } from './entry-objects.ts';
export type { EventPage, EventQuery, QueriedEvent } from './event-query.ts';
export { queryEvents, queryIndex } from './event-query.ts';
export type { IntegrationStatus } from './integration-status.ts';
export { checkpointView, integratedBy, integratedView, integrationStatus } from './integration-status.ts';
export type { LogHead } from './log-head.ts';
export { readHead } from './log-head.ts';
export { logPublicKey, logPublicKeyDer, logSigner } from './log-key.ts';
export type { LogLocation } from './log-location.ts';
export { liveLog } from './log-location.ts';
export type { EventLocation, LogEntry } from './log-reader.ts';
export { eventLocation, eventLocations, readEntries, readEntry } from './log-reader.ts';
export { eventFromImage, eventFromItem } from './logged-event.ts';
export { TileHashes } from './proofs.ts';
export type { RebuildOptions, RebuildResult } from './rebuild.ts';
export { rebuildLogState } from './rebuild.ts';
export type { IntegratedEntry, IntegrationResult } from './sequencer.ts';
export { integrate } from './sequencer.ts';
export type { TenderEventsPage, TenderEventsPosition } from './tender-events.ts';
export { queryTenderEvents } from './tender-events.ts';
