// A check's outcome, said plainly: running, verified (with what it was verified against), or
// failed with the reason. role="status" so a screen reader hears the verdict when it arrives.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, orThrow } from '../api/client';
import { CheckFailed } from './log-checks';

/** The log's public key as the API serves it; its key id is recomputed before any note is trusted. */
export function useLogKey() {
  return useQuery({
    queryKey: ['oversight', 'log-public-key'],
    queryFn: async () => orThrow(await api.GET('/log/public-key')),
    staleTime: 3_600_000,
  });
}

export function CheckResult({
  pending,
  error,
  ok,
  children,
}: {
  pending: boolean;
  error: unknown;
  ok: boolean;
  children?: ReactNode;
}) {
  const state = pending ? 'checking' : error ? 'failed' : ok ? 'verified' : 'idle';
  if (state === 'idle') return null;
  const reason = error instanceof CheckFailed ? error.reason : 'error';
  return (
    <div
      className={`check-result check-${state}`}
      role="status"
      data-state={state}
      data-reason={state === 'failed' ? reason : undefined}
    >
      <p className="check-verdict">
        {state === 'checking' ? <FormattedMessage id="oversight.check.checking" /> : null}
        {state === 'verified' ? <FormattedMessage id="oversight.check.verified" /> : null}
        {state === 'failed' ? <FormattedMessage id="oversight.check.failed" /> : null}
      </p>
      {state === 'failed' ? (
        <p className="check-reason">
          <FormattedMessage id={`oversight.check.${reason}`} />
        </p>
      ) : null}
      {state === 'verified' ? children : null}
    </div>
  );
}
