// The contractor's reads, typed from the generated schema (npm run api:generate). The profile
// keeps the ETag its GET answered: PATCH /contractors/{id} requires it as If-Match, so an edit made
// meanwhile in another tab is refused instead of overwritten.
import { useQuery } from '@tanstack/react-query';
import { ApiProblem, api, orThrow } from '../api/client';
import type { operations } from '../api/schema.d.ts';
import { useSession } from '../auth/session';

type Json<Op extends keyof operations, Status extends number = 200> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer T } }>
    ? T
    : never;

export type Contractor = Json<'myContractor'>;
export type Registration = NonNullable<
  operations['registerContractor']['requestBody']
>['content']['application/json'];
export type BidVersion = Json<'listOwnBids'>['items'][number];
export type BidReceipt = BidVersion['receipt'];
export type ReceiptKey = Json<'receiptPublicKey'>;
export type PublicTender = Json<'getTender'>;
export type Minutes = Json<'getOpeningMinutes'>;
export type AwardNotice = Json<'listAwards'>['items'][number];
export type Complaint = Json<'listComplaints'>['items'][number];
export type Notification = Json<'listMyNotifications'>['items'][number];

/** The caller's company with its ETag, or null when the account has registered none (404). */
export function useMyContractor() {
  const session = useSession();
  return useQuery({
    queryKey: ['account', session?.sub, 'contractor'],
    queryFn: async () => {
      const result = await api.GET('/me/contractor');
      if (result.response.status === 404) return null;
      const contractor = orThrow(result);
      return { contractor, etag: result.response.headers.get('etag') ?? `"${contractor.version}"` };
    },
    enabled: Boolean(session),
    staleTime: 0,
  });
}

/** Every version of the caller's bids (all pages). */
export function useMyBids() {
  const session = useSession();
  return useQuery({
    queryKey: ['account', session?.sub, 'bids'],
    queryFn: async () => {
      const items: BidVersion[] = [];
      let cursor: string | undefined;
      do {
        const page = orThrow(
          await api.GET('/me/bids', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
    enabled: Boolean(session),
    staleTime: 0,
  });
}

export function useReceiptKey() {
  return useQuery({
    queryKey: ['receipts-public-key'],
    queryFn: async () => orThrow(await api.GET('/receipts/public-key')),
    staleTime: 10 * 60_000,
  });
}

/** A public tender with its ETag (a petition is filed If-Match the tender's version). */
export function usePublicTender(tenderId: string) {
  return useQuery({
    queryKey: ['account-tender', tenderId],
    queryFn: async () => {
      const result = await api.GET('/tenders/{tenderId}', { params: { path: { tenderId } } });
      const tender = orThrow(result);
      return { tender, etag: result.response.headers.get('etag') ?? `"${tender.version}"` };
    },
    staleTime: 0,
  });
}

export const orNone = <T>(promise: Promise<T>) =>
  promise.catch((error: unknown) => {
    if (error instanceof ApiProblem && error.problem.status === 404) return null;
    throw error;
  });
