// The whole deployment of one stage. Tests build it the same way infra/app.ts does, passing their
// own catalog to exercise triggers the real catalog does not use yet.
import { Annotations, type App, type Environment } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { checkCatalog } from '../constructs/catalog-checks.ts';
import { ApiStack } from './api-stack.ts';
import { AuthStack } from './auth-stack.ts';
import { DataStack } from './data-stack.ts';
import { PortalStack } from './portal-stack.ts';
import { stageConfigFrom } from './stage-config.ts';
import { WorkflowStack } from './workflow-stack.ts';

export interface EprocStacks {
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly api: ApiStack;
  readonly workflow: WorkflowStack;
  readonly portal: PortalStack;
}

export interface EprocStacksOptions {
  /** Defaults to the real catalog (functions/catalog.ts). */
  readonly catalog?: Readonly<Record<string, FunctionSpec>>;
}

// Without `-c account=... -c region=...` the stacks are environment-agnostic: they synthesize with
// no AWS account and no lookups, and deploy to whatever account and region the CLI is given.
function environmentFrom(node: Node): Environment | undefined {
  const account = node.tryGetContext('account') as string | undefined;
  const region = node.tryGetContext('region') as string | undefined;
  if (account === undefined && region === undefined) return undefined;
  if (!account || !region) throw new Error('pin both -c account=... and -c region=..., or neither');
  return { account, region };
}

export function createStacks(app: App, options: EprocStacksOptions = {}): EprocStacks {
  const stage = stageConfigFrom(app.node);
  const catalog = options.catalog ?? functionSpecs;
  const findings = checkCatalog(catalog, stage);
  if (findings.errors.length > 0) {
    throw new Error(`function catalog problems:\n  ${findings.errors.join('\n  ')}`);
  }
  const env = environmentFrom(app.node);
  const common = {
    ...(env ? { env } : {}),
    terminationProtection: stage.terminationProtection,
    tags: { project: 'eproc', stage: stage.name },
  };
  const name = (part: string) => `eproc-${stage.name}-${part}`;

  const data = new DataStack(app, name('data'), {
    ...common,
    stage,
    description: 'eproc tables, buckets and keys (retained on delete)',
  });
  const auth = new AuthStack(app, name('auth'), {
    ...common,
    stage,
    catalog,
    data: data.resources,
    description: 'eproc Cognito user pool and its triggers',
  });
  const api = new ApiStack(app, name('api'), {
    ...common,
    stage,
    catalog,
    data: data.resources,
    userPool: auth.userPool,
    userPoolClient: auth.userPoolClient,
    description: 'eproc functions and HTTP API, generated from the function catalog',
  });
  for (const warning of findings.warnings) Annotations.of(api).addWarningV2('eproc:catalog', warning);
  // Functions reach tables, buckets and queues by name, which creates no reference to order by.
  api.addStackDependency(data, 'functions use the tables and buckets by name');
  const workflow = new WorkflowStack(app, name('workflow'), {
    ...common,
    stage,
    catalog,
    functions: api.functions,
    data: data.resources,
    description: 'eproc queues, schedules and stream consumers',
  });
  workflow.addStackDependency(api, 'event source mappings need the functions and their roles');
  const portal = new PortalStack(app, name('portal'), {
    ...common,
    stage,
    httpApi: api.httpApi,
    userPool: auth.userPool,
    userPoolClient: auth.userPoolClient,
    description: 'eproc portal: private bucket behind CloudFront, the API under /api',
  });
  return { data, auth, api, workflow, portal };
}
