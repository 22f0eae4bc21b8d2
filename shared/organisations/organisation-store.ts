// Organisations in the parties table, next to contractors. A claim item keeps codes unique.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { organisationCodeClaimEntity, organisationEntity } from '../entities/parties.ts';
import type { Organisation } from './organisation-schemas.ts';

export const organisationKey = (organisationId: string) => organisationEntity.key({ organisationId });
export const organisationCodeClaimKey = (code: string) => organisationCodeClaimEntity.key({ code });
/** Every organisation shares one index partition so the public list is one Query. */
export const organisationIndexKey = (organisationId: string) =>
  organisationEntity.indexKey('all', { organisationId });
/** The index partition that holds every organisation. */
export const organisationsPartition = () => organisationEntity.indexPk('all', {});

export async function getOrganisation(organisationId: string): Promise<Organisation | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: resources.table('parties'), Key: organisationKey(organisationId) }),
  );
  return result.Item ? toOrganisation(result.Item) : undefined;
}

export function toOrganisation(item: Record<string, unknown>): Organisation {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...organisation } = item;
  return organisation as Organisation;
}
