// R044 Business similarities between tenderers. Cardinal has not released R044 (it is on its r044
// branch, where tenderers are parties with the `tenderer` role and any shared contact point field,
// even a contact's name, flags). Here, in Cardinal's style: the tenderers of a process are the
// /bids/details[]/tenderers of its submitted bids and the /parties with the `tenderer` role; each
// is looked up in /parties by id, and the process and the tenderers are flagged (value 1.0) when
// two different tenderers share a normalised street address and locality, an email address or a
// telephone number. Names alone do not flag: unrelated firms share a "Sales" contact.
import type { JsonObject } from '../ocds.ts';
import { arrayAt, objectAt, organizationIds, stringAt, submittedBids } from '../ocds.ts';
import type { IndicatorFactory } from './context.ts';

/** Lower case, compatibility forms folded, runs of anything but letters and digits to one space. */
export const normaliseText = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

// The same tenderers' addresses recur on every process they bid in; a bounded memo saves the
// Unicode work without growing with the input.
const memo = new Map<string, string>();
const normalised = (text: string): string => {
  let value = memo.get(text);
  if (value === undefined) {
    if (memo.size >= 100_000) memo.clear();
    value = normaliseText(text);
    memo.set(text, value);
  }
  return value;
};

/** The similarity keys of one party: its address, email and telephone, when set. */
export function similarityKeys(party: JsonObject): string[] {
  const keys: string[] = [];
  const address = objectAt(party, 'address');
  const street = normalised(stringAt(address, 'streetAddress') ?? '');
  if (street !== '') keys.push(`address:${street}|${normalised(stringAt(address, 'locality') ?? '')}`);
  const contact = objectAt(party, 'contactPoint');
  const email = (stringAt(contact, 'email') ?? '').trim().toLowerCase();
  if (email.includes('@')) keys.push(`email:${email}`);
  const telephone = (stringAt(contact, 'telephone') ?? '').replace(/\D/g, '');
  if (telephone.length >= 6) keys.push(`telephone:${telephone}`);
  return keys;
}

export const r044: IndicatorFactory = (context) => ({
  fold(release, ocid) {
    const parties = new Map<string, JsonObject>();
    const tenderers = new Set<string>();
    for (const party of arrayAt(release, 'parties') ?? []) {
      const id = stringAt(party, 'id');
      if (id === undefined) continue;
      if (!parties.has(id)) parties.set(id, party as JsonObject);
      if (arrayAt(party, 'roles')?.includes('tenderer')) tenderers.add(id);
    }
    for (const bid of submittedBids(release))
      for (const id of organizationIds(bid, 'tenderers')) tenderers.add(id);
    if (tenderers.size < 2) return;

    const byKey = new Map<string, string>(); // similarity key -> first tenderer with it
    const flagged = new Set<string>();
    for (const id of tenderers) {
      const party = parties.get(id);
      if (!party) continue;
      for (const key of similarityKeys(party)) {
        const other = byKey.get(key);
        if (other === undefined) byKey.set(key, id);
        else if (other !== id) flagged.add(other).add(id);
      }
    }
    if (flagged.size === 0) return;
    context.results.set('OCID', ocid, 'R044', 1);
    for (const id of flagged) context.results.set('Tenderer', id, 'R044', 1);
  },
});
