// Bid opening, driven by timers on the opening queue (and the two-envelope financial opening).
import { OpeningMessage } from '../../shared/opening/messages.ts';
import { handleOpeningMessage } from '../../shared/opening/open-tender.ts';
import { queueHandler } from '../../shared/opening/queue-batch.ts';
import { singleFlight } from '../../shared/opening/single-flight.ts';

export const handler = queueHandler('opening', OpeningMessage, async (message) => {
  await singleFlight(message, () => handleOpeningMessage(message));
});
