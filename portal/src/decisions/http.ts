// Reads that keep the ETag they came with, and writes that send it back as If-Match: every write
// on these pages names the version of what the user saw, so a change made meanwhile (another
// evaluator's entry, a second tab) is refused instead of overwritten.
//
// Which read a write acted on: the evaluation's entries and its ranking request act on the
// evaluation (its ETag, or its version when the GET carries no ETag header); the award, the
// contract and a petition's answer act on the tender, whose GET always carries its ETag.
import { orThrow } from '../api/client';

export interface Tagged<T> {
  readonly data: T;
  readonly etag: string | undefined;
}

export function tagged<T>(result: { data?: T; error?: unknown; response: Response }): Tagged<T> {
  const data = orThrow(result);
  return { data, etag: result.response.headers.get('etag') ?? undefined };
}

/** The request header for a write, or none when the read carried no ETag. */
/**
 * The If-Match header of a write that requires one (428 without it). Before the read it acts on
 * has loaded there is no ETag: the empty value is refused by the API (IF_MATCH_MALFORMED), shown
 * like any other refusal, rather than the write going through unguarded.
 */
export const ifMatchHeader = (etag: string | undefined): { 'If-Match': string } => ({
  'If-Match': etag ?? '',
});

/** The evaluation's ETag: the header when the API sends one, else its version in ETag form. */
export const evaluationEtag = (read: Tagged<{ version: number }>) => read.etag ?? `"${read.data.version}"`;
