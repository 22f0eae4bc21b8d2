// The full app passes cdk-nag's AWS Solutions checks (cdk-nag 3, as a validation plugin), and what
// it acknowledges is a short list of specific findings, each with its reason.
import { Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { buildApp } from './support/synth.ts';
import { testCatalog } from './support/test-catalog.ts';

function acknowledgements(root: IConstruct) {
  const found: { path: string; id: string; reason: string }[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}

describe.each([
  ['the real catalog', functionSpecs],
  ['the test catalog', testCatalog],
])('cdk-nag on the app with %s', (_, catalog: Record<string, FunctionSpec>) => {
  const { app } = buildApp({ catalog, nag: true });
  let synthError: unknown;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }

  it('synthesizes with the AWS Solutions checks and no unacknowledged finding', () => {
    expect(synthError).toBeUndefined();
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`),
    ).toEqual([]);
  });

  it('acknowledges only specific findings, each with a reason', () => {
    const acks = acknowledgements(app);
    const publicRoutes = Object.values(catalog).flatMap((s) =>
      s.trigger.kind === 'http' ? s.trigger.routes.filter((r) => r.auth === 'public') : [],
    );
    // The portal stack's own (CloudFront, and CDK's BucketDeployment handler): portal-stack.test.ts.
    const portalAcks = acks.filter((a) => a.path.startsWith('eproc-dev-portal/'));
    expect(portalAcks.length).toBeGreaterThan(0);
    // MFA OPTIONAL until the portal answers the MFA challenges (auth-stack.ts): the pool's one.
    const mfaAcks = acks.filter((a) => a.id === 'AwsSolutions-COG2');
    expect(mfaAcks.map((a) => a.path)).toEqual(['eproc-dev-auth/Users']);
    for (const ack of acks.filter((a) => !portalAcks.includes(a) && !mfaAcks.includes(a))) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-(IAM5\[Resource::.+\]|APIG4)$/);
      expect(ack.reason.length, ack.id).toBeGreaterThan(40);
    }
    // APIG4 (no authorizer) only on the routes whose contract says public.
    expect(acks.filter((a) => a.id === 'AwsSolutions-APIG4')).toHaveLength(publicRoutes.length);
    // IAM5 on function roles only: X-Ray, S3 object prefixes and table stream ARNs.
    for (const ack of acks.filter((a) => a.id.startsWith('AwsSolutions-IAM5') && !portalAcks.includes(a))) {
      expect(ack.path).toMatch(/\/Fn\w+\/Role$/);
      expect(ack.id).toMatch(
        /\[Resource::(\*|arn:<AWS::Partition>:(s3:::.+\/.*\*|dynamodb:.+\/stream\/\*))\]$/,
      );
    }
  });
});

describe('cdk-nag', () => {
  it('fails the synth on a finding nobody acknowledged', () => {
    const { app, stacks } = buildApp({ nag: true });
    new Bucket(stacks.data, 'CarelessBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });
});
