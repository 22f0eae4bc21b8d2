// Every minute on AWS (an interval locally): queue the opening of every tender past its deadline
// that is not opened yet.
import { sweepOverdueOpenings, sweepStalledFinancialOpenings } from '../../shared/opening/safety-net.ts';
import { scheduleHandler } from '../../shared/platform/lambda/schedule-handler.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { logger } from '../../shared/runtime/logger.ts';

export const handler = scheduleHandler(async (): Promise<{ queued: number; financial: number }> => {
  const now = clock.iso();
  const [timers, financial] = await Promise.all([
    sweepOverdueOpenings(now),
    sweepStalledFinancialOpenings(now),
  ]);
  if (timers.length > 0 || financial.length > 0) {
    logger.warn('safety net queued overdue openings', {
      tenderIds: timers.map((t) => t.tenderId),
      financialOpenings: financial,
    });
  }
  return { queued: timers.length, financial: financial.length };
});
