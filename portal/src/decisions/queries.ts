// The reads of a tender's decisions page, one query each, keyed under the tender so a write
// refreshes them all (invalidate ['decisions', tenderId]).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiProblem, api, orThrow } from '../api/client';
import { tagged } from './http';
import type { RankingReport } from './types';

const orNone = <T>(promise: Promise<T>) =>
  promise.catch((error: unknown) => {
    if (error instanceof ApiProblem && error.problem.status === 404) return null;
    throw error;
  });

export function useDecisionQueries(tenderId: string, pollRanking: boolean) {
  const path = { tenderId };
  const tender = useQuery({
    queryKey: ['decisions', tenderId, 'tender'],
    queryFn: async () => tagged(await api.GET('/entity/tenders/{tenderId}', { params: { path } })),
  });
  const opened =
    tender.data && !['draft', 'published', 'cancelled', 'closed'].includes(tender.data.data.status);
  const evaluation = useQuery({
    queryKey: ['decisions', tenderId, 'evaluation'],
    queryFn: async () =>
      orNone(api.GET('/entity/tenders/{tenderId}/evaluation', { params: { path } }).then((r) => tagged(r))),
    enabled: Boolean(opened),
    // While a ranking runs (202), or the financial envelopes open after the technical approval
    // (202), the page polls until the evaluation has moved on.
    refetchInterval: (query) =>
      pollRanking || ['requested', 'technical-approved'].includes(query.state.data?.data.stage ?? '')
        ? 1000
        : false,
  });
  const report = useQuery({
    queryKey: ['decisions', tenderId, 'report', evaluation.data?.data.report?.sha256],
    queryFn: async () =>
      orThrow(await api.GET('/entity/tenders/{tenderId}/evaluation/report', { params: { path } })),
    enabled: Boolean(evaluation.data?.data.report),
    placeholderData: keepPreviousData,
    select: (body) => ({ sha256: body.sha256, document: body.document as RankingReport }),
  });
  const minutes = useQuery({
    // Two envelopes: the financial minutes come with the evaluation's next stage.
    queryKey: ['decisions', tenderId, 'minutes', evaluation.data?.data.stage],
    queryFn: async () => orNone(api.GET('/tenders/{tenderId}/minutes', { params: { path } }).then(orThrow)),
    enabled: Boolean(opened),
    // The key changes when the evaluation first loads: keep showing the minutes already read
    // instead of blanking the table while the same minutes are fetched again.
    placeholderData: keepPreviousData,
  });
  const awards = useQuery({
    queryKey: ['decisions', tenderId, 'awards'],
    queryFn: async () => orThrow(await api.GET('/tenders/{tenderId}/awards', { params: { path } })),
    enabled: Boolean(opened),
  });
  const complaints = useQuery({
    queryKey: ['decisions', tenderId, 'complaints'],
    queryFn: async () => orThrow(await api.GET('/tenders/{tenderId}/complaints', { params: { path } })),
    enabled: Boolean(opened),
  });
  return { tender, evaluation, report, minutes, awards, complaints };
}

/** After a write: every read of the tender's page again. */
export function useRefresh(tenderId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['decisions', tenderId] });
}

export type DecisionQueries = ReturnType<typeof useDecisionQueries>;
