// Contractors in the parties table. Uniqueness of enterprise codes and of one contractor per
// user account is kept by claim items written in the same transaction as the profile.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { contractorEntity, enterpriseClaimEntity, ownerClaimEntity } from '../entities/parties.ts';
import type { Contractor } from './contractor-schemas.ts';

export const contractorKey = (contractorId: string) => contractorEntity.key({ contractorId });
export const enterpriseClaimKey = (code: string) => enterpriseClaimEntity.key({ code });
export const ownerClaimKey = (sub: string) => ownerClaimEntity.key({ sub });

export interface ContractorRecord extends Contractor {
  readonly ownerSub: string;
}

export async function getContractor(contractorId: string): Promise<ContractorRecord | undefined> {
  const result = await db.send(
    new GetCommand({
      TableName: resources.table('parties'),
      Key: contractorKey(contractorId),
      ConsistentRead: true,
    }),
  );
  return result.Item as ContractorRecord | undefined;
}

export async function contractorIdOfOwner(sub: string): Promise<string | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: resources.table('parties'), Key: ownerClaimKey(sub), ConsistentRead: true }),
  );
  return result.Item?.contractorId as string | undefined;
}

export function toContractor(record: ContractorRecord): Contractor {
  const { ownerSub: _owner, ...rest } = record as ContractorRecord & {
    pk?: string;
    sk?: string;
    gsi1pk?: string;
    gsi1sk?: string;
  };
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g2,
    ...contractor
  } = rest as typeof rest & Record<string, unknown>;
  return contractor as Contractor;
}
