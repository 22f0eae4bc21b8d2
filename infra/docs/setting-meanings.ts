// What each declared setting means, for the README's settings table (infra/docs/settings-table.ts).
// A declared name (infra/declared-settings.ts) without a line here fails the table's generation,
// and so test/readme/settings-table.test.ts: a new setting cannot go undocumented.

export interface SettingDoc {
  readonly meaning: string;
  /** Shown instead of the schema's default, when that is long or computed. */
  readonly shown?: string;
}

export const settingMeanings: Readonly<Record<string, SettingDoc>> = {
  STAGE: { meaning: 'the stage name; `local` allows fault injection, `prod` refuses accelerated periods' },
  TIME_ZONE: { meaning: 'where working days are counted and times shown' },
  MAX_BODY_BYTES: { meaning: 'largest JSON request body' },
  DOCUMENT_MAX_BYTES: { meaning: 'largest bidding document or bid document' },
  BID_ENVELOPE_MAX_BYTES: { meaning: 'largest sealed bid envelope (one presigned PUT)' },
  DOCUMENT_CONTENT_TYPES: {
    meaning: 'accepted document types (MIME types, comma-separated)',
    shown: 'pdf, zip, docx, xlsx, doc, xls, png, jpeg, txt',
  },
  PRESIGN_TTL_SECONDS: {
    meaning: 'lifetime of presigned upload and download URLs (bid uploads: never past the deadline)',
  },
  OPENING_CONCURRENCY: { meaning: 'envelopes the opener reads at once' },
  OPENING_FIRST_READ_BYTES: { meaning: 'first ranged read of an envelope (header, price form, manifest)' },
  OPENING_PREFETCH_SECONDS: {
    meaning: 'opening timers arrive this early; envelopes are fetched, decrypted only at the deadline',
  },
  QUEUE_RETRY_BASE_SECONDS: { meaning: 'a failed queue record returns after base × 2^(delivery − 1) s' },
  PERIOD_ACCELERATION: {
    meaning:
      'every procedure period lasts 1/this; refused on a production stage (see Procedures); `npm start` sets 1440, tests 10^7',
  },
  PAGE_SIZE_MAX: { meaning: 'largest `limit` of a list page' },
  MAX_INTEGRATION_DELAY_SECONDS: {
    meaning: 'receipts promise the audit log integrates their event within this',
  },
  RECEIPT_BATCH_WINDOW_MS: {
    meaning:
      'receipts are signed in batches: one KMS `Sign` per window of this many ms and slot (0: one `Sign` per receipt, format v1)',
  },
  RECEIPT_BATCH_SLOTS: { meaning: 'batches per window; each receipt joins one at random' },
  LOG_ORIGIN: { meaning: "origin line of the audit log's signed checkpoints (one per stage)" },
  CHECKPOINT_INTERVAL_SECONDS: { meaning: 'a checkpoint at least this often while there is activity' },
  OCDS_PREFIX: { meaning: 'OCID prefix (register a real one with the Open Contracting Partnership)' },
  PUBLISHER_NAME: { meaning: 'the publisher named in OCDS packages' },
  OCDS_PUBLIC_URL: {
    meaning:
      "the public API's URL in the scheduled OCDS bulk export's document links (routes use their request's host)",
  },
  LOCAL_FAULT_RATE: {
    meaning: 'local only: share of AWS calls failed as AWS fails them; refused unless STAGE=local',
  },
  LOCAL_FAULTS: { meaning: 'the services whose calls fail' },
  LOCAL_FAULT_SEED: { meaning: 'seed of the fault draws: a run fails the same way again (up to call order)' },
  LOCAL_FAULT_FUNCTIONS: { meaning: 'only these catalog functions get faults', shown: 'every function' },
  METRICS_NAMESPACE: { meaning: "CloudWatch namespace of the functions' EMF metrics" },
  BID_VALIDITY_MAX_DAYS: { meaning: 'tender rule: the longest `bidValidityDays` a tender may ask' },
  CONSULTING_TECHNICAL_WEIGHT_MIN: {
    meaning:
      'tender rule: consulting, combined method: the technical weight at least this % (Law on Bidding Art. 59)',
  },
  CONSULTING_TECHNICAL_WEIGHT_MAX: { meaning: 'tender rule: … and at most this %' },
  KPI_ONLINE_TARGET_PERCENT: {
    meaning:
      'KPI report: the least share (%) of in-scope plan packages selected online (Hanoi 2019 IT plan: 50)',
  },
  KPI_ONLINE_TARGET_SCOPE: {
    meaning:
      'KPI report: the packages that target counts, comma-separated `category/method/size` (`*` any; size `small` or `any`)',
    shown: '`goods/competitive-shopping/any,*/open/small,*/limited/small`',
  },
  'PROCEDURE_<ID>_<NUMBER>': {
    meaning:
      'one number of one procedure within its legal range, e.g. `PROCEDURE_OPEN_MIN_SUBMISSION_DAYS_DOMESTIC` (see Procedures; `GET /procedures` names each)',
    shown: "the law's value",
  },
  LOCAL_SNAPSHOT_INTERVAL_MS: { meaning: '`npm start` only: how often S3 is saved while running' },
  LOCAL_MAILBOX: {
    meaning:
      'local stage only: where invitations and sign-up codes are "e-mailed" (printed to the log and appended to this file); refused on any other stage',
  },
  EPROC_TEST_CPU: {
    meaning: 'tests only: a file each test file appends its CPU seconds to (test/support/cpu-per-file.ts)',
  },
  EPROC_DATA_DIR: { meaning: "`npm start`'s and `npm run token`'s state directory", shown: '.local/' },
  EPROC_API: { meaning: "CLI: the API's URL", shown: 'none' },
  EPROC_TOKEN: { meaning: 'CLI: the bearer token', shown: 'none' },
  EPROC_CONFIG_DIR: { meaning: 'CLI: where pinned keys are kept', shown: '~/.config/eproc' },
  EPROC_RECEIPTS_KEY: {
    meaning: 'CLI: the receipts public key (PEM file) to check receipts with',
    shown: 'none',
  },
  EPROC_AUDIT_LOG_KEY: {
    meaning: "CLI: the audit log's public key (PEM file) for `audit verify`",
    shown: 'none',
  },
};
