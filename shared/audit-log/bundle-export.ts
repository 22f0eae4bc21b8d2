// Audit bundles (shared/tlog format eproc-audit-bundle/v1) for a tender or a time range. The
// verifier recomputes the whole tree, so a bundle always carries every entry from 0 up to its
// anchor checkpoint; the scope chooses what is proven in it: an inclusion proof for each entry in
// scope, against the first checkpoint that covered it (where its receipt was first vouched for),
// and those checkpoints chained to the anchor by consistency proofs.

import { settings } from '../config/settings.ts';
import { type AuditBundle, createBundle, fromBase64, type Hash } from '../tlog/index.ts';
import type { StoredCheckpoint } from './checkpoints.ts';
import { checkpointAt, firstCheckpointCovering, latestCheckpoint } from './checkpoints.ts';
import { logPublicKeyDer } from './log-key.ts';
import type { LogLocation } from './log-location.ts';
import { liveLog } from './log-location.ts';
import type { LogEntry } from './log-reader.ts';
import { readEntries } from './log-reader.ts';

export type BundleScope =
  | {
      readonly tenderId: string;
      /**
       * Once the tender is opened: the bid events its minutes reveal (they carry only a
       * tenderCommitment), and the signed minutes, put in the bundle so the verifier ties them.
       */
      readonly reveal?: { readonly eventIds: readonly string[]; readonly minutes: unknown };
    }
  | { readonly from: string; readonly to: string }
  | { readonly all: true };

export interface ExportOptions {
  /** Anchor the bundle at this checkpoint size (e.g. the one the opening minutes cite); default the latest. */
  readonly treeSize?: number;
  readonly location?: LogLocation;
  readonly publicKey?: Uint8Array;
}

export class NoCheckpoint extends Error {}

export interface ExportedBundle {
  readonly bundle: AuditBundle;
  readonly anchor: StoredCheckpoint;
  /** Sequence numbers of the entries in scope (each has an inclusion proof). */
  readonly inScope: readonly number[];
}

function inScope(scope: BundleScope, revealed: ReadonlySet<string>, entry: LogEntry): boolean {
  if ('all' in scope) return true;
  if ('tenderId' in scope)
    return entry.event.tenderId === scope.tenderId || revealed.has(entry.event.eventId);
  return entry.event.at >= scope.from && entry.event.at < scope.to;
}

export async function exportBundle(scope: BundleScope, options: ExportOptions = {}): Promise<ExportedBundle> {
  const location = options.location ?? liveLog();
  const anchor =
    options.treeSize === undefined
      ? await latestCheckpoint(location)
      : await checkpointAt(options.treeSize, location);
  if (!anchor) {
    throw new NoCheckpoint(
      options.treeSize === undefined
        ? 'no checkpoint has been published yet'
        : `no checkpoint has tree size ${options.treeSize}`,
    );
  }
  const entries = await readEntries(location, 0, anchor.size);
  const revealed = new Set('tenderId' in scope ? (scope.reveal?.eventIds ?? []) : []);
  const scoped = entries.filter((entry) => inScope(scope, revealed, entry)).map((entry) => entry.seq);

  // Entries in scope are in sequence order, so consecutive ones mostly share their first covering
  // checkpoint: one lookup per distinct checkpoint, not per entry.
  const covering = new Map<number, StoredCheckpoint>([[anchor.size, anchor]]);
  const provenAgainst: number[] = [];
  let current: StoredCheckpoint | undefined;
  for (const seq of scoped) {
    if (!current || current.size <= seq) {
      current = (await firstCheckpointCovering(seq, location)) ?? anchor;
      if (current.size > anchor.size) current = anchor;
      covering.set(current.size, current);
    }
    provenAgainst.push(current.size);
  }
  const checkpoints = [...covering.values()].sort((a, b) => a.size - b.size);
  const publicKey = options.publicKey ?? (await logPublicKeyDer());
  const bundle = createBundle({
    origin: settings.LOG_ORIGIN,
    publicKeys: [{ name: settings.LOG_ORIGIN, publicKey }],
    entries: entries.map((entry) => ({
      seq: entry.seq,
      event: entry.event,
      leafHash: fromBase64(entry.leafHash) as Hash,
    })),
    checkpoints: checkpoints.map((c) => c.note),
    inclusionProofs: scoped.map((index, i) => ({ index, treeSize: provenAgainst[i] as number })),
    ...('tenderId' in scope && scope.reveal
      ? { reveal: { tenderId: scope.tenderId, minutes: scope.reveal.minutes } }
      : {}),
  });
  return { bundle, anchor, inScope: scoped };
}
