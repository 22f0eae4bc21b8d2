// Receipts signed in batches (docs/capacity.md P1): one KMS Sign per window and slot, whatever the
// bid rate. A Lambda environment serves one request at a time, so the batch lives in DynamoDB, one
// item per window and slot (shared/entities/receipts.ts), shared by every environment:
//   1. append the receipt's leaf hash (conditional on the batch not sealed; sealed: next window),
//      and learn its index from the list the append returns;
//   2. the appender at index 0 leads: after the window's end and a short grace, it seals the item
//      (the leaf list is final from then on), makes the ONE Sign over the batch statement and
//      stores the signature (the first stored wins; a second one over the same statement is as good);
//   3. every other appender reads the item until the signature is there, and takes over (seals and
//      signs itself) if the leader has not signed a second after the window's end;
//   4. each builds its own RFC 9162 inclusion proof from the final leaf list.
// The window number comes from the injected clock (shared/runtime/clock.ts); every wait is bounded
// in real time too, so a clock a test moves can neither stall a commit nor make it wait longer.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import { conditionFailure } from '../db/write-conflicts.ts';
import { receiptWindowEntity } from '../entities/receipts.ts';
import { clock } from '../runtime/clock.ts';
import { fromBase64, toBase64 } from '../tlog/bytes.ts';
import { leafHash } from '../tlog/hash.ts';
import { MerkleTree } from '../tlog/merkle-tree.ts';
import type { BatchedReceipt, BatchedReceiptBody } from './receipt.ts';
import { batchId, batchStatementBytes, receiptLeafBytes } from './receipt-bytes.ts';

export interface BatcherOptions {
  /** The receipt batches table's physical name. */
  readonly table: string;
  readonly windowMs: number;
  readonly slots: number;
  /** One KMS Sign (ECDSA P-256, SHA-256 of the message) with the receipts key: DER signature. */
  readonly sign: (statement: Uint8Array) => Promise<Uint8Array>;
  /** The receipts key's thumbprint, as every receipt names it. */
  readonly keyId: () => Promise<string>;
  /** The leader seals this long after its window's end: appends in flight at the end still land. */
  readonly graceMs?: number;
  /** A follower takes over when its batch is still unsigned this long after the window's end. */
  readonly takeoverMs?: number;
  /** Between a follower's reads. */
  readonly pollMs?: number;
  readonly random?: () => number;
}

interface WindowItem {
  readonly leaves: string[];
  readonly sealedAt?: string;
  readonly signature?: string;
}

