// The S3 buckets, declared once for the CDK data stack and the local runtime.

export interface BucketSpec {
  readonly description: string;
  readonly versioned: true;
  /** Object Lock in COMPLIANCE mode: no one, root included, can delete or overwrite before expiry. */
  readonly objectLockDays?: number;
  /** Browsers upload and download straight to S3 with presigned URLs. */
  readonly browserAccess: boolean;
}

export const buckets = {
  documents: {
    description: 'Bidding documents published by procuring entities',
    versioned: true,
    browserAccess: true,
  },
  bids: {
    description: 'Sealed bid envelopes, immutable once written',
    versioned: true,
    objectLockDays: 3650,
    browserAccess: true,
  },
  log: {
    description: 'Audit log entries, checkpoints and opening minutes',
    versioned: true,
    objectLockDays: 3650,
    browserAccess: false,
  },
  exports: {
    description:
      'Bulk open-data exports: OCDS compiled releases as JSONL partitioned by month (Glue/Athena table over exports/ocds/)',
    versioned: true,
    browserAccess: false,
  },
} as const satisfies Record<string, BucketSpec>;

export type BucketName = keyof typeof buckets;
