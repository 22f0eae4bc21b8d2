// The portal: its built files in a private bucket, served by CloudFront (origin access control,
// HTTPS only, security headers, a Content-Security-Policy with no inline script), and the HTTP API
// on the same origin under /api.
//
// Why an /api behaviour and not CORS: the portal then calls its own origin, so the CSP's
// connect-src stays 'self', no signed-in request pays a CORS preflight (every one carries
// Authorization, which forces one), and no origin list has to name a CloudFront domain that only
// exists after deployment. The API keeps its own CORS list (stage corsOrigins) for `npm run dev`
// and other clients; nothing here widens it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  Annotations,
  AssetHashType,
  Aws,
  CfnOutput,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { cognitoEndpoint, type PortalConfig, portalConfigPath } from '../../shared/auth/portal-config.ts';
import { buckets } from '../../shared/resources/buckets.ts';
import { acknowledge, acknowledgeWildcardResource } from '../constructs/nag.ts';
import { bucketName, physicalName } from '../constructs/naming.ts';
import { spaRoutingCode, stripApiPrefixCode } from '../portal/edge-functions.ts';
import { deployedApiBase } from '../portal/page-routes.ts';
import type { StageConfig } from './stage-config.ts';

const projectRoot = join(import.meta.dirname, '..', '..');

export interface PortalStackProps extends StackProps {
  readonly stage: StageConfig;
  readonly httpApi: IHttpApi;
  /** Where the portal signs in: written to /portal-config.json (shared/auth/portal-config.ts). */
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
}

/**
 * The portal's Content-Security-Policy. Scripts and styles only from the portal's own files (the
 * Vite build emits no inline script or style element: test/infra/portal-stack.test.ts checks the
 * build); fetches to its own origin (the API is under /api), to the buckets the browser uploads
 * to and downloads from with presigned URLs, and to Cognito's endpoint (sign-in).
 */
export function contentSecurityPolicy(connectOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectOrigins.join(' ')}`.trim(),
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

export class PortalStack extends Stack {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const { stage } = props;

    // CloudFront's standard logs need ACLs on their bucket (CloudFront writes with the
    // awslogsdelivery account's ACL grant), hence OBJECT_WRITER-compatible ownership here, unlike
    // the data stack's access log bucket.
    const logs = new Bucket(this, 'PortalLogs', {
      bucketName: `${physicalName(stage.name, 'portal-logs')}-${this.account}-${this.region}`,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(stage.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // It receives the site bucket's access logs and CloudFront's; logging itself would loop.

    this.bucket = new Bucket(this, 'PortalSite', {
      bucketName: `${physicalName(stage.name, 'portal')}-${this.account}-${this.region}`,
      // S3-managed keys: the files are public through CloudFront anyway, and OAC reads an
      // SSE-KMS bucket only with a key policy for CloudFront, which would protect nothing here.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      // Old asset versions go after a while; current ones stay (a deploy does not prune them, so a
      // page loaded before it can still fetch its chunks).
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The portal calls Cognito's JSON API from the browser (sign-in, sign-up, refresh, revoke).
    const cognito = cognitoEndpoint(this.region, Aws.URL_SUFFIX);
    const browserBucketOrigins = Object.entries(buckets)
      .filter(([, spec]) => spec.browserAccess)
      .map(
        ([name]) =>
          `https://${bucketName(this, stage.name, name as keyof typeof buckets)}.s3.${this.region}.${Aws.URL_SUFFIX}`,
      );
    const connectOrigins = [...browserBucketOrigins, cognito.replace(/\/$/, '')];

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: physicalName(stage.name, 'portal-security-headers'),
      comment: 'eproc portal: HSTS, CSP without inline script, nosniff, no framing, referrer policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(connectOrigins),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
        ],
      },
    });

    const spaRouting = new EdgeFunction(this, 'SpaRouting', {
      functionName: physicalName(stage.name, 'portal-spa-routing'),
      comment: 'Portal page paths (/, /vi/..., /en/...) to /index.html; files as they are',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(spaRoutingCode),
    });
    const stripApiPrefix = new EdgeFunction(this, 'StripApiPrefix', {
      functionName: physicalName(stage.name, 'portal-api-prefix'),
      comment: 'Maps /api/... to the HTTP API route /...',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(stripApiPrefixCode),
    });

    // $default stage: the API's routes are the paths right after its domain.
    const apiOrigin = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${this.region}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });

    // READ and LIST: with s3:ListBucket a missing file is S3's 404, not a 403 (a 403-to-index
    // error page would also answer 200 for a missing asset, and would apply to /api too). OAC
    // signs only object GETs, and page paths (including /) are rewritten to /index.html, so no
    // listing is ever served.
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });

    const domain = stage.portalDomain;
    this.distribution = new Distribution(this, 'PortalDistribution', {
      comment: `eproc ${stage.name} portal`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'PortalCertificate', domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [`${deployedApiBase}/*`]: {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // No caching: answers depend on the caller and on If-Match/ETag. With caching disabled,
          // the AllViewer policies forward Authorization too; Host goes, API Gateway needs its own.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          compress: true,
          functionAssociations: [{ function: stripApiPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'defaultRootObject is index.html and the viewer-request function maps / and every page path to /index.html.',
    );
    if (!domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'This stage sets no portalDomain, so the distribution uses the default *.cloudfront.net certificate, whose viewer TLS policy CloudFront fixes; a stage with portalDomain gets TLSv1.2_2021.',
      );
    }
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'A public procurement portal must be reachable from every country: foreign contractors may bid and the law requires public access to notices.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'No WAF web ACL yet: the API behind /api throttles per stage and route (functions/throttles.ts), and the bucket origin serves only static files.',
    );

    // Hashed assets first, cached for a year; then index.html, never cached stale, so a page never
    // names chunks that are not there yet. Neither prunes: a page loaded before a deploy keeps
    // loading its chunks.
    const site = Source.asset(join(projectRoot, 'portal'), {
      exclude: ['dist', 'node_modules'],
      // The build's output decides the hash: the portal also imports shared/ and the lockfile's
      // packages, which a hash of portal/ alone would miss.
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Built locally with the project's own Vite (as functions are with the local esbuild);
        // the image is only CDK's fallback, never pulled when the local build succeeds.
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
        local: {
          tryBundle(outputDir: string) {
            const result = spawnSync(
              process.execPath,
              [join(projectRoot, 'infra', 'portal', 'build-portal-asset.ts'), outputDir],
              { stdio: 'inherit', cwd: projectRoot },
            );
            if (result.status !== 0) throw new Error('portal build for CloudFront failed');
            return true;
          },
        },
      },
    });
    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [site],
      destinationBucket: this.bucket,
      exclude: ['index.html'],
      prune: false,
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.days(365)),
        CacheControl.immutable(),
      ],
      memoryLimit: 512,
    });
    const index = new BucketDeployment(this, 'DeployIndex', {
      sources: [site],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['index.html'],
      prune: false,
      cacheControl: [CacheControl.noCache()],
      memoryLimit: 512,
    });
    index.node.addDependency(assets);
    // Where Cognito is, as the local gateway serves it (the same schema): the pool's real endpoint,
    // pool and client, filled in by CloudFormation at deployment. Never cached stale: a new client
    // id must reach pages at once.
    const portalConfig: PortalConfig = {
      region: this.region,
      userPoolId: props.userPool.userPoolId,
      clientId: props.userPoolClient.userPoolClientId,
      cognitoEndpoint: cognito,
    };
    const config = new BucketDeployment(this, 'DeployConfig', {
      sources: [Source.jsonData(portalConfigPath.slice(1), portalConfig)],
      destinationBucket: this.bucket,
      prune: false,
      cacheControl: [CacheControl.noCache()],
      memoryLimit: 512,
    });
    config.node.addDependency(index);
    acknowledgeDeploymentHandler(this, this.bucket);

    new CfnOutput(this, 'PortalUrl', {
      value: domain ? `https://${domain.domainName}` : `https://${this.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'PortalDistributionDomain', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'PortalApiBase', {
      value: `https://${this.distribution.distributionDomainName}${deployedApiBase}`,
    });
  }
}

