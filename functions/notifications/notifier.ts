// Reads the notifications table's stream: each new outbox event is fanned out to its recipients.
import * as z from 'zod';
import type { NotificationEvent } from '../../shared/notifications/outbox.ts';
import { streamHandler } from '../../shared/platform/lambda/stream-handler.ts';
import { fanOut } from './fan-out.ts';

// The outbox item as the stream delivers it: what fan-out needs is checked; the rest passes through.
const OutboxEvent = z.looseObject({
  kind: z.literal('event'),
  eventId: z.string().min(1),
  tenderId: z.string().min(1),
  type: z.string().min(1),
  audience: z.looseObject({ bidders: z.boolean(), followers: z.boolean() }),
});

export const handler = streamHandler(
  'notifications',
  OutboxEvent,
  async (item) => {
    await fanOut(item as unknown as NotificationEvent);
  },
  // Inbox entries and followers share the table; only outbox events are delivered.
  { select: (item) => item.kind === 'event' },
);
