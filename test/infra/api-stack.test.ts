// Every catalog route is an HTTP API route, public exactly when its contract says so; every catalog
// entry is a Lambda function configured the same way, with only its granted resources in its
// environment.
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { routeThrottles } from '../../functions/route-throttles.ts';
import { stageThrottle, throttles } from '../../functions/throttles.ts';
import { routeKey } from '../../shared/http/route-contract.ts';
import { bucketEnv, keyEnv, queueEnv, tableEnv, userPoolEnv } from '../../shared/resources/env-names.ts';
import { buildApp, stage, synth } from './support/synth.ts';
import { flat, functionRoles, resourcesOfType } from './support/template-walk.ts';
import { testCatalog } from './support/test-catalog.ts';

it('uses a Lambda runtime this aws-cdk-lib knows: nodejs24.x', () => {
  expect(Runtime.NODEJS_24_X.name).toBe('nodejs24.x');
});

describe.each([
  ['the real catalog', functionSpecs],
  ['the test catalog', testCatalog],
])('API for %s', (_, catalog: Record<string, FunctionSpec>) => {
  const { json } = synth(catalog);
  const api = json.api;
  // User pool triggers deploy with their pool (Auth stack); every other function here.
  const home = (name: string) => (catalog[name]!.trigger.kind === 'userPool' ? json.auth : api);
  const functions = new Map([...functionRoles(api, stage), ...functionRoles(json.auth, stage)]);
  const routes = new Map(
    resourcesOfType(api, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r]),
  );
  const authorizers = resourcesOfType(api, 'AWS::ApiGatewayV2::Authorizer');
  const integrations = new Map(resourcesOfType(api, 'AWS::ApiGatewayV2::Integration'));
  const contracts = Object.entries(catalog).flatMap(([name, spec]) =>
    spec.trigger.kind === 'http' ? spec.trigger.routes.map((route) => ({ name, route })) : [],
  );

  it('has one JWT authorizer, on the Cognito user pool and its app client', () => {
    expect(authorizers).toHaveLength(1);
    const props = authorizers[0]![1].Properties;
    expect(props.AuthorizerType).toBe('JWT');
    expect(props.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(flat(props.JwtConfiguration.Issuer)).toMatch(
      /^https:\/\/cognito-idp\.<AWS::Region>\.amazonaws\.com\/<eproc-dev-auth:PublishOutputRefUsers/,
    );
    expect(props.JwtConfiguration.Audience).toHaveLength(1);
    expect(flat(props.JwtConfiguration.Audience[0])).toMatch(
      /^<eproc-dev-auth:PublishOutputRefUsersWebClient/,
    );
  });

  it('has exactly the catalog routes', () => {
    expect([...routes.keys()].sort()).toEqual(contracts.map(({ route }) => routeKey(route)).sort());
  });

  it.each(contracts.map(({ name, route }) => [routeKey(route), name, route.auth] as const))(
    '%s goes to %s with the authorizer its contract asks for',
    (key, name, auth) => {
      const props = routes.get(key)!.Properties;
      if (auth === 'public') {
        expect(props.AuthorizationType).toBe('NONE');
        expect(props.AuthorizerId).toBeUndefined();
      } else {
        expect(props.AuthorizationType).toBe('JWT');
        expect(props.AuthorizerId).toEqual({ Ref: authorizers[0]![0] });
      }
      const integration = integrations.get(props.Target['Fn::Join'][1][1].Ref);
      expect(integration.Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [functions.get(name)!.fn, 'Arn'],
      });
      expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    },
  );

  it('logs every request and throttles the stage', () => {
    const stages = resourcesOfType(api, 'AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const props = stages[0]![1].Properties;
    expect(props.StageName).toBe('$default');
    expect(props.AutoDeploy).toBe(true);
    expect(props.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: stageThrottle.rateLimit,
      ThrottlingBurstLimit: stageThrottle.burstLimit,
    });
    expect(props.AccessLogSettings.DestinationArn).toBeDefined();
    expect(JSON.parse(props.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      authorizerError: '$context.authorizer.error',
    });
    // Who called, with the time and the route, would tell who bid before the deadline.
    expect(props.AccessLogSettings.Format).not.toMatch(
      /authorizer\.(claims|jwt)|principalId|identity\.(user|userArn|caller|cognitoIdentityId)"/,
    );
  });

  describe('throttles each route as the catalog declares', () => {
    const [[stageId, stageResource]] = resourcesOfType(api, 'AWS::ApiGatewayV2::Stage') as [[string, any]];
    const { RouteSettings: routeSettings, DefaultRouteSettings: stageDefault } = stageResource.Properties;
    const effective = (key: string) => routeSettings[key] ?? stageDefault;

    it.each(routeThrottles(catalog).map((r) => [r.routeKey, r.throttle, r.declared] as const))(
      '%s at %o on the stage',
      (key, throttle, declared) => {
        expect(effective(key)).toEqual({
          DetailedMetricsEnabled: true,
          ThrottlingRateLimit: throttle.rateLimit,
          ThrottlingBurstLimit: throttle.burstLimit,
        });
        expect(key in routeSettings).toBe(declared);
      },
    );

    it('sizes the deadline surge, public reads and the audit bundle as functions/throttles.ts says', () => {
      const bids = {
        DetailedMetricsEnabled: true,
        ThrottlingRateLimit: throttles.bidSurge.rateLimit,
        ThrottlingBurstLimit: throttles.bidSurge.burstLimit,
      };
      expect(routeSettings['POST /tenders/{tenderId}/lots/{lotId}/bid-uploads']).toEqual(bids);
      expect(routeSettings['POST /tenders/{tenderId}/lots/{lotId}/bids']).toEqual(bids);
      expect(routeSettings['GET /tenders']).toMatchObject({
        ThrottlingRateLimit: 200,
        ThrottlingBurstLimit: 400,
      });
      expect(routeSettings['GET /audit/bundle']).toMatchObject({
        ThrottlingRateLimit: 5,
        ThrottlingBurstLimit: 10,
      });
      // Every route key in the settings is a route of the API, created before the stage names it.
      expect(Object.keys(routeSettings).every((key) => routes.has(key))).toBe(true);
      const routeIds = resourcesOfType(api, 'AWS::ApiGatewayV2::Route').map(([id]) => id);
      expect(api.Resources[stageId].DependsOn).toEqual(expect.arrayContaining(routeIds));
    });
  });

  it.each(Object.keys(catalog))('runs %s on nodejs24.x, arm64, traced, logging to its own group', (name) => {
    const props = functions.get(name)!.props;
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    expect(props.Handler).toBe('index.handler');
    const logGroup = home(name).Resources[props.LoggingConfig.LogGroup.Ref];
    expect(logGroup.Properties).toMatchObject({
      LogGroupName: `/aws/lambda/eproc-${stage}-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      RetentionInDays: 30,
    });
    const spec = catalog[name]!;
    expect(props.Timeout).toBe(spec.timeoutSeconds ?? 10);
    expect(props.MemorySize).toBe(spec.memoryMb ?? 512);
  });

  it.each(Object.keys(catalog))('gives %s variables for its granted resources only', (name) => {
    const spec = catalog[name]!;
    const variables: Record<string, unknown> = functions.get(name)!.props.Environment.Variables;
    const resourceVariables = Object.keys(variables).filter((v) =>
      /^(TABLE_|BUCKET_|QUEUE_|KEY_|USER_POOL_)/.test(v),
    );
    // A pool's own trigger is told the pool by its event, not by a variable.
    const ownPool = (g: (typeof spec.grants)[number]) =>
      'userPool' in g && spec.trigger.kind === 'userPool' && spec.trigger.userPool === g.userPool;
    const granted = spec.grants
      .filter((g) => !ownPool(g))
      .map((g) =>
        'table' in g
          ? tableEnv(g.table)
          : 'bucket' in g
            ? bucketEnv(g.bucket)
            : 'queue' in g
              ? queueEnv(g.queue)
              : 'userPool' in g
                ? userPoolEnv(g.userPool)
                : keyEnv(g.key),
      );
    expect(resourceVariables.sort()).toEqual([...new Set(granted)].sort());
    expect(variables).toMatchObject({ STAGE: stage, POWERTOOLS_SERVICE_NAME: name });
    for (const grant of spec.grants) {
      if ('table' in grant)
        expect(variables[tableEnv(grant.table)]).toBe(
          `eproc-${stage}-${grant.table.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
        );
      if ('queue' in grant)
        expect(flat(variables[queueEnv(grant.queue)])).toMatch(
          new RegExp(
            `^https://sqs\\.<AWS::Region>\\.<AWS::URLSuffix>/<AWS::AccountId>/eproc-${stage}-${grant.queue}$`,
          ),
        );
    }
  });
});

