// What a paged read needs of a list request's cursor: the position it holds and a way to issue
// the next one. shared/http/cursor.ts implements it (authenticated, bound to route, filters and
// caller); paged reads (paged-query.ts) need nothing of HTTP.
import type * as z from 'zod';
import type { JsonValue } from '../canonical/canonical-json.ts';

export interface Cursors {
  /** The position the request's cursor holds (undefined on a first page). */
  read<T>(schema: z.ZodType<T>): Promise<T | undefined>;
  /** A cursor for the next page of this same request, or undefined when there is none. */
  issue(payload: JsonValue | undefined): Promise<string | undefined>;
}
