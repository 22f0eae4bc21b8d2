// The log head: the one item every append goes through, off the request path. It carries what an
// append needs in O(log n): the compact-range border (for the root) and the partial hash tiles.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import type { Hash } from '../tlog/index.ts';
import { CompactRange, emptyRoot, fromBase64, toBase64 } from '../tlog/index.ts';
import { headKey } from './log-keys.ts';
import { TileState } from './tiles.ts';

export interface LogHead {
  readonly size: number;
  readonly rootHash: Hash;
  readonly range: CompactRange;
  readonly tiles: TileState;
  /** When the last batch was integrated; absent for the empty log. */
  readonly integratedAt?: string;
}

export const emptyHead = (): LogHead => ({
  size: 0,
  rootHash: emptyRoot(),
  range: new CompactRange(),
  tiles: new TileState(0, []),
});

const decode = (text: string, what: string): Uint8Array => {
  const bytes = fromBase64(text);
  if (!bytes) throw new Error(`the log head's ${what} is not base64`);
  return bytes;
};

export function headFromItem(item: Record<string, unknown> | undefined): LogHead {
  if (!item) return emptyHead();
  const size = item.size as number;
  const border = (item.border as string[]).map((b) => decode(b, 'border'));
  const partial = (item.partial as string[]).map((p) => decode(p, 'partial tile'));
  return {
    size,
    rootHash: decode(item.rootHash as string, 'root'),
    range: CompactRange.fromBorder(size, border),
    tiles: new TileState(size, partial),
    ...(typeof item.integratedAt === 'string' ? { integratedAt: item.integratedAt } : {}),
  };
}

export function headItem(head: LogHead): Record<string, unknown> {
  return {
    ...headKey,
    size: head.size,
    rootHash: toBase64(head.rootHash),
    border: head.range.border().map(toBase64),
    partial: head.tiles.partial().map(toBase64),
    ...(head.integratedAt ? { integratedAt: head.integratedAt } : {}),
  };
}

export async function readHead(table: string): Promise<LogHead> {
  const result = await db.send(new GetCommand({ TableName: table, Key: headKey, ConsistentRead: true }));
  return headFromItem(result.Item);
}
