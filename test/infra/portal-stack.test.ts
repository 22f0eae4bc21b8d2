// The portal's deployment as synthesized: a private bucket read only through CloudFront's origin
// access control, HTTPS only, the security headers and a CSP with no inline script, page paths
// routed to index.html while missing files stay 404, the API under /api uncached with its
// Authorization header, access logs, and cdk-nag findings acknowledged one by one with reasons.
// The Vite build itself is checked to emit no inline script, and to call the API under /api.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortalAsset } from '../../infra/portal/build-portal-asset.ts';
import { portalConfigPath, portalConfigSchema } from '../../shared/auth/portal-config.ts';
import { buildApp, synth } from './support/synth.ts';
import { flat, resourcesOfType } from './support/template-walk.ts';

const managed = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  allViewerExceptHost: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
};

const { json } = synth();
// The app itself, synthesized here: /portal-config.json is read from the asset synth writes.
const { app } = buildApp({});
app.synth();
const portal = json.portal;
const only = (type: string) => {
  const found = resourcesOfType(portal, type);
  expect(found, type).toHaveLength(1);
  return found[0]![1].Properties;
};
const distribution = () => only('AWS::CloudFront::Distribution').DistributionConfig;
const headers = () => only('AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig;
const csp = () => flat(headers().SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
const directives = () =>
  new Map(
    csp()
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

/** Runs a CloudFront Function's code from the template as CloudFront would: handler(event). */
function runFunction(name: string, uri: string): string {
  const fn = resourcesOfType(portal, 'AWS::CloudFront::Function').find(([, r]) =>
    r.Properties.Name.endsWith(name),
  );
  expect(fn, name).toBeDefined();
  const handler = new Function(`${fn![1].Properties.FunctionCode}; return handler;`)();
  return handler({ request: { uri, method: 'GET', headers: {}, querystring: {} } }).uri;
}

describe('portal CSP and security headers', () => {
  it('allows scripts only from the portal itself: no inline, no eval', () => {
    const script = directives().get('script-src') ?? directives().get('default-src');
    expect(script).toEqual(["'self'"]);
    expect(csp()).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|nonce-|sha256-/);
    expect(directives().get('default-src')).toEqual(["'none'"]);
    expect(directives().get('object-src')).toEqual(["'none'"]);
    expect(directives().get('base-uri')).toEqual(["'none'"]);
    expect(directives().get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('connects only to its own origin, the buckets the browser uploads to and Cognito', () => {
    expect(directives().get('connect-src')).toEqual([
      "'self'",
      'https://eproc-dev-documents-<AWS::AccountId>-<AWS::Region>.s3.<AWS::Region>.<AWS::URLSuffix>',
      'https://eproc-dev-bids-<AWS::AccountId>-<AWS::Region>.s3.<AWS::Region>.<AWS::URLSuffix>',
      'https://cognito-idp.<AWS::Region>.<AWS::URLSuffix>',
    ]);
  });

  it('sends HSTS, nosniff, frame denial and a referrer policy, overriding any origin value', () => {
    const security = headers().SecurityHeadersConfig;
    expect(security.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 63_072_000,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy).toEqual({
      ReferrerPolicy: 'strict-origin-when-cross-origin',
      Override: true,
    });
    expect(security.ContentSecurityPolicy.Override).toBe(true);
  });

  it('puts the headers on every behaviour, the API included', () => {
    const config = distribution();
    const policy = resourcesOfType(portal, 'AWS::CloudFront::ResponseHeadersPolicy')[0]![0];
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: policy });
    }
  });
});

describe('portal distribution', () => {
  it('redirects HTTP to HTTPS on every behaviour', () => {
    const config = distribution();
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
    }
  });

  it('reads the private bucket through origin access control only', () => {
    const oac = only('AWS::CloudFront::OriginAccessControl').OriginAccessControlConfig;
    expect(oac).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const [oacId] = resourcesOfType(portal, 'AWS::CloudFront::OriginAccessControl')[0]!;
    const [siteId, site] = resourcesOfType(portal, 'AWS::S3::Bucket').find(([id]) =>
      id.startsWith('PortalSite'),
    )!;
    const s3Origin = distribution().Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(flat(s3Origin.DomainName)).toBe(`<${siteId}.RegionalDomainName>`);
    expect(site.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    // The bucket policy lets CloudFront read, and only this distribution (AWS:SourceArn).
    const policies = resourcesOfType(portal, 'AWS::S3::BucketPolicy').filter(
      ([, p]) => p.Properties.Bucket.Ref === siteId,
    );
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const cloudfront = statements.filter((s: any) => s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(cloudfront.length).toBeGreaterThan(0);
    for (const statement of cloudfront) {
      expect(statement.Effect).toBe('Allow');
      expect(flat(statement.Condition.StringEquals['AWS:SourceArn'])).toMatch(
        /distribution\/<PortalDistribution/,
      );
    }
    const allowed = cloudfront.flatMap((s: any) => [s.Action].flat()).sort();
    expect(allowed).toEqual(['s3:GetObject', 's3:ListBucket']);
  });

  it('sends /api/* to the HTTP API uncached, with every viewer header but Host (Authorization too)', () => {
    const config = distribution();
    const api = config.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    expect(api).toBeDefined();
    expect(api.CachePolicyId).toBe(managed.cachingDisabled);
    expect(api.OriginRequestPolicyId).toBe(managed.allViewerExceptHost);
    expect(api.AllowedMethods).toEqual(
      expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
    );
    const origin = config.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(flat(origin.DomainName)).toMatch(
      /^<eproc-dev-api:PublishOutputRefHttpApi\w+>\.execute-api\.<AWS::Region>\.<AWS::URLSuffix>$/,
    );
    expect(runFunction('portal-api-prefix', '/api/tenders/T1/questions')).toBe('/tenders/T1/questions');
    expect(runFunction('portal-api-prefix', '/api/')).toBe('/');
    expect(runFunction('portal-api-prefix', '/api')).toBe('/');
  });

  it('serves index.html for page paths and leaves files (present or not) to the bucket', () => {
    const config = distribution();
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(managed.cachingOptimized);
    expect(config.DefaultRootObject).toBe('index.html');
    // No error-page rewrite: that would answer 200 with index.html for a missing asset.
    expect(config.CustomErrorResponses).toBeUndefined();
    for (const page of [
      '/',
      '/vi',
      '/en',
      '/vi/',
      '/vi/tenders/T-1',
      '/en/contractors?page=2',
      '/en/workspace',
    ]) {
      expect(runFunction('portal-spa-routing', page.split('?')[0]!), page).toBe('/index.html');
    }
    for (const file of [
      '/assets/index-abc.js',
      '/assets/missing.js',
      '/favicon.ico',
      '/video',
      '/envelope',
    ]) {
      expect(runFunction('portal-spa-routing', file), file).toBe(file);
    }
  });

  it('logs requests: CloudFront and the bucket, into the portal log bucket', () => {
    const [logsId] = resourcesOfType(portal, 'AWS::S3::Bucket').find(([id]) => id.startsWith('PortalLogs'))!;
    expect(flat(distribution().Logging.Bucket)).toBe(`<${logsId}.RegionalDomainName>`);
    const site = resourcesOfType(portal, 'AWS::S3::Bucket').find(([id]) => id.startsWith('PortalSite'))!;
    expect(site[1].Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logsId });
  });

  it('deploys the build: hashed assets cached for a year, then index.html never cached stale', () => {
    const deployments = resourcesOfType(portal, 'Custom::CDKBucketDeployment').filter(
      ([id]) => !id.startsWith('DeployConfig'),
    );
    expect(deployments).toHaveLength(2);
    const byCache = new Map(
      deployments.map(([id, d]) => [d.Properties.SystemMetadata['cache-control'], [id, d]]),
    );
    const assets = byCache.get('public, max-age=31536000, immutable')!;
    const index = byCache.get('no-cache')!;
    expect(assets[1].Properties.Exclude).toEqual(['index.html']);
    expect(index[1].Properties.Include).toEqual(['index.html']);
    expect(index[1].DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^DeployAssets/)]));
    for (const [, d] of deployments) expect(d.Properties.Prune).toBe(false);
  });
});

