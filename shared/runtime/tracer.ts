// The functions' Powertools tracer (X-Ray), beside the logger so that every AWS SDK client can be
// traced where it is built (shared/db/client.ts, shared/storage/s3.ts, ...) without depending on
// the Lambda wrappers.
//
// The tracer is loaded only where it can trace: on Lambda (AWS_EXECUTION_ENV set) with tracing not
// turned off (POWERTOOLS_TRACE_ENABLED=false). Locally there is no X-Ray daemon, and importing the
// X-Ray SDK costs every function worker most of a second; there `tracer` is undefined and
// `traced(client)` returns the client itself.
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { withoutSdkCallLog } from './sdk-call-log.ts';

const canTrace =
  Boolean(process.env.AWS_EXECUTION_ENV) && process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false';

export const tracer: Tracer | undefined = canTrace
  ? new (await import('@aws-lambda-powertools/tracer')).Tracer({ serviceName: 'eproc' })
  : undefined;

/**
 * An AWS SDK v3 client as the functions use it: its calls appear as subsegments of the
 * invocation's trace, and it skips the SDK's own per-call logging (sdk-call-log.ts).
 */
export function traced<T extends Parameters<typeof withoutSdkCallLog>[0]>(client: T): T {
  withoutSdkCallLog(client);
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
