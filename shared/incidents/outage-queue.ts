// Sending work to the outage queue: one message, or many at once (ten to a call).
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { resources } from '../config/settings.ts';
import type { OutageMessage } from './incident-schemas.ts';

const sqs = new SQSClient({});

export async function sendOutageMessage(message: OutageMessage): Promise<void> {
  await sqs.send(
    new SendMessageCommand({ QueueUrl: resources.queueUrl('outage'), MessageBody: JSON.stringify(message) }),
  );
}

export async function sendOutageMessages(messages: readonly OutageMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    let batch = messages.slice(i, i + 10).map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) }));
    // Entries SQS refused (throttling) are sent again; a persistent failure fails the record.
    for (let attempt = 1; batch.length > 0; attempt++) {
      const result = await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: resources.queueUrl('outage'), Entries: batch }),
      );
      const failed = new Set((result.Failed ?? []).map((f) => f.Id));
      batch = batch.filter((e) => failed.has(e.Id));
      if (batch.length > 0 && attempt >= 3) {
        throw new Error(`SQS refused ${batch.length} outage messages: ${result.Failed?.[0]?.Message}`);
      }
    }
  }
}
