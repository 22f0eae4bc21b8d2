// Settings are read and validated once, when a function's module loads: a bad value fails the
// cold start with a message naming the variable, not a request an hour later.
import * as z from 'zod';
import type { BucketName } from '../resources/buckets.ts';
import { bucketEnv, keyEnv, queueEnv, tableEnv, userPoolEnv } from '../resources/env-names.ts';
import type { KeyName } from '../resources/keys.ts';
import type { QueueName } from '../resources/queues.ts';
import type { TableName } from '../resources/tables.ts';
import type { UserPoolName } from '../resources/user-pools.ts';

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

const settingsSchema = z
  .object({
    STAGE: z.string().min(1).default('local'),
    /** The time zone in which working days and deadlines are shown and counted. */
    TIME_ZONE: z.string().default('Asia/Ho_Chi_Minh'),
    MAX_BODY_BYTES: int(64 * 1024),
    DOCUMENT_MAX_BYTES: int(200 * 1024 * 1024),
    /** Largest sealed bid envelope (one presigned PUT; S3 takes up to 5 GB in one). */
    BID_ENVELOPE_MAX_BYTES: int(2 * 1024 * 1024 * 1024),
    DOCUMENT_CONTENT_TYPES: list(
      'application/pdf,application/zip,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/msword,application/vnd.ms-excel,image/png,image/jpeg,text/plain',
    ),
    PRESIGN_TTL_SECONDS: int(900),
    /** Bids opened at once by one opener; each holds only an envelope's first bytes. */
    OPENING_CONCURRENCY: int(32),
    /** First ranged read of an envelope: header, price form and manifest usually fit. */
    OPENING_FIRST_READ_BYTES: int(2048),
    /** Timers arrive this early: the opener fetches the sealed envelopes, then decrypts at the deadline. */
    OPENING_PREFETCH_SECONDS: z.coerce.number().int().nonnegative().max(40).default(20),
    /** A failed queue record comes back after this × 2^(delivery − 1) s (capped by the queue's visibility). */
    QUEUE_RETRY_BASE_SECONDS: z.coerce.number().int().nonnegative().default(2),
    /**
     * Every procedure period (shared/procedures/) lasts 1/this on this stage, as ProZorro's sandbox
     * accelerator does, for demos and tests. 1 (no acceleration) unless a stage says otherwise;
     * `cdk synth` refuses any other value on a production stage (infra/stacks/stage-config.ts).
     * The legal numbers themselves are PROCEDURE_* settings (shared/procedures/procedure-settings.ts).
     */
    PERIOD_ACCELERATION: z.coerce.number().int('must be a whole factor').min(1).max(100_000_000).default(1),
    PAGE_SIZE_MAX: int(100),
    /** Receipts promise `integratedBy = at + this`: the sequencer must have logged every event by then. */
    MAX_INTEGRATION_DELAY_SECONDS: int(10),
    /**
     * Receipts signed in batches (docs/capacity.md P1): one KMS Sign per window of this length and
     * slot, whatever the bid rate. 0: one Sign per receipt (format v1), as before batching.
     */
    RECEIPT_BATCH_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(100),
    /** Batches open at once per window; a receipt joins one at random (never by tender). */
    RECEIPT_BATCH_SLOTS: z.coerce.number().int().min(1).max(64).default(8),
    /**
     * The audit log's origin (first checkpoint line) and its signing key's name; one per log, so
     * each stage needs its own. A C2SP key name: no spaces, no `+`.
     */
    LOG_ORIGIN: z
      .string()
      .regex(/^[^\s+]+$/, 'must be a signed-note key name: no spaces or +')
      .default('audit.eproc.example/log'),
    /** The longest gap between checkpoints while events arrive (the checkpointer's schedule). */
    CHECKPOINT_INTERVAL_SECONDS: int(60),
    /** OCID prefix (`ocds-` + the publisher's code), registered with the Open Contracting Partnership. */
    OCDS_PREFIX: z
      .string()
      .regex(/^ocds-[a-z0-9]+$/, 'must be ocds- followed by lowercase letters and digits')
      .default('ocds-eproc01'),
    /** The publisher named in every OCDS package. */
    PUBLISHER_NAME: z.string().min(1).default('Hệ thống đấu thầu điện tử (eproc)'),
    /**
     * The public API's absolute URL, for document links in the scheduled bulk export (it has no
     * request to take the host from, as the OCDS routes do).
     */
    OCDS_PUBLIC_URL: z
      .url()
      .transform((u) => u.replace(/\/+$/, ''))
      .default('http://127.0.0.1:3000'),
    /**
     * Local runtime only (infra/local/faults/): the share of DynamoDB, S3, KMS and SQS calls made to
     * fail as AWS fails them, which services (`LOCAL_FAULTS`) and the seed that makes a run repeatable.
     */
    LOCAL_FAULT_RATE: z.coerce.number().min(0).max(1).default(0),
    LOCAL_FAULTS: list('dynamodb,s3,kms,sqs').pipe(z.array(z.enum(['dynamodb', 's3', 'kms', 'sqs']))),
    LOCAL_FAULT_SEED: z.coerce.number().int().nonnegative().default(1),
    /** Only these catalog functions get faults; empty: every function. */
    LOCAL_FAULT_FUNCTIONS: list(''),
    /**
     * Local only: the JSON-lines file where what Cognito would e-mail (invitations with their
     * temporary password, sign-up codes) is written, besides the log (shared/accounts/local-mailbox.ts).
     */
    LOCAL_MAILBOX: z.string().min(1).optional(),
    /** CloudWatch namespace of the functions' metrics (EMF, shared/platform/lambda/observability.ts). */
    METRICS_NAMESPACE: z
      .string()
      .regex(/^[A-Za-z0-9._/#:-]{1,255}$/, 'must be a CloudWatch namespace')
      .default('eproc'),
  })
  // Faults are a test of the local runtime; a deployed stage refuses to start with them.
  .refine((s) => s.LOCAL_FAULT_RATE === 0 || s.STAGE === 'local', {
    path: ['LOCAL_FAULT_RATE'],
    message: 'fault injection runs only in the local stage (STAGE=local)',
  })
  // Temporary passwords in a file are for a laptop, never a deployed stage.
  .refine((s) => s.LOCAL_MAILBOX === undefined || s.STAGE === 'local', {
    path: ['LOCAL_MAILBOX'],
    message: 'the local mailbox exists only in the local stage (STAGE=local)',
  });

export type Settings = z.infer<typeof settingsSchema>;

/** Every setting this schema declares (strict settings: shared/config/strict-settings.ts). */
export const settingNames: readonly string[] = Object.keys(settingsSchema.shape);

function load(env: NodeJS.ProcessEnv): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid settings: ${detail}`);
  }
  return parsed.data;
}

export const settings: Settings = load(process.env);

/** Every setting's value when none is given (the README's settings table is generated from it). */
export const settingDefaults = (): Settings => load({});

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
  userPoolId: (name: UserPoolName) => resource(userPoolEnv(name), `user pool ${name}`),
};
