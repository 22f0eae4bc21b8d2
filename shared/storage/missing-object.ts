// A stored object the system itself recorded (minutes behind their pointer, an evaluation report,
// log entries and tiles) that is not there. That is not the client's fault, and not a bug in the
// request: it is lost or not yet visible storage (a replica behind, a restore in progress, an
// operator's mistake). The client gets a 503 it may retry, without the object key; operators get
// an error log line with `alarm: "STORED_OBJECT_MISSING"`, a field a CloudWatch metric filter
// (and its alarm) can match. Objects that may legitimately be absent (minutes before an opening) keep their 404s at
// the call site, which knows the difference: it holds the pointer.
import { Unavailable } from '../errors/domain-error.ts';
import { logger } from '../runtime/logger.ts';

export const STORED_OBJECT_MISSING = 'STORED_OBJECT_MISSING' as const;
const RETRY_AFTER_SECONDS = 30;

/** S3's "no such key / version" in any of the shapes the SDK and emulators give it. */
export const isMissingObject = (error: unknown): boolean => {
  const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.name === 'NoSuchKey' ||
    e?.name === 'NotFound' ||
    e?.name === 'NoSuchVersion' ||
    e?.Code === 'NoSuchKey' ||
    e?.$metadata?.httpStatusCode === 404
  );
};

/** Logs the loss for operators and returns the problem the client sees. */
export function storedObjectMissing(what: string, objectKey: string): Unavailable {
  logger.error('a stored object that should exist is missing', {
    alarm: STORED_OBJECT_MISSING,
    what,
    objectKey,
  });
  return new Unavailable(
    STORED_OBJECT_MISSING,
    `the ${what} is temporarily unavailable; retry later`,
    RETRY_AFTER_SECONDS,
  );
}
