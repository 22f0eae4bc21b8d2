// Reading OCDS compiled releases as Cardinal does: a field counts only when it has the expected
// JSON type (a status that is not a string is no status), and the selections below are the ones
// Cardinal's indicators share.

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const objectAt = (value: unknown, key: string): JsonObject | undefined => {
  const found = isObject(value) ? value[key] : undefined;
  return isObject(found) ? found : undefined;
};
export const arrayAt = (value: unknown, key: string): unknown[] | undefined => {
  const found = isObject(value) ? value[key] : undefined;
  return Array.isArray(found) ? found : undefined;
};
export const stringAt = (value: unknown, key: string): string | undefined => {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'string' ? found : undefined;
};
export const numberAt = (value: unknown, key: string): number | undefined => {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'number' ? found : undefined;
};

/** `/bids/details[]` objects. */
export const bidDetails = (release: JsonObject): JsonObject[] =>
  (arrayAt(objectAt(release, 'bids'), 'details') ?? []).filter(isObject);

// Several indicators ask for the same selections of the release being read; one-entry caches
// keep that to one pass per release.
let submittedFor: JsonObject | undefined;
let submittedCached: JsonObject[] = [];
let completeFor: JsonObject | undefined;
let completeCached: ReturnType<typeof computeCompleteAwardsAndBids>;

/** Submitted bids: pending, valid or disqualified (any status string but invited and withdrawn). */
export function submittedBids(release: JsonObject): JsonObject[] {
  if (submittedFor !== release) {
    submittedFor = release;
    submittedCached = bidDetails(release).filter((bid) => {
      const status = stringAt(bid, 'status');
      return status !== undefined && status !== 'invited' && status !== 'withdrawn';
    });
  }
  return submittedCached;
}

/** Ids of a bid's `tenderers` (or an award's `suppliers`) that set a string id. */
export const organizationIds = (object: JsonObject, key: 'tenderers' | 'suppliers'): string[] =>
  (arrayAt(object, key) ?? []).map((reference) => stringAt(reference, 'id')).filter((id) => id !== undefined);

/**
 * The active awards and the bids, if every award with a status is final (active, cancelled or
 * unsuccessful); undefined if `/awards` or `/bids/details` is missing or an award is pending.
 */
export function completeAwardsAndBids(release: JsonObject): ReturnType<typeof computeCompleteAwardsAndBids> {
  if (completeFor !== release) {
    completeFor = release;
    completeCached = computeCompleteAwardsAndBids(release);
  }
  return completeCached;
}

function computeCompleteAwardsAndBids(
  release: JsonObject,
): { readonly awards: JsonObject[]; readonly details: JsonObject[] } | undefined {
  const awards = arrayAt(release, 'awards');
  const details = arrayAt(objectAt(release, 'bids'), 'details');
  if (!awards || !details) return undefined;
  const complete: JsonObject[] = [];
  for (const award of awards) {
    const status = stringAt(award, 'status');
    if (status === undefined) continue;
    if (status === 'active') complete.push(award as JsonObject);
    else if (status !== 'cancelled' && status !== 'unsuccessful') return undefined;
  }
  return { awards: complete, details: details.filter(isObject) };
}

/** An empty set matches every method; otherwise `/tender/procurementMethod` must be in it. */
export function matchesProcurementMethod(tender: JsonObject, methods: ReadonlySet<string>): boolean {
  if (methods.size === 0) return true;
  const method = stringAt(tender, 'procurementMethod');
  return method !== undefined && methods.has(method);
}

/**
 * An allow list (when not empty) wins over a deny list. Without `/tender/procurementMethodDetails`
 * a release matches only when no allow list is set.
 */
export function matchesProcurementMethodDetails(
  release: JsonObject,
  include: ReadonlySet<string>,
  exclude: ReadonlySet<string>,
): boolean {
  const details = stringAt(objectAt(release, 'tender'), 'procurementMethodDetails');
  if (details === undefined) return include.size === 0;
  return include.size === 0 ? !exclude.has(details) : include.has(details);
}

/** The single valid bids with an amount and a currency: [tenderer, amount, currency]. */
export function validPricedSingleTendererBids(details: readonly JsonObject[]): [string, number, string][] {
  const tuples: [string, number, string][] = [];
  for (const bid of details) {
    const value = objectAt(bid, 'value');
    const amount = numberAt(value, 'amount');
    const currency = stringAt(value, 'currency');
    const tenderers = arrayAt(bid, 'tenderers');
    const tenderer = tenderers?.length === 1 ? stringAt(tenderers[0], 'id') : undefined;
    if (
      stringAt(bid, 'status') === 'valid' &&
      amount !== undefined &&
      currency !== undefined &&
      tenderer !== undefined
    )
      tuples.push([tenderer, amount, currency]);
  }
  return tuples;
}
