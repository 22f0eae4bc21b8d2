// The evaluation pipeline's queue consumer: starts an evaluation after an opening, and runs the
// tender's method when the procuring entity asks for the ranking.
import { rankEvaluation, startEvaluation } from '../../shared/awards/evaluation-pipeline.ts';
import { EvaluationMessage } from '../../shared/opening/messages.ts';
import { queueHandler } from '../../shared/platform/lambda/queue-handler.ts';
import { logger } from '../../shared/runtime/logger.ts';

export const handler = queueHandler('evaluation', EvaluationMessage, async (message) => {
  if (message.kind === 'opened') {
    // The financial opening already moved the evaluation on; the technical or single one starts it.
    const outcome =
      message.phase === 'financial' ? 'financial-opened' : await startEvaluation(message.tenderId);
    logger.info('evaluation step', {
      tenderId: message.tenderId,
      step: 'opened',
      phase: message.phase,
      outcome,
    });
    return;
  }
  const outcome = await rankEvaluation(message.tenderId, message.requestId);
  logger.info('evaluation step', { tenderId: message.tenderId, step: 'evaluate', outcome });
});
