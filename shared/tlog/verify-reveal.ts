// Stage: an opened tender's bundle ties its bid entries to the tender. Before the deadline bid
// events named their tender only through a tenderCommitment; the opening minutes (signed by the
// log key, the key pinned for the checkpoints) list each bid version's events and salt. Every
// listed event must be an entry of the bundle, covered by a checkpoint, in scope (an inclusion
// proof), of that bid and bidder, and its commitment must recompute from (tenderId, lotId, bidId,
// salt); then the minutes' signature must hold, so a list with a version left out, or one forged
// consistently, is refused too. The ties are checked first so a wrong salt or commitment names
// its entry. The minutes' statement is eproc-opening-minutes-v1 (shared/opening/minutes.ts).
import { createHash, verify } from 'node:crypto';
import { canonicalJson } from '../canonical/canonical-json.ts';
import type { AuditBundle, BundleEntry } from './bundle.ts';
import { p256PublicKey } from './ecdsa-p256.ts';
import type { EntryObserver, EntrySource } from './entry-source.ts';
import { eventIdOf } from './raw-entry.ts';
import { tenderCommitment } from './tender-commitment.ts';
import type { PinnedKey, ProgressFor } from './verify-report.ts';
import { fail, isObject } from './verify-report.ts';

export const MINUTES_STATEMENT = 'eproc-opening-minutes-v1';

export interface RevealReport {
  readonly tenderId: string;
  /** The bid events tied to the tender. */
  readonly events: number;
  readonly bidVersions: number;
}

interface RevealedVersion {
  readonly bidId: string;
  readonly lotId: string;
  readonly bidderRef: string;
  readonly salt: string;
  readonly eventIds: readonly string[];
}

const isText = (v: unknown): v is string => typeof v === 'string';

function revealedVersions(minutes: Record<string, unknown>): RevealedVersion[] {
  const list = minutes.bidEvents ?? [];
  if (!Array.isArray(list))
    return fail({ reason: 'malformed bundle', detail: 'the minutes bidEvents is no list' });
  return list.map((v, i) => {
    if (
      !isObject(v) ||
      !isText(v.bidId) ||
      !isText(v.lotId) ||
      !isText(v.bidderRef) ||
      !isText(v.salt) ||
      !Array.isArray(v.eventIds) ||
      !v.eventIds.every(isText)
    ) {
      return fail({ reason: 'malformed bundle', detail: `the minutes' bid version ${i} is malformed` });
    }
    return v as unknown as RevealedVersion;
  });
}

function minutesSigned(document: Record<string, unknown>, tenderId: string, pinned: PinnedKey): boolean {
  const { minutes, signature } = document;
  if (!isObject(minutes) || !isObject(signature) || !isText(signature.value)) return false;
  const statement = {
    statement: MINUTES_STATEMENT,
    tenderId,
    phase: minutes.phase,
    minutesSha256: createHash('sha256')
      .update(canonicalJson(minutes as never))
      .digest('hex'),
  };
  if (canonicalJson(statement) !== canonicalJson((signature.statement ?? null) as never)) return false;
  const key = isObject(pinned) && 'name' in pinned && 'publicKey' in pinned ? pinned.publicKey : pinned;
  return verify(
    'sha256',
    Buffer.from(canonicalJson(statement)),
    { key: p256PublicKey(key as never), dsaEncoding: 'der' },
    Buffer.from(signature.value, 'base64'),
  );
}

/**
 * Notes, during the entries stage, the (last) entry holding each event the minutes name; what the
 * minutes name is read leniently here, and checked by checkReveal.
 */
export function revealLookup(bundle: AuditBundle): {
  observe: EntryObserver;
  indexOf: ReadonlyMap<string, number>;
} {
  const wanted = new Set<string>();
  const minutes =
    isObject(bundle.reveal) && isObject(bundle.reveal.minutes) ? bundle.reveal.minutes.minutes : undefined;
  const list = isObject(minutes) ? minutes.bidEvents : undefined;
  if (Array.isArray(list)) {
    for (const v of list)
      if (isObject(v) && Array.isArray(v.eventIds))
        for (const id of v.eventIds) if (isText(id)) wanted.add(id);
  }
  const indexOf = new Map<string, number>();
  const observe: EntryObserver = (index, entry) => {
    if (wanted.size === 0) return;
    const id = eventIdOf(entry);
    if (id !== undefined && wanted.has(id)) indexOf.set(id, index);
  };
  return { observe, indexOf };
}

export function checkReveal(
  bundle: AuditBundle,
  entries: EntrySource,
  indexOf: ReadonlyMap<string, number>,
  pinned: PinnedKey,
  treeSize: number,
  report: ProgressFor,
): RevealReport | undefined {
  const reveal = bundle.reveal;
  if (reveal === undefined) return undefined;
  if (
    !isObject(reveal) ||
    !isText(reveal.tenderId) ||
    !isObject(reveal.minutes) ||
    !isObject(reveal.minutes.minutes)
  ) {
    return fail({ reason: 'malformed bundle', detail: 'reveal must be {tenderId, minutes: signed minutes}' });
  }
  const { tenderId } = reveal;
  const minutes = reveal.minutes.minutes as Record<string, unknown>;
  if (minutes.tenderId !== tenderId) {
    return fail({
      reason: 'revealed event mismatch',
      detail: `the minutes are not those of tender ${tenderId}`,
    });
  }
  const versions = revealedVersions(minutes);
  const proven = new Set(bundle.inclusionProofs.map((p) => p.index));
  const total = versions.reduce((n, v) => n + v.eventIds.length, 0);
  const progress = report('reveal', total);
  let done = 0;
  for (const version of versions) {
    for (const eventId of version.eventIds) {
      const index = indexOf.get(eventId);
      if (index === undefined || index >= treeSize) {
        return fail({
          reason: 'revealed event missing',
          detail: `the minutes name bid event ${eventId} (bid ${version.bidId}), which no checkpointed entry holds`,
        });
      }
      if (!proven.has(index)) {
        return fail({
          reason: 'revealed event not in scope',
          detail: `entry ${index} (bid event ${eventId}) is the tender's, but the bundle gives it no inclusion proof`,
          index,
        });
      }
      const event = (entries.at(index) as BundleEntry).event as Record<string, unknown>;
      const object = isObject(event.object) ? event.object : {};
      const actor = isObject(event.actor) ? event.actor : {};
      let expected: string;
      try {
        expected = tenderCommitment({
          tenderId,
          lotId: version.lotId,
          bidId: version.bidId,
          salt: version.salt,
        });
      } catch {
        expected = '';
      }
      const wrong =
        object.id !== version.bidId
          ? `is of bid ${String(object.id)}, not ${version.bidId}`
          : actor.sub !== `bidder:${version.bidderRef}`
            ? `was made by ${String(actor.sub)}, not bidder:${version.bidderRef}`
            : expected === '' || event.tenderCommitment !== expected
              ? `carries a tenderCommitment that does not recompute from tender ${tenderId}, lot ${version.lotId}, bid ${version.bidId} and the salt the minutes give`
              : undefined;
      if (wrong) {
        return fail({
          reason: 'revealed event mismatch',
          detail: `entry ${index} (bid event ${eventId}) ${wrong}`,
          index,
        });
      }
      progress(++done);
    }
  }
  if (!minutesSigned(reveal.minutes, tenderId, pinned)) {
    return fail({
      reason: 'minutes signature invalid',
      detail: `the opening minutes of tender ${tenderId} in the bundle are not signed by the pinned key`,
    });
  }
  return { tenderId, events: total, bidVersions: versions.length };
}
