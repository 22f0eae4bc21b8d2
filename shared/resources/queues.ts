// The SQS queues, declared once. Every queue gets a dead-letter queue and a depth alarm on it.

export interface QueueSpec {
  readonly description: string;
  /** Deliveries before a message is moved to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
}

export const queues = {
  opening: {
    description: 'Timers for bid opening: re-sent with a delay until the deadline is due',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 360,
  },
  evaluation: {
    description: 'Evaluation steps after opening',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 360,
  },
  outage: {
    description:
      'System incidents (Circular 79/2025 Art. 6): finding the affected tenders, then one extension each',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 360,
  },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof queues;
