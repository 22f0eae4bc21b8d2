// The functions' Powertools: one logger (shared/runtime/logger.ts), one tracer (X-Ray,
// shared/runtime/tracer.ts: a no-op without X-Ray) and one metrics emitter (CloudWatch EMF,
// namespace from settings). Every trigger's wrapper (lambda-base.ts) injects the Lambda context
// into the logger, flushes the metrics and traces the invocation.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { settings } from '../../config/settings.ts';

export { logger } from '../../runtime/logger.ts';
export { traced, tracer } from '../../runtime/tracer.ts';

export const metrics = new Metrics({ namespace: settings.METRICS_NAMESPACE, serviceName: 'eproc' });

/** The metrics every function may emit, by name, with their unit: one list, for dashboards. */
export const metricUnits = {
  /** A bid version committed (new or replacement) with its receipt. */
  bidsCommitted: MetricUnit.Count,
  /** A tender (or its financial phase) opened and its minutes stored. */
  openings: MetricUnit.Count,
  /** From the submission deadline to stored, signed minutes. */
  minutesLatency: MetricUnit.Milliseconds,
  /** The longest delay in a sequencer batch from an audit event's time to its log entry (receipts promise MAX_INTEGRATION_DELAY_SECONDS). */
  integrationDelay: MetricUnit.Milliseconds,
} as const;

export type MetricName = keyof typeof metricUnits;

export function recordMetric(name: MetricName, value: number): void {
  metrics.addMetric(name, metricUnits[name], value);
}
