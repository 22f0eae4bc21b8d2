// One catalog entry as a deployed Lambda function: bundled with the local esbuild, its own role
// holding only what the grants imply, its own log group, and the environment the local runtime
// would give it (settings plus one variable per granted resource).
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundling } from '../../functions/bundling.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import type { StageConfig } from '../stacks/stage-config.ts';
import type { DataResources } from './data-resources.ts';
import { acknowledge, acknowledgeWildcardResource } from './nag.ts';
import { functionName } from './naming.ts';
import { grantPermissions, isTriggeredBy, permissionsFor, resourceEnvironment } from './permissions.ts';

export const projectRoot = join(import.meta.dirname, '..', '..');

export const defaultMemoryMb = 512;
/** The local runtime's default too (infra/local/function-pool.ts). */
export const defaultTimeoutSeconds = 10;

// Resource variables come from grants only; a setting of that shape would bypass them.
const resourceVariable = /^(TABLE_|BUCKET_|KEY_|QUEUE_)/;

export interface CatalogFunctionProps {
  readonly name: string;
  readonly spec: FunctionSpec;
  readonly stage: StageConfig;
  readonly data: DataResources;
}

export class CatalogFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: CatalogFunctionProps) {
    super(scope, id);
    const { name, spec, stage, data } = props;
    const physical = functionName(stage.name, name);
    for (const key of Object.keys(stage.settings)) {
      if (resourceVariable.test(key)) throw new Error(`stage setting ${key} looks like a resource variable`);
    }

    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${physical}`,
      retention: stage.logRetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${physical}; holds only what its catalog grants imply`,
    });
    // Instead of AWSLambdaBasicExecutionRole (which may write to any log group).
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    // A user pool's trigger: the pool names the function, and the function waits for its role's
    // default policy, so the statements on that pool go in a policy of their own that nothing
    // waits for (otherwise: pool -> function -> default policy -> pool).
    const ownPool = (g: FunctionSpec['grants'][number]) => 'userPool' in g && isTriggeredBy(spec, g.userPool);
    const poolStatements = spec.grants
      .filter(ownPool)
      .flatMap((grant) => grantPermissions(this, stage.name, grant, data))
      .map((permission) => permission.statement);
    if (poolStatements.length > 0) {
      new Policy(this, 'UserPoolPolicy', { roles: [this.role], statements: poolStatements });
    }
    const rest = { ...spec, grants: spec.grants.filter((g) => !ownPool(g)) };
    for (const permission of permissionsFor(this, stage.name, rest, data)) {
      this.role.addToPrincipalPolicy(permission.statement);
      if (!permission.wildcardReason) continue;
      for (const resource of permission.statement.resources) {
        if (resource.includes('*'))
          acknowledgeWildcardResource(this.role, resource, permission.wildcardReason);
      }
    }
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    );

    this.function = new NodejsFunction(this, 'Function', {
      functionName: physical,
      description: spec.description.slice(0, 256),
      entry: join(projectRoot, spec.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? defaultMemoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds ?? defaultTimeoutSeconds),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup,
      ...(stage.reservedConcurrency[name]
        ? { reservedConcurrentExecutions: stage.reservedConcurrency[name] }
        : {}),
      environment: {
        ...stage.settings,
        STAGE: stage.name,
        POWERTOOLS_SERVICE_NAME: name,
        ...resourceEnvironment(this, stage.name, spec, data),
      },
      // The options the cold-start benchmark measures (functions/bundling.ts), so what is measured
      // is what deploys, the AWS SDK bundled in (functions/bundling.ts says why).
      bundling: {
        format: bundling.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
        target: bundling.target,
        minify: bundling.minify,
        sourceMap: bundling.sourcemap,
        mainFields: [...bundling.mainFields],
        externalModules: [...bundling.external],
        // Installed in the asset's node_modules, out of the bundle: only the requests that import
        // them pay for them (the catalog's `lazyPackages`).
        ...(spec.lazyPackages ? { nodeModules: [...spec.lazyPackages] } : {}),
        banner: bundling.banner,
        esbuildArgs: { '--alias': Object.entries(bundling.alias).map(([from, to]) => `${from}=${to}`) },
        logLevel: LogLevel.WARNING,
        // Generated files the handler reads beside itself (the catalog's `files`).
        ...(spec.files
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  (spec.files ?? []).map((file) => `cp "${join(inputDir, file)}" "${outputDir}"`),
              },
            }
          : {}),
      },
    });
  }
}
