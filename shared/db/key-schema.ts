// The shape of a DynamoDB key a page may resume from: exactly the attributes of the table's key
// and, on an index, the index's key (every table here uses string keys). Cursors hold such keys,
// and a cursor's payload is parsed with one of these even after its MAC checks out.
import * as z from 'zod';
import { type IndexSpec, type TableName, tables } from '../resources/tables.ts';

const keyValue = z.string().min(1).max(1024);

export type StoredKey = Record<string, string>;

/** The LastEvaluatedKey of a query on `table` (through `index`, when named). */
export function storedKeySchema(table: TableName, index?: string): z.ZodType<StoredKey> {
  const spec = tables[table];
  const names: string[] = [spec.partitionKey, spec.sortKey];
  if (index !== undefined) {
    const found = (spec.indexes as readonly IndexSpec[]).find((i) => i.name === index);
    if (!found) throw new Error(`table ${table} has no index ${index}`);
    names.push(found.partitionKey, found.sortKey);
  }
  return z.strictObject(
    Object.fromEntries(names.map((n) => [n, keyValue])),
  ) as unknown as z.ZodType<StoredKey>;
}
