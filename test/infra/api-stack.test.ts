// Every catalog route is an HTTP API route, public exactly when its contract says so; every catalog
// entry is a Lambda function configured the same way, with only its granted resources in its
// environment.
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { routeKey } from '../../shared/http/route-contract.ts';
import { bucketEnv, keyEnv, queueEnv, tableEnv } from '../../shared/resources/env-names.ts';
import { stage, synth } from './support/synth.ts';
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
  const functions = functionRoles(api, stage);
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
    expect(props.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
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

  it.each(Object.keys(catalog))('runs %s on nodejs24.x, arm64, traced, logging to its own group', (name) => {
    const props = functions.get(name)!.props;
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    expect(props.Handler).toBe('index.handler');
    const logGroup = api.Resources[props.LoggingConfig.LogGroup.Ref];
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
    const resourceVariables = Object.keys(variables).filter((v) => /^(TABLE_|BUCKET_|QUEUE_|KEY_)/.test(v));
    const granted = spec.grants.map((g) =>
      'table' in g
        ? tableEnv(g.table)
        : 'bucket' in g
          ? bucketEnv(g.bucket)
          : 'queue' in g
            ? queueEnv(g.queue)
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
