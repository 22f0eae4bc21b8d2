// The workspace's reads and writes. Every write sends If-Match with the ETag of the GET the page
// acted on (routes that do not require it ignore it), so a change made meanwhile by a colleague
// is refused (412) rather than overwritten.
import { useQuery } from '@tanstack/react-query';
import { api, orThrow } from '../api/client';
import type { operations } from '../api/schema.d.ts';

type Json<Op extends keyof operations, Status extends number = 200> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer T } }>
    ? T
    : never;

export type ProcedureList = Json<'listProcedures'>;
export type Procedure = ProcedureList['items'][number];
export type Tender = Json<'getOwnTender'>;
export type TenderSummary = Json<'listOwnTenders'>['items'][number];
export type Question = Json<'listEntityQuestions'>['items'][number];
export type UploadTicket = Json<'requestDocumentUpload', 201>;
export type AmendmentResult = Json<'amendTender', 201>;
export type TenderCreate = NonNullable<
  operations['createTender']['requestBody']
>['content']['application/json'];
export type TenderStatus = Tender['status'];

export function useProcedures() {
  return useQuery({
    queryKey: ['procedures'],
    queryFn: async () => orThrow(await api.GET('/procedures')),
    staleTime: 5 * 60_000,
  });
}

/** One own tender with the ETag its GET answered: what the next write sends as If-Match. */
export function useOwnTender(tenderId: string) {
  return useQuery({
    queryKey: ['entity-tender', tenderId],
    queryFn: async () => {
      const result = await api.GET('/entity/tenders/{tenderId}', { params: { path: { tenderId } } });
      const tender = orThrow(result);
      return { tender, etag: result.response.headers.get('etag') ?? `"${tender.version}"` };
    },
    staleTime: 0,
  });
}

export function useOwnTenders() {
  return useQuery({
    queryKey: ['entity-tenders'],
    queryFn: async () => orThrow(await api.GET('/entity/tenders', { params: { query: { limit: 100 } } })),
    staleTime: 0,
  });
}

export function useQuestions(tenderId: string, enabled = true) {
  return useQuery({
    queryKey: ['entity-questions', tenderId],
    queryFn: async () =>
      orThrow(
        await api.GET('/entity/tenders/{tenderId}/questions', {
          params: { path: { tenderId }, query: { limit: 100 } },
        }),
      ),
    enabled,
    staleTime: 0,
  });
}
