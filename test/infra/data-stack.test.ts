// The Data stack builds every declared table, bucket and key with the protections the platform
// relies on: nothing public, TLS only, customer-managed encryption, versions, Object Lock where
// declared, point-in-time recovery and deletion protection.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buckets } from '../../shared/resources/buckets.ts';
import { keys } from '../../shared/resources/keys.ts';
import { tables } from '../../shared/resources/tables.ts';
import { stage, synth } from './support/synth.ts';
import { flat, list, policyDocuments, resourcesOfType } from './support/template-walk.ts';

const { templates, json } = synth();
const data = json.data;
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const bucketsByName = new Map(
  resourcesOfType(data, 'AWS::S3::Bucket').map(([logicalId, r]) => {
    const name = flat(r.Properties.BucketName).replace(/-<AWS::AccountId>-<AWS::Region>$/, '');
    return [name, { logicalId, props: r.Properties, resource: r }];
  }),
);
const bucket = (name: string) => {
  const found = bucketsByName.get(`eproc-${stage}-${kebab(name)}`);
  if (!found) throw new Error(`no bucket ${name}`);
  return found;
};
const aliasTarget = (alias: string) => {
  const found = resourcesOfType(data, 'AWS::KMS::Alias').find(([, r]) => r.Properties.AliasName === alias);
  if (!found) throw new Error(`no alias ${alias}`);
  return found[1].Properties.TargetKeyId['Fn::GetAtt'][0] as string;
};

