// The reads the bidding pages share: the caller's contractor profile, its registered keys, a
// tender as published, and the caller's own bids on it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, orThrow } from '../api/client';
import type { OwnBid } from './types';

export const useContractor = () =>
  useQuery({ queryKey: ['bidding', 'me'], queryFn: async () => orThrow(await api.GET('/me/contractor')) });

export const useSigningKeys = (contractorId: string | undefined) =>
  useQuery({
    queryKey: ['bidding', 'keys', contractorId],
    enabled: contractorId !== undefined,
    queryFn: async () =>
      orThrow(
        await api.GET('/contractors/{contractorId}/signing-keys', {
          params: { path: { contractorId: contractorId as string } },
        }),
      ).items,
  });

export const useTender = (tenderId: string) =>
  useQuery({
    queryKey: ['bidding', 'tender', tenderId],
    queryFn: async () => orThrow(await api.GET('/tenders/{tenderId}', { params: { path: { tenderId } } })),
  });

/** Every version of the caller's bids on the tender, all pages. */
export const useOwnBids = (tenderId: string) =>
  useQuery({
    queryKey: ['bidding', 'bids', tenderId],
    queryFn: async () => {
      const items: OwnBid[] = [];
      let cursor: string | undefined;
      do {
        const page = orThrow(
          await api.GET('/me/bids', {
            params: { query: { tenderId, limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });

export function useRefreshBidding() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['bidding'] });
}