it('refuses to synthesize throttles that are not positive integers with burst ≥ rate, naming the entry', () => {
  const receipts = functionSpecs.receipts as FunctionSpec;
  const throttled = (throttle: unknown, routeThrottles?: unknown) => () =>
    buildApp({
      catalog: {
        ...functionSpecs,
        receipts: {
          ...receipts,
          trigger: { ...receipts.trigger, throttle, routeThrottles } as FunctionSpec['trigger'],
        },
      },
    });
  expect(throttled({ rateLimit: 100, burstLimit: 50 })).toThrow(
    /receipts: throttle: burstLimit 50 is below rateLimit 100/,
  );
  expect(throttled({ rateLimit: 10, burstLimit: 0 })).toThrow(/burstLimit 0 is not a positive integer/);
  expect(
    throttled({ rateLimit: 10, burstLimit: 20 }, { receiptPublicKey: { rateLimit: 1.5, burstLimit: 2 } }),
  ).toThrow(/receipts: routeThrottles.receiptPublicKey: rateLimit 1.5 is not a positive integer/);
  expect(throttled({ rateLimit: 10, burstLimit: 20 }, { nope: { rateLimit: 1, burstLimit: 1 } })).toThrow(
    /receipts: routeThrottles names nope, which is none of its routes/,
  );
  expect(throttled({ rateLimit: 10, burstLimit: 10 })).not.toThrow();
});