describe('S3 buckets', () => {
  it('exist for every declared bucket, plus the access log bucket', () => {
    expect([...bucketsByName.keys()].sort()).toEqual(
      [...Object.keys(buckets), 'accessLogs'].map((n) => `eproc-${stage}-${kebab(n)}`).sort(),
    );
  });

  it.each([...Object.keys(buckets), 'accessLogs'])(
    '%s blocks all public access and keeps versions',
    (name) => {
      const { props, resource } = bucket(name);
      expect(props.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(props.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
      expect(resource.DeletionPolicy).toBe('Retain');
    },
  );

  it.each([...Object.keys(buckets), 'accessLogs'])('%s refuses requests without TLS 1.2', (name) => {
    const { logicalId } = bucket(name);
    const policy = policyDocuments(data).find(
      (d) =>
        d.type === 'AWS::S3::BucketPolicy' &&
        JSON.stringify(data.Resources[d.logicalId].Properties.Bucket) === JSON.stringify({ Ref: logicalId }),
    );
    expect(policy, `bucket policy of ${name}`).toBeDefined();
    const denies = policy!.statements.filter((s) => s.Effect === 'Deny');
    expect(denies).toContainEqual(
      expect.objectContaining({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(denies).toContainEqual(
      expect.objectContaining({ Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
    );
  });

  it.each(Object.keys(buckets))(
    '%s is encrypted with its own customer-managed key, with bucket keys',
    (name) => {
      const rule = bucket(name).props.BucketEncryption.ServerSideEncryptionConfiguration[0];
      expect(rule.BucketKeyEnabled).toBe(true);
      expect(rule.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
      expect(rule.ServerSideEncryptionByDefault.KMSMasterKeyID['Fn::GetAtt'][0]).toBe(
        aliasTarget(`alias/eproc-${stage}-${kebab(name)}-bucket`),
      );
    },
  );

  it('encrypts the access log bucket with S3-managed keys, the only kind log delivery accepts', () => {
    const rule = bucket('accessLogs').props.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(rule.ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
  });

  it.each(Object.keys(buckets))('%s logs access to the access log bucket', (name) => {
    expect(bucket(name).props.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: bucket('accessLogs').logicalId },
      LogFilePrefix: `${kebab(name)}/`,
    });
  });

  it.each(['bids', 'log'])('%s has Object Lock in COMPLIANCE mode with its declared retention', (name) => {
    const { props } = bucket(name);
    expect(props.ObjectLockEnabled).toBe(true);
    expect(props.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } },
    });
  });

  it('locks exactly the buckets that declare objectLockDays', () => {
    for (const [name, spec] of Object.entries(buckets)) {
      const { props } = bucket(name);
      const days = 'objectLockDays' in spec ? spec.objectLockDays : undefined;
      expect(props.ObjectLockConfiguration?.Rule?.DefaultRetention?.Days, name).toBe(days);
    }
  });

  it('allows browser uploads and downloads (CORS) exactly on browserAccess buckets, from the stage origins', () => {
    for (const [name, spec] of Object.entries(buckets)) {
      const cors = bucket(name).props.CorsConfiguration;
      if (!spec.browserAccess) {
        expect(cors, name).toBeUndefined();
        continue;
      }
      expect(cors.CorsRules).toEqual([
        expect.objectContaining({
          AllowedMethods: ['GET', 'PUT', 'HEAD'],
          AllowedOrigins: ['http://localhost:5173'],
          ExposedHeaders: ['ETag'],
        }),
      ]);
    }
  });
});

describe('DynamoDB tables', () => {
  const tableResources = resourcesOfType(data, 'AWS::DynamoDB::Table');

  it('exist for every declared table', () => {
    expect(tableResources.map(([, r]) => r.Properties.TableName).sort()).toEqual(
      Object.keys(tables)
        .map((n) => `eproc-${stage}-${kebab(n)}`)
        .sort(),
    );
  });

  it.each(Object.entries(tables))(
    '%s has PITR, deletion protection, its own key and on-demand billing',
    (name, spec) => {
      const [, table] = tableResources.find(
        ([, r]) => r.Properties.TableName === `eproc-${stage}-${kebab(name)}`,
      )!;
      const props = table.Properties;
      expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(props.DeletionProtectionEnabled).toBe(true);
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.DeletionPolicy).toBe('Retain');
      expect(props.SSESpecification.SSEEnabled).toBe(true);
      expect(props.SSESpecification.SSEType).toBe('KMS');
      expect(props.SSESpecification.KMSMasterKeyId['Fn::GetAtt'][0]).toBe(
        aliasTarget(`alias/eproc-${stage}-${kebab(name)}-table`),
      );
      expect(props.StreamSpecification).toEqual(
        'stream' in spec ? { StreamViewType: spec.stream } : undefined,
      );
      expect(props.TimeToLiveSpecification).toEqual(
        'timeToLiveAttribute' in spec
          ? { AttributeName: spec.timeToLiveAttribute, Enabled: true }
          : undefined,
      );
      expect(
        list<any>(props.GlobalSecondaryIndexes)
          .map((i) => i.IndexName)
          .sort(),
      ).toEqual(spec.indexes.map((i) => i.name).sort());
    },
  );
});

describe('KMS keys', () => {
  it('rotates every symmetric key and none of the signing keys', () => {
    for (const [, key] of resourcesOfType(data, 'AWS::KMS::Key')) {
      const symmetric = (key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT';
      expect(key.Properties.EnableKeyRotation ?? false).toBe(symmetric);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  it.each(Object.entries(keys))('%s is created as declared', (name, spec) => {
    const logicalId = aliasTarget(`alias/eproc-${stage}-${kebab(name)}`);
    templates.data.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({
        KeyUsage: spec.usage,
        ...(spec.spec === 'SYMMETRIC_DEFAULT' ? {} : { KeySpec: spec.spec }),
      }),
    });
    const props = data.Resources[logicalId].Properties;
    expect(props.KeyUsage).toBe(spec.usage);
    expect(props.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe(spec.spec);
  });

  it('signs receipts and the log with ECDSA P-256 keys', () => {
    for (const name of ['receipts', 'log']) {
      const props = data.Resources[aliasTarget(`alias/eproc-${stage}-${name}`)].Properties;
      expect(props).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    }
  });

  it('lets a signing key be used only to sign, verify and publish its public key', () => {
    const props = data.Resources[aliasTarget(`alias/eproc-${stage}-receipts`)].Properties;
    const use = props.KeyPolicy.Statement.find((s: any) => s.Sid === 'UseThroughIam');
    expect([...use.Action].sort()).toEqual(['kms:GetPublicKey', 'kms:Sign', 'kms:Verify']);
  });
});
