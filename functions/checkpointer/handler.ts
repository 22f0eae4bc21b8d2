// Every minute (EventBridge schedule): sign and publish a checkpoint if the log grew since the
// last one, so that while there is activity a checkpoint is never more than a minute old.
import { publishCheckpoint } from '../../shared/audit-log/index.ts';
import { scheduleHandler } from '../../shared/platform/lambda/schedule-handler.ts';
import { logger } from '../../shared/runtime/logger.ts';

export const handler = scheduleHandler(async (): Promise<{ published: boolean; size: number }> => {
  const { checkpoint, published } = await publishCheckpoint();
  if (published)
    logger.info('published checkpoint', { size: checkpoint?.size, rootHash: checkpoint?.rootHash });
  return { published, size: checkpoint?.size ?? 0 };
});
