// Every minute on AWS (an interval locally): queue the opening of every tender past its deadline
// that is not opened yet.
import { sweepOverdueOpenings } from '../../shared/opening/safety-net.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { logger } from '../../shared/runtime/logger.ts';

export async function handler(): Promise<{ queued: number }> {
  const timers = await sweepOverdueOpenings(clock.iso());
  if (timers.length > 0) {
    logger.warn('safety net queued overdue openings', { tenderIds: timers.map((t) => t.tenderId) });
  }
  return { queued: timers.length };
}
