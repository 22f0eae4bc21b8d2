// Stage: every checkpoint is signed by the pinned key, names the expected origin, and comes in
// tree size order.
import type { AuditBundle } from './bundle.ts';
import type { Checkpoint } from './checkpoint.ts';
import { openCheckpoint } from './checkpoint.ts';
import { emptyRoot } from './hash.ts';
import { NoteError } from './note-error.ts';
import type { NoteVerifier } from './signed-note.ts';
import type { FailureReason } from './verify-report.ts';
import { fail } from './verify-report.ts';

const noteReasons: Record<NoteError['code'], FailureReason> = {
  'malformed-note': 'malformed checkpoint',
  'malformed-checkpoint': 'malformed checkpoint',
  'unknown-key-name': 'unknown key name',
  'key-id-mismatch': 'key id mismatch',
  'bad-signature': 'bad signature',
};

export function openCheckpoints(
  bundle: AuditBundle,
  verifier: NoteVerifier,
  origin: string,
  progress: (done: number) => void,
): Checkpoint[] {
  const checkpoints: Checkpoint[] = [];
  for (const [i, note] of bundle.checkpoints.entries()) {
    let checkpoint: Checkpoint;
    try {
      checkpoint = openCheckpoint(note, verifier).checkpoint;
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      return fail({ reason: noteReasons[error.code], detail: error.message, checkpoint: i });
    }
    if (checkpoint.origin !== origin) {
      fail({
        reason: 'origin mismatch',
        detail: `checkpoint ${i} is for ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`,
        checkpoint: i,
      });
    }
    // Only one root is right for the empty tree, and it needs no entries to check.
    if (checkpoint.size === 0 && !Buffer.from(checkpoint.rootHash).equals(emptyRoot())) {
      fail({
        reason: 'root mismatch',
        detail: `checkpoint ${i} signs a non-empty root for size 0`,
        checkpoint: i,
      });
    }
    const previous = checkpoints[i - 1];
    if (previous !== undefined && checkpoint.size < previous.size) {
      fail({
        reason: 'checkpoints out of order',
        detail: `checkpoint ${i} (size ${checkpoint.size}) is smaller than the one before (size ${previous.size})`,
        checkpoint: i,
      });
    }
    checkpoints.push(checkpoint);
    progress(i + 1);
  }
  return checkpoints;
}
