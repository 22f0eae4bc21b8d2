// Bid opening, driven by timers on the opening queue (and the two-envelope financial opening).
import { OpeningMessage } from '../../shared/opening/messages.ts';
import { handleOpeningMessage } from '../../shared/opening/open-tender.ts';
import { recordMetric } from '../../shared/platform/lambda/observability.ts';
import { queueHandler } from '../../shared/platform/lambda/queue-handler.ts';
import { singleFlight } from '../../shared/platform/single-flight.ts';
import { clock } from '../../shared/runtime/clock.ts';

// Identical timers (same tender, kind, deadline and version) share one opening in flight.
const flightKey = (message: OpeningMessage) =>
  JSON.stringify([
    message.kind,
    message.tenderId,
    'due' in message ? message.due : '',
    'version' in message ? message.version : 0,
  ]);

export const handler = queueHandler('opening', OpeningMessage, async (message) => {
  const { opening } = await singleFlight(flightKey(message), () => handleOpeningMessage(message));
  // Counted by the instance whose minutes were stored (a duplicate shares or skips the opening).
  if (opening && opening.status !== 'skipped' && opening.committed) {
    recordMetric('openings', 1);
    if (message.kind === 'timer') recordMetric('minutesLatency', clock.nowMs() - Date.parse(message.due));
  }
});