// BucketDeployment's handler is one function per stack that CDK builds and maintains (its code,
// runtime and role); what it is granted comes from the deployments' own grants.
function acknowledgeDeploymentHandler(stack: Stack, site: Bucket): void {
  const handlers = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  const [handler] = handlers;
  if (!handler || handlers.length > 1) {
    throw new Error(`expected one BucketDeployment handler, found ${handlers.length}`);
  }
  const reasons: Record<string, string> = {
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
      "CDK's BucketDeployment handler role: the managed basic execution policy lets it write its own logs; CDK does not offer to replace it.",
    'AwsSolutions-IAM5[Action::s3:GetBucket*]':
      'BucketDeployment grants read on the CDK asset bucket (the built portal zip) with s3:GetBucket*, and reads nothing else.',
    'AwsSolutions-IAM5[Action::s3:GetObject*]':
      'BucketDeployment reads the portal zip from the CDK asset bucket and writes the portal bucket: its grantRead/grantReadWrite use s3:GetObject*.',
    'AwsSolutions-IAM5[Action::s3:List*]':
      'BucketDeployment lists the CDK asset bucket and the portal bucket to sync files (aws s3 sync); grantRead uses s3:List*.',
    'AwsSolutions-IAM5[Action::s3:Abort*]':
      'BucketDeployment uploads large files to the portal bucket in parts; grantReadWrite includes s3:Abort* to abort failed multipart uploads.',
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]':
      'grantReadWrite on the portal bucket includes s3:DeleteObject*; the deployments set prune: false, so no file is deleted in practice.',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]':
      "The portal's built zip is a CDK asset whose key (its hash) changes with every build; the grant covers the bootstrap asset bucket's objects.",
    'AwsSolutions-L1':
      "The runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib (it bundles the AWS CLI for that runtime); updating aws-cdk-lib updates it.",
  };
  for (const [id, reason] of Object.entries(reasons)) acknowledge(handler, id, reason);
  acknowledgeWildcardResource(
    handler,
    `${site.bucketArn}/*`,
    'The deployment writes any key of the portal bucket: the built file names are content hashes known only at build time.',
  );
}