describe('/portal-config.json', () => {
  const [id, deployment] = resourcesOfType(portal, 'Custom::CDKBucketDeployment').find(([id]) =>
    id.startsWith('DeployConfig'),
  )!;
  const [objectKey] = deployment.Properties.SourceObjectKeys as string[];
  const written = readFileSync(
    join(app.outdir, `asset.${objectKey!.replace(/\.zip$/, '')}`, portalConfigPath.slice(1)),
    'utf8',
  );
  // What CloudFormation puts in place of each marker at deployment, as text.
  const markers = Object.entries(deployment.Properties.SourceMarkers[0] as Record<string, unknown>);
  const filled = (values: Record<string, string>) =>
    markers.reduce((text, [marker, value]) => text.replaceAll(marker, values[flat(value)] ?? '?'), written);

  it('is the pool of the auth stack and its web client, at its real Cognito endpoint', () => {
    const config = JSON.parse(
      filled({
        '<AWS::Region>': 'ap-southeast-1',
        '<AWS::URLSuffix>': 'amazonaws.com',
        '<eproc-dev-auth:PublishOutputRefUsers0A0EEA89025915DB>': 'ap-southeast-1_AbC123xyZ',
        '<eproc-dev-auth:PublishOutputRefUsersWebClient8EE36D42E8B1E45D>': '4abc9k2l1mno3pq6rst5uvw7xy',
      }),
    );
    expect(portalConfigSchema.parse(config)).toEqual({
      region: 'ap-southeast-1',
      userPoolId: 'ap-southeast-1_AbC123xyZ',
      clientId: '4abc9k2l1mno3pq6rst5uvw7xy',
      cognitoEndpoint: 'https://cognito-idp.ap-southeast-1.amazonaws.com/',
    });
    // Every value comes from the deployment (no marker left unfilled, none hard-coded).
    expect(markers.map(([, v]) => flat(v)).sort()).toEqual([
      '<AWS::Region>',
      '<AWS::Region>',
      '<AWS::URLSuffix>',
      '<eproc-dev-auth:PublishOutputRefUsers0A0EEA89025915DB>',
      '<eproc-dev-auth:PublishOutputRefUsersWebClient8EE36D42E8B1E45D>',
    ]);
  });

  it('goes beside index.html, never cached stale, after the build', () => {
    expect(deployment.Properties.SystemMetadata['cache-control']).toBe('no-cache');
    expect(deployment.Properties.Prune).toBe(false);
    expect(deployment.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^DeployIndex/)]));
    expect(id).toMatch(/^DeployConfig/);
    // The default (bucket) behaviour serves it as a file, not as a page.
    expect(runFunction('portal-spa-routing', portalConfigPath)).toBe(portalConfigPath);
  });
});

