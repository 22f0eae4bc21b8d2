// A schema can tag its own refusals with the problem code a client should see (e.g. a file name's
// INVALID_FILE_NAME) through the custom issue's params, instead of the generic VALIDATION_FAILED.
import type { ZodError } from 'zod';
import { isProblemCode, type ProblemCode } from './problem-codes.ts';

export const problemCodeParam = 'problemCode';

type Issue = ZodError['issues'][number];

/** The code a schema tagged this issue with, if any. */
export function issueProblemCode(issue: Issue): ProblemCode | undefined {
  if (issue.code !== 'custom') return undefined;
  const code = (issue.params as Record<string, unknown> | undefined)?.[problemCodeParam];
  return typeof code === 'string' && isProblemCode(code) ? code : undefined;
}

/** The problem's code when every issue carries the same tagged code; otherwise undefined. */
export function sharedProblemCode(error: ZodError): ProblemCode | undefined {
  const codes = error.issues.map(issueProblemCode);
  const first = codes[0];
  return first !== undefined && codes.every((c) => c === first) ? first : undefined;
}
