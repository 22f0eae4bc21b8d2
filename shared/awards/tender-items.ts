// Every item of one tender whose sort key starts with a prefix, all pages, read consistently,
// without the key attributes: what the award and evaluation stores list.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { tenderPk } from '../tenders/tender-store.ts';

export const withoutKeys = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest;

export async function tenderItemsWithPrefix(
  tenderId: string,
  prefix: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: resources.table('tenders'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': tenderPk(tenderId), ':p': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []).map(withoutKeys));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
