// Contractors' submission signing keys, where the contractor registry keeps them (the layout of
// shared/parties/signing-key-store.ts): beside the profile, one item per key, named by its RFC 7638
// thumbprint (the bid version's `signingKeyId`). The opener only reads them, with the profiles
// (for the names in the minutes), in as few batch reads as it can.
import { resources } from '../config/settings.ts';
import { batchGetAll } from '../db/read-all.ts';
import { contractorEntity } from '../entities/parties.ts';
import { contractorKey } from '../parties/contractor-store.ts';
import { signingKeyKey } from '../parties/signing-key-store.ts';
import type { P256PublicJwk } from '../sealing/jwk.ts';

export { signingKeyKey };

export interface SigningKeyRecord {
  readonly contractorId: string;
  /** RFC 7638 thumbprint of publicKeyJwk. */
  readonly keyId: string;
  readonly publicKeyJwk: P256PublicJwk;
  readonly status?: 'active' | 'retired';
  /** Retired keys sign no new submission; bids received before stay verifiable. */
  readonly retiredAt?: string;
}

export interface ContractorFacts {
  readonly names: Map<string, string>;
  /** `${contractorId}#${keyId}` → key. */
  readonly keys: Map<string, SigningKeyRecord>;
}

/** Contractor names and the signing keys the bids name, in batches of 100 keys. */
export async function loadContractorFacts(
  wanted: readonly { contractorId: string; signingKeyId?: string | undefined }[],
): Promise<ContractorFacts> {
  const keys = new Map<string, Record<string, string>>();
  for (const w of wanted) {
    const profile = contractorKey(w.contractorId);
    keys.set(`${profile.pk}|${profile.sk}`, profile);
    if (w.signingKeyId) {
      const key = signingKeyKey(w.contractorId, w.signingKeyId);
      keys.set(`${key.pk}|${key.sk}`, key);
    }
  }
  const names = new Map<string, string>();
  const signing = new Map<string, SigningKeyRecord>();
  for (const item of await batchGetAll(resources.table('parties'), [...keys.values()])) {
    const contractorId = contractorEntity.fromPk(String(item.pk)).contractorId;
    if (item.sk === 'PROFILE') names.set(contractorId, String(item.name));
    else signing.set(`${contractorId}#${String(item.keyId)}`, item as unknown as SigningKeyRecord);
  }
  return { names, keys: signing };
}
