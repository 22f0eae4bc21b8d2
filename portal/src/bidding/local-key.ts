// This browser's signing key as a query, so the pages re-render when it is made, imported or
// forgotten; and the registered key list it is checked against.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../auth/session';
import { loadSigningKey } from './signing-key-store';
import type { SigningKey } from './types';

export function useBrowserKey() {
  const sub = useSession()?.sub;
  return useQuery({
    queryKey: ['bidding', 'local-key', sub],
    enabled: sub !== undefined,
    // IndexedDB is local: nothing to refetch, only to invalidate after a change.
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => (await loadSigningKey(sub as string)) ?? null,
  });
}

export function useForgetLocalKeyQuery() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['bidding', 'local-key'] });
}

/** Whether this browser's key can sign a bid: registered on the profile and not retired. */
export function keyState(
  keyId: string | undefined,
  registered: readonly SigningKey[] | undefined,
): 'none' | 'unregistered' | 'active' | 'retired' {
  if (!keyId) return 'none';
  const found = registered?.find((k) => k.keyId === keyId);
  if (!found) return 'unregistered';
  return found.status === 'active' ? 'active' : 'retired';
}
