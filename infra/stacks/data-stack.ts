// Everything that holds state: the tables, buckets and keys declared in shared/resources, built
// from those declarations so that a new table or bucket there deploys with no change here. All of
// it is retained when the stack goes, and nothing in it can be read without a key grant.
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { type BucketName, type BucketSpec, buckets } from '../../shared/resources/buckets.ts';
import { type KeySpec as KeyDeclaration, type KeyName, keys } from '../../shared/resources/keys.ts';
import { type TableName, type TableSpec, tables } from '../../shared/resources/tables.ts';
import type { DataResources } from '../constructs/data-resources.ts';
import { keyPolicy } from '../constructs/key-policy.ts';
import { bucketName, kebab, pascal, physicalName, tableName } from '../constructs/naming.ts';
import { OcdsGlueTable } from '../constructs/ocds-glue.ts';
import type { StageConfig } from './stage-config.ts';

export interface DataStackProps extends StackProps {
  readonly stage: StageConfig;
}

const entries = <K extends string, V>(record: Record<K, V>) => Object.entries(record) as [K, V][];

export class DataStack extends Stack {
  readonly resources: DataResources;
  readonly tables: Readonly<Record<TableName, Table>>;
  readonly buckets: Readonly<Record<BucketName, Bucket>>;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const stage = props.stage;

    const storageKey = (id: string, alias: string, description: string) =>
      new Key(this, id, {
        alias: `alias/${alias}`,
        description,
        policy: keyPolicy('ENCRYPT_DECRYPT'),
        enableKeyRotation: true,
        pendingWindow: Duration.days(30),
        removalPolicy: RemovalPolicy.RETAIN,
      });

    const appKeys = {} as Record<KeyName, Key>;
    for (const [name, spec] of entries<KeyName, KeyDeclaration>(keys)) {
      appKeys[name] = new Key(this, `Key${pascal(name)}`, {
        alias: `alias/${physicalName(stage.name, name)}`,
        description: spec.description,
        keySpec: KeySpec[spec.spec],
        keyUsage: KeyUsage[spec.usage],
        policy: keyPolicy(spec.usage),
        // KMS rotates symmetric keys only; a signing key's public half is published and pinned.
        enableKeyRotation: spec.spec === 'SYMMETRIC_DEFAULT',
        pendingWindow: Duration.days(30),
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }

    const tableKeys = {} as Record<TableName, Key>;
    const tableConstructs = {} as Record<TableName, Table>;
    const tableStreamArns: Partial<Record<TableName, string>> = {};
    for (const [name, spec] of entries<TableName, TableSpec>(tables)) {
      const physical = tableName(stage.name, name);
      tableKeys[name] = storageKey(
        `Table${pascal(name)}Key`,
        `${physical}-table`,
        `Encrypts table ${physical}`,
      );
      const table = new Table(this, `Table${pascal(name)}`, {
        tableName: physical,
        partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
        sortKey: { name: spec.sortKey, type: AttributeType.STRING },
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: tableKeys[name],
        ...(spec.stream ? { stream: StreamViewType[spec.stream] } : {}),
        ...(spec.timeToLiveAttribute ? { timeToLiveAttribute: spec.timeToLiveAttribute } : {}),
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of spec.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: index.sortKey, type: AttributeType.STRING },
        });
      }
      tableConstructs[name] = table;
      if (table.tableStreamArn) tableStreamArns[name] = table.tableStreamArn;
    }

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      bucketName: bucketName(this, stage.name, 'accessLogs'),
      // S3 delivers server access logs only to buckets encrypted with S3-managed keys.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          expiration: Duration.days(stage.logRetentionDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // It logs nothing itself (that would write into itself); cdk-nag's S1 accepts a bucket that
    // receives the other buckets' access logs.

    const bucketKeys = {} as Record<BucketName, Key>;
    const bucketConstructs = {} as Record<BucketName, Bucket>;
    for (const [name, spec] of entries<BucketName, BucketSpec>(buckets)) {
      const physical = physicalName(stage.name, name);
      bucketKeys[name] = storageKey(
        `Bucket${pascal(name)}Key`,
        `${physical}-bucket`,
        `Encrypts bucket ${physical}`,
      );
      bucketConstructs[name] = new Bucket(this, `Bucket${pascal(name)}`, {
        bucketName: bucketName(this, stage.name, name),
        encryption: BucketEncryption.KMS,
        encryptionKey: bucketKeys[name],
        // One data key per bucket and period instead of one KMS call per object.
        bucketKeyEnabled: true,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        enforceSSL: true,
        minimumTLSVersion: 1.2,
        versioned: spec.versioned,
        serverAccessLogsBucket: this.accessLogs,
        serverAccessLogsPrefix: `${kebab(name)}/`,
        ...(spec.objectLockDays
          ? {
              objectLockEnabled: true,
              objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(spec.objectLockDays)),
            }
          : {}),
        ...(spec.browserAccess
          ? {
              cors: [
                {
                  allowedMethods: [HttpMethods.GET, HttpMethods.PUT, HttpMethods.HEAD],
                  allowedOrigins: stage.corsOrigins,
                  allowedHeaders: ['content-type', 'content-md5', 'if-none-match', 'x-amz-*'],
                  exposedHeaders: ['ETag'],
                  maxAge: 600,
                },
              ],
            }
          : {}),
        lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }

    // Athena over the OCDS bulk export (functions/ocds-export).
    new OcdsGlueTable(this, 'OcdsExportGlue', { stage: stage.name, bucket: bucketConstructs.exports });

    this.tables = tableConstructs;
    this.buckets = bucketConstructs;
    this.resources = { tableKeys, bucketKeys, keys: appKeys, tableStreamArns };
  }
}
