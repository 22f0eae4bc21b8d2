// Opening timers on SQS. A message can be delayed 15 minutes at most, so a timer is re-sent until
// its deadline is near; each carries the deadline and the version that set it, so a timer left
// behind by a changed deadline recognises itself as stale when it arrives. Timers arrive
// OPENING_PREFETCH_SECONDS before the deadline: the opener reads the sealed envelopes (ciphertext,
// public keys) while it waits, and unwraps the key and decrypts only once the deadline has passed.
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { resources, settings } from '../config/settings.ts';
import { logger } from '../runtime/logger.ts';
import { traced } from '../runtime/tracer.ts';
import type { OpeningMessage, OpeningTimer } from './messages.ts';

export const MAX_DELAY_SECONDS = 900;

const sqs = traced(new SQSClient({}));

/** Whole seconds to wait for `due` (SQS delays are whole seconds), at most 900. */
export function delaySecondsUntil(due: string, nowMs: number): number {
  const remaining = Date.parse(due) - nowMs;
  if (remaining <= 0) return 0;
  return Math.min(MAX_DELAY_SECONDS, Math.ceil(remaining / 1000));
}

/** The delay to send a timer with: it should arrive the prefetch lead before `due`. */
export function timerDelaySeconds(due: string, nowMs: number): number {
  return delaySecondsUntil(
    new Date(Date.parse(due) - settings.OPENING_PREFETCH_SECONDS * 1000).toISOString(),
    nowMs,
  );
}

export interface TimerTender {
  readonly tenderId: string;
  readonly submissionDeadline: string;
  readonly version: number;
  readonly deadlineVersion?: number | undefined;
}

export const timerFor = (tender: TimerTender): OpeningTimer => ({
  kind: 'timer',
  tenderId: tender.tenderId,
  due: tender.submissionDeadline,
  version: tender.deadlineVersion ?? tender.version,
});

export async function sendOpeningMessage(message: OpeningMessage, delaySeconds = 0): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: resources.queueUrl('opening'),
      MessageBody: JSON.stringify(message),
      DelaySeconds: delaySeconds,
    }),
  );
}

/** Queues the tender's opening at its current deadline (re-sent from there until due). */
export async function scheduleOpening(tender: TimerTender, nowMs: number): Promise<void> {
  await sendOpeningMessage(timerFor(tender), timerDelaySeconds(tender.submissionDeadline, nowMs));
}

/** Many timers at once (the safety net), ten to a call. */
export async function sendTimers(timers: readonly OpeningTimer[]): Promise<void> {
  for (let i = 0; i < timers.length; i += 10) {
    const batch = timers.slice(i, i + 10);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: resources.queueUrl('opening'),
        Entries: batch.map((timer, n) => ({ Id: String(n), MessageBody: JSON.stringify(timer) })),
      }),
    );
    if (result.Failed && result.Failed.length > 0) {
      throw new Error(`SQS refused ${result.Failed.length} opening timers: ${result.Failed[0]?.Message}`);
    }
  }
}

export type TimerDecision =
  /** The tender is gone, cancelled, or already past opening: nothing to do. */
  | { readonly action: 'ignore'; readonly why: string }
  /** The deadline moved or a newer timer was set: this one is stale. */
  | { readonly action: 'drop'; readonly why: string; readonly reschedule: boolean }
  /** Not due yet: `delaySeconds` (whole, at most 900) until it is. */
  | { readonly action: 'wait'; readonly delaySeconds: number; readonly dueInMs: number }
  | { readonly action: 'open' }
  /** Already opened: make sure what follows an opening was started (a crash may have cut it). */
  | { readonly action: 'follow-up' };

export interface DecisionTender extends TimerTender {
  readonly status: string;
}

/**
 * What a timer asks for, by the server's clock and the tender as stored. Pure: the opener does the
 * I/O. A stale timer is dropped; `reschedule` says that no fresher timer was set for the current
 * deadline (it moved by a path that schedules nothing), so the opener sets one itself.
 */
export function decideTimer(
  timer: OpeningTimer,
  tender: DecisionTender | undefined,
  nowMs: number,
): TimerDecision {
  if (!tender) return { action: 'ignore', why: 'no such tender' };
  if (tender.status === 'draft' || tender.status === 'cancelled') {
    return { action: 'ignore', why: `tender is ${tender.status}` };
  }
  if (tender.status !== 'published' && tender.status !== 'closed') return { action: 'follow-up' };
  const setAt = tender.deadlineVersion ?? 0;
  if (timer.version < setAt) {
    return {
      action: 'drop',
      why: `timer of version ${timer.version}, deadline set at ${setAt}`,
      reschedule: false,
    };
  }
  if (Date.parse(timer.due) !== Date.parse(tender.submissionDeadline)) {
    return {
      action: 'drop',
      why: `timer for ${timer.due}, deadline is ${tender.submissionDeadline}`,
      reschedule: tender.status === 'published',
    };
  }
  const delaySeconds = delaySecondsUntil(tender.submissionDeadline, nowMs);
  if (delaySeconds > 0) {
    return { action: 'wait', delaySeconds, dueInMs: Date.parse(tender.submissionDeadline) - nowMs };
  }
  return { action: 'open' };
}

/**
 * After publication or a deadline change is committed: a failed send must not fail the request
 * that already succeeded; the safety net opens the tender within a minute of its deadline anyway.
 */
export async function scheduleOpeningAfterCommit(tender: TimerTender, nowMs: number): Promise<void> {
  try {
    await scheduleOpening(tender, nowMs);
  } catch (error) {
    logger.error('opening timer not sent; the safety net will queue the opening', {
      tenderId: tender.tenderId,
      error: error as Error,
    });
  }
}

/**
 * The `opening` timer of a tender transition that (re)sets the deadline (publish, amend, the
 * no-bids and incident extensions; shared/lifecycle/tables.ts): armed once the transaction
 * committed, and only when this version set the deadline.
 */
export const openingTimerAfterCommit =
  (next: TimerTender & { readonly updatedAt: string }) => async (): Promise<void> => {
    if (next.deadlineVersion === next.version) {
      await scheduleOpeningAfterCommit(next, Date.parse(next.updatedAt));
    }
  };
