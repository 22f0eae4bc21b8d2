// Every item of one tender whose sort key starts with a prefix, all pages, read consistently,
// without the key attributes: what the award and evaluation stores list.
import { resources } from '../config/settings.ts';
import { queryAll } from '../db/read-all.ts';
import { tenderPk } from '../tenders/tender-store.ts';

export const withoutKeys = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest;

export async function tenderItemsWithPrefix(
  tenderId: string,
  prefix: string,
): Promise<Record<string, unknown>[]> {
  const items = await queryAll(resources.table('tenders'), tenderPk(tenderId), { prefix, consistent: true });
  return items.map(withoutKeys);
}
