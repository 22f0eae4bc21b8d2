// Builders for signed logs and bundles used by the tlog tests.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import type { AuditBundle, BundleEntry, NoteSigner } from '../../shared/tlog/index.ts';
import {
  createBundle,
  ecdsaP256Signer,
  entryLeafHash,
  MerkleTree,
  signCheckpoint,
  toBase64,
} from '../../shared/tlog/index.ts';

export const ORIGIN = 'audit.eproc.example/log';

export interface TestKey {
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly signer: NoteSigner;
}

export function testKey(name: string = ORIGIN): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { name, privateKey, publicKey, signer: ecdsaP256Signer(name, privateKey) };
}

/** Events shaped like shared/audit AuditEvent, deterministic in their index. */
export function auditEvents(count: number, from = 0): Record<string, unknown>[] {
  const actions = ['tender.published', 'bid.submitted', 'bid.opened', 'question.answered', 'award.decided'];
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      eventId: `01J${String(i).padStart(23, '0')}`,
      at: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
      actor: {
        sub: `user-${i % 37}`,
        role: i % 5 === 0 ? 'system' : 'buyer',
        organisationId: `org-${i % 11}`,
      },
      action: actions[i % actions.length],
      object: { type: 'tender', id: `T-${Math.floor(i / 50)}` },
      tenderId: `T-${Math.floor(i / 50)}`,
      change: { status: i % 2 === 0 ? 'open' : 'closed', amount: (i * 37) % 1000, note: `änderung ${i}` },
      changeHash: toBase64(entryLeafHash(i, { i })),
    };
  });
}

export interface SignedLog {
  readonly tree: MerkleTree;
  readonly checkpoints: string[];
}

export async function signLog(
  events: readonly unknown[],
  checkpointSizes: readonly number[],
  key: TestKey,
  origin: string = ORIGIN,
): Promise<SignedLog> {
  const tree = MerkleTree.fromLeafHashes(events.map((event, seq) => entryLeafHash(seq, event)));
  const checkpoints: string[] = [];
  for (const size of checkpointSizes) {
    checkpoints.push(await signCheckpoint({ origin, size, rootHash: tree.root(size) }, key.signer));
  }
  return { tree, checkpoints };
}

export interface BundleOptions {
  readonly count: number;
  readonly checkpointSizes: readonly number[];
  /** 'all' proves every leaf against the last checkpoint. */
  readonly inclusion?: 'all' | readonly { readonly index: number; readonly treeSize?: number }[];
  readonly key: TestKey;
}

export async function makeBundle(options: BundleOptions): Promise<AuditBundle<Record<string, unknown>>> {
  const events = auditEvents(options.count);
  const { tree, checkpoints } = await signLog(events, options.checkpointSizes, options.key);
  const last = options.checkpointSizes[options.checkpointSizes.length - 1] ?? 0;
  const inclusion =
    options.inclusion === 'all'
      ? Array.from({ length: last }, (_, index) => ({ index }))
      : (options.inclusion ?? []);
  return createBundle({
    origin: ORIGIN,
    publicKeys: [{ name: options.key.name, publicKey: options.key.publicKey }],
    entries: events.map((event, seq) => ({ seq, event })),
    checkpoints,
    inclusionProofs: inclusion,
    tree,
  });
}

/** A deep copy, so each tamper starts from the honest bundle. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** What an adversary who understands the format does after editing entries: rewrite leaf hashes. */
export function rehash<E>(entries: BundleEntry<E>[]): BundleEntry<E>[] {
  return entries.map((entry) => ({ ...entry, leafHash: toBase64(entryLeafHash(entry.seq, entry.event)) }));
}

export function flipBitInString(text: string, bit = 0): string {
  const code = text.charCodeAt(0) ^ (1 << bit);
  return String.fromCharCode(code) + text.slice(1);
}