describe('cdk-nag on the portal stack', () => {
  const { app, stacks } = buildApp({ nag: true });
  app.synth();

  it('has no finding nobody acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(stacks.portal);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });

  it('acknowledges only CloudFront and CDK-handler findings, each with its reason', () => {
    const acks: { path: string; id: string; reason: string }[] = [];
    for (const construct of stacks.portal.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
          acks.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
    for (const ack of acks) {
      expect(ack.reason.length, ack.id).toBeGreaterThan(40);
      if (ack.path.endsWith('/PortalDistribution')) {
        expect(ack.id).toMatch(/^AwsSolutions-CFR[124]$/);
      } else {
        expect(ack.path, ack.id).toMatch(/^eproc-dev-portal\/Custom::CDKBucketDeployment\w+$/);
        expect(ack.id).toMatch(
          /^AwsSolutions-(IAM4\[Policy::.+AWSLambdaBasicExecutionRole\]|IAM5\[.+\]|L1)$/,
        );
      }
    }
  });
});

describe('the portal build for CloudFront', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'eproc-portal-asset-'));
    await buildPortalAsset(out);
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('emits no inline script, style or event handler: every script is a file under /assets', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim()).toBe('');
      expect(attributes).toMatch(/\bsrc="\/assets\/[\w.-]+\.js"/);
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
  });

  it('calls the API under /api and ships no source maps', () => {
    const files = readdirSync(join(out, 'assets'));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const code = files
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(out, 'assets', f), 'utf8'));
    expect(code.join('\n')).toMatch(/["'`]\/api["'`]/);
  });
});
