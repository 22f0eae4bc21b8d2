// Settings are read and validated once, when a function's module loads: a bad value fails the
// cold start with a message naming the variable, not a request an hour later.
import * as z from 'zod';
import type { BucketName } from '../resources/buckets.ts';
import { bucketEnv, keyEnv, queueEnv, tableEnv } from '../resources/env-names.ts';
import type { KeyName } from '../resources/keys.ts';
import type { QueueName } from '../resources/queues.ts';
import type { TableName } from '../resources/tables.ts';

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );

const settingsSchema = z.object({
  STAGE: z.string().min(1).default('local'),
  /** The time zone in which working days and deadlines are shown and counted. */
  TIME_ZONE: z.string().default('Asia/Ho_Chi_Minh'),
  MAX_BODY_BYTES: int(64 * 1024),
  DOCUMENT_MAX_BYTES: int(200 * 1024 * 1024),
  DOCUMENT_CONTENT_TYPES: list(
    'application/pdf,application/zip,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/msword,application/vnd.ms-excel,image/png,image/jpeg,text/plain',
  ),
  PRESIGN_TTL_SECONDS: int(900),
  /** Amendments leaving less than this before the deadline push the deadline out (Circular 04/2017). */
  AMENDMENT_MIN_WORKING_DAYS: int(3),
  /** Minimum days between publication and deadline (red flag R003 is under 15). */
  MIN_SUBMISSION_DAYS: z.coerce.number().int().nonnegative().default(0),
  PAGE_SIZE_MAX: int(100),
});

export type Settings = z.infer<typeof settingsSchema>;

function load(env: NodeJS.ProcessEnv): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid settings: ${detail}`);
  }
  return parsed.data;
}

export const settings: Settings = load(process.env);

function resource(variable: string, what: string): string {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set: this function has no grant on ${what}`);
  return value;
}

/** Physical resource names, resolved on first use: a function only has those it was granted. */
export const resources = {
  table: (name: TableName) => resource(tableEnv(name), `table ${name}`),
  bucket: (name: BucketName) => resource(bucketEnv(name), `bucket ${name}`),
  queueUrl: (name: QueueName) => resource(queueEnv(name), `queue ${name}`),
  keyId: (name: KeyName) => resource(keyEnv(name), `key ${name}`),
};
