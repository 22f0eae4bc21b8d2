// Every catalog function, and the HTTP API whose routes are the catalog's route contracts. A new
// catalog entry deploys from here with no change: its function, role, variables and routes all come
// from the entry.
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionSpec, Throttle } from '../../functions/function-spec.ts';
import { routeThrottles } from '../../functions/route-throttles.ts';
import { stageThrottle } from '../../functions/throttles.ts';
import { CatalogFunction } from '../constructs/catalog-function.ts';
import type { DataResources } from '../constructs/data-resources.ts';
import { acknowledge } from '../constructs/nag.ts';
import { pascal, physicalName } from '../constructs/naming.ts';
import type { StageConfig } from './stage-config.ts';

export interface ApiStackProps extends StackProps {
  readonly stage: StageConfig;
  readonly catalog: Readonly<Record<string, FunctionSpec>>;
  readonly data: DataResources;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
}

// One JSON object per request; $context.authorizer.error says why a token was refused.
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    // No caller identity: with the time and route, it would tell who bid before the deadline.
  }),
);

export class ApiStack extends Stack {
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { stage, catalog, data } = props;

    const functions: Record<string, IFunction> = {};
    for (const [name, spec] of Object.entries(catalog)) {
      // A user pool's triggers deploy with the pool (auth-stack.ts): the pool names them.
      if (spec.trigger.kind === 'userPool') continue;
      functions[name] = new CatalogFunction(this, `Fn${pascal(name)}`, {
        name,
        spec,
        stage,
        data: { ...data, userPool: props.userPool },
      }).function;
    }
    this.functions = functions;

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${physicalName(stage.name, 'api')}`,
      retention: stage.logRetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: physicalName(stage.name, 'api'),
      description: 'eproc public API: routes generated from the function catalog route contracts',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: stage.corsOrigins,
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
        ],
        allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        exposeHeaders: ['etag', 'location'],
      },
    });
    const apiStage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: stageThrottle,
      detailedMetricsEnabled: true,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });

    // Validates kid and signature (the pool's JWKS), issuer, audience (this app client's ID tokens),
    // exp, nbf and iat; infra/local/jwt-authorizer.ts checks the same locally.
    const authorizer = new HttpUserPoolAuthorizer('CognitoJwt', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const noAuthorizer = new HttpNoneAuthorizer();
    const allRoutes: HttpRoute[] = [];

    for (const [name, spec] of Object.entries(catalog)) {
      if (spec.trigger.kind !== 'http') continue;
      const handler = functions[name];
      if (!handler) throw new Error(`no function was built for ${name}`);
      const integration = new HttpLambdaIntegration(`${pascal(name)}Integration`, handler);
      for (const contract of spec.trigger.routes) {
        const isPublic = contract.auth === 'public';
        const routes = this.httpApi.addRoutes({
          path: contract.path,
          methods: [HttpMethod[contract.method]],
          integration,
          authorizer: isPublic ? noAuthorizer : authorizer,
        });
        allRoutes.push(...routes);
        if (!isPublic) continue;
        for (const route of routes) {
          acknowledge(
            route,
            'AwsSolutions-APIG4',
            `Route ${contract.method} ${contract.path} (${contract.operationId}) is public by its contract (auth: 'public'); the handler gives anonymous callers no principal.`,
          );
        }
      }
    }

    // Each route's own limits from the catalog (the local gateway enforces the same ones). A route
    // setting names a route key, which must exist before the stage is updated. RouteSettings is an
    // untyped map that CDK passes through as is: CloudFormation's own property names. Detailed
    // metrics are restated, so a route with its own settings keeps the stage's.
    const settings = (throttle: Throttle) => ({
      DetailedMetricsEnabled: true,
      ThrottlingRateLimit: throttle.rateLimit,
      ThrottlingBurstLimit: throttle.burstLimit,
    });
    const cfnStage = apiStage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      routeThrottles(catalog)
        .filter((route) => route.declared)
        .map((route) => [route.routeKey, settings(route.throttle)]),
    );
    apiStage.node.addDependency(...allRoutes);

    new CfnOutput(this, 'ApiUrl', { value: apiStage.url });
  }
}
