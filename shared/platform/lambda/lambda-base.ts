// The one base every trigger's wrapper (HTTP, SQS, DynamoDB stream, schedule) is built on: the
// Powertools logger with the Lambda context (keys reset per invocation), metrics flushed as EMF at
// the end of each invocation that recorded any, and the invocation traced when tracing runs.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './observability.ts';

/** Middy's own options (e.g. the HTTP wrapper's early timeout answer). */
type MiddyOptions = Parameters<typeof middy>[1];

const captureHandler = tracer
  ? (await import('@aws-lambda-powertools/tracer/middleware')).captureLambdaHandler(tracer)
  : undefined;

// Powertools' logMetrics middleware warns on every invocation that recorded nothing (most reads);
// this publishes only what was recorded, success or failure alike.
const publish = async () => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};
const flushMetrics = { after: publish, onError: publish };

export function lambdaBase<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  plugin?: MiddyOptions,
): MiddyfiedHandler<E, R> {
  const wrapped = middy<E, R>(handler, plugin)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics);
  return captureHandler ? wrapped.use(captureHandler) : wrapped;
}