/** A day: long enough for any retry or investigation; a receipt never needs its batch item again. */
const retentionSeconds = 86_400;
/** Windows tried when each one found is sealed already (only under a clock far behind). */
const maxAppendAttempts = 20;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function receiptBatcher(options: BatcherOptions) {
  const { table, windowMs, slots } = options;
  const graceMs = options.graceMs ?? 20;
  const takeoverMs = options.takeoverMs ?? 1000;
  const pollMs = options.pollMs ?? 15;
  const random = options.random ?? Math.random;
  const key = (window: number, slot: number) => receiptWindowEntity.key({ window, slot });

  /** Appends the leaf to the first unsealed window from `window` on: the window and the leaf's index. */
  async function append(
    window: number,
    slot: number,
    leaf: string,
  ): Promise<{ window: number; index: number }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await db.send(
          new UpdateCommand({
            TableName: table,
            Key: key(window + attempt, slot),
            UpdateExpression:
              'SET leaves = list_append(if_not_exists(leaves, :none), :leaf), expiresAt = if_not_exists(expiresAt, :ttl)',
            ConditionExpression: 'attribute_not_exists(sealedAt)',
            ExpressionAttributeValues: {
              ':none': [],
              ':leaf': [leaf],
              ':ttl': Math.floor(clock.nowMs() / 1000) + retentionSeconds,
            },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        const leaves = (result.Attributes?.leaves ?? []) as string[];
        return { window: window + attempt, index: leaves.length - 1 };
      } catch (error) {
        if (!conditionFailure(error) || attempt + 1 >= maxAppendAttempts) throw error;
      }
    }
  }

  async function read(window: number, slot: number): Promise<WindowItem> {
    const result = await db.send(
      new GetCommand({ TableName: table, Key: key(window, slot), ConsistentRead: true }),
    );
    if (!result.Item) throw new Error(`receipt batch ${batchId(window, slot)} is missing`);
    return result.Item as WindowItem;
  }

  /** Seals the batch (its leaf list final) unless someone has; the item as it then stands. */
  async function seal(window: number, slot: number): Promise<WindowItem> {
    try {
      const result = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key(window, slot),
          UpdateExpression: 'SET sealedAt = :at',
          ConditionExpression: 'attribute_exists(leaves) AND attribute_not_exists(sealedAt)',
          ExpressionAttributeValues: { ':at': clock.iso() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes as WindowItem;
    } catch (error) {
      if (!conditionFailure(error)) throw error;
      return read(window, slot);
    }
  }

  /** The one Sign over a sealed batch, stored unless a signature is there already (that one stays). */
  async function signSealed(window: number, slot: number, item: WindowItem): Promise<WindowItem> {
    if (item.signature) return item;
    const sealedAt = item.sealedAt as string;
    const tree = MerkleTree.fromLeafHashes(item.leaves.map((leaf) => fromBase64(leaf) as Uint8Array));
    const root = toBase64(tree.root());
    const statement = batchStatementBytes({ id: batchId(window, slot), size: tree.size, root, sealedAt });
    const signature = Buffer.from(await options.sign(statement)).toString('base64url');
    const result = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key(window, slot),
        // `signs` counts every Sign made for the batch (a takeover can make a second), for benchmarks.
        UpdateExpression:
          'SET signature = if_not_exists(signature, :sig), #size = :size, #root = :root ADD signs :one',
        ConditionExpression: 'sealedAt = :sealedAt',
        ExpressionAttributeNames: { '#size': 'size', '#root': 'root' },
        ExpressionAttributeValues: {
          ':sig': signature,
          ':size': tree.size,
          ':root': root,
          ':one': 1,
          ':sealedAt': sealedAt,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as WindowItem;
  }

  /** Real time left until `at` on the injected clock, never more than a window and its grace. */
  const untilMs = (at: number) => Math.min(Math.max(0, at - clock.nowMs()), windowMs + graceMs);

  // Receipts of one batch signed in one process (the local runtime's worker serves many requests at
  // once; a Lambda environment serves one) wait on one promise: the leader's, or one follower's
  // reads, so a hundred followers do not poll a hundred times nor starve the leader's own calls.
  const inFlight = new Map<string, Promise<WindowItem>>();
  const share = (id: string, work: Promise<WindowItem>) => {
    inFlight.set(id, work);
    const forget = () => {
      if (inFlight.get(id) === work) inFlight.delete(id);
    };
    work.then(forget, forget);
    return work;
  };

  async function lead(window: number, slot: number, end: number): Promise<WindowItem> {
    await sleep(untilMs(end + graceMs));
    return signSealed(window, slot, await seal(window, slot));
  }

  async function poll(window: number, slot: number, end: number): Promise<WindowItem> {
    await sleep(untilMs(end + graceMs));
    const started = performance.now();
    for (let wait = pollMs; ; wait = Math.min(wait * 1.5, 100)) {
      const item = await read(window, slot);
      if (item.signature) return item;
      // The leader is gone or stuck: by the clock, or by real time should the clock stand still.
      const late = clock.nowMs() >= end + graceMs + takeoverMs || performance.now() - started >= takeoverMs;
      if (late) return signSealed(window, slot, item.sealedAt ? item : await seal(window, slot));
      await sleep(wait);
    }
  }

  async function follow(window: number, slot: number, end: number): Promise<WindowItem> {
    const id = batchId(window, slot);
    const local = inFlight.get(id);
    if (local) {
      try {
        return await local;
      } catch {
        // The leader here failed (its Sign, say): read and take over as any follower would.
      }
    }
    const other = inFlight.get(id);
    return other && other !== local ? other : share(id, poll(window, slot, end));
  }

  return {
    /** The batched receipt for `body`: once its batch is signed, with its inclusion proof. */
    async sign(body: BatchedReceiptBody): Promise<BatchedReceipt> {
      const leaf = toBase64(leafHash(receiptLeafBytes(body)));
      const slot = Math.min(slots - 1, Math.floor(random() * slots));
      const { window, index } = await append(Math.floor(clock.nowMs() / windowMs), slot, leaf);
      const end = (window + 1) * windowMs;
      const [item, keyId] = await Promise.all([
        index === 0 ? share(batchId(window, slot), lead(window, slot, end)) : follow(window, slot, end),
        options.keyId(),
      ]);
      if (item.leaves[index] !== leaf) {
        throw new Error(`receipt batch ${batchId(window, slot)} does not hold this receipt at ${index}`);
      }
      const tree = MerkleTree.fromLeafHashes(item.leaves.map((l) => fromBase64(l) as Uint8Array));
      return {
        ...body,
        batch: {
          id: batchId(window, slot),
          size: tree.size,
          root: toBase64(tree.root()),
          sealedAt: item.sealedAt as string,
          signature: item.signature as string,
          keyId,
        },
        proof: { index, hashes: tree.inclusionProof(index).map(toBase64) },
      };
    },
  };
}
