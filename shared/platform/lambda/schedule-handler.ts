// Scheduled functions (EventBridge every N minutes; an interval locally): the same base as every
// other trigger, so a sweep logs with its Lambda context and flushes its metrics.
import type { Context } from 'aws-lambda';
import { lambdaBase } from './lambda-base.ts';

export function scheduleHandler<R>(run: () => Promise<R>) {
  return lambdaBase(async (_event: unknown, _context: Context): Promise<R> => run());
}
