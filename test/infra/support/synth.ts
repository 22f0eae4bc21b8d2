// Builds the app exactly as infra/app.ts does (same cdk.json context), with bundling skipped so a
// stack test takes seconds, not a minute of esbuild.
import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionSpec } from '../../../functions/function-spec.ts';
import { createStacks, type EprocStacks } from '../../../infra/stacks/eproc-stacks.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8'));

export const stage = 'dev';

export interface Synthesized {
  readonly app: App;
  readonly stacks: EprocStacks;
  readonly templates: Record<keyof EprocStacks, Template>;
  /** Raw CloudFormation of every stack, for walking all policy documents. */
  readonly json: Record<keyof EprocStacks, any>;
}

export function buildApp(options: {
  catalog?: Record<string, FunctionSpec>;
  nag?: boolean;
  context?: Record<string, unknown>;
}) {
  const app = new App({
    context: { ...cdkJson.context, stage, 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  const stacks = createStacks(app, options.catalog ? { catalog: options.catalog } : {});
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}

export function synth(catalog?: Record<string, FunctionSpec>): Synthesized {
  const { app, stacks } = buildApp(catalog ? { catalog } : {});
  const names = ['data', 'auth', 'api', 'workflow', 'portal'] as const;
  const templates = Object.fromEntries(names.map((n) => [n, Template.fromStack(stacks[n])])) as Record<
    keyof EprocStacks,
    Template
  >;
  const json = Object.fromEntries(names.map((n) => [n, templates[n].toJSON()])) as Record<
    keyof EprocStacks,
    any
  >;
  return { app, stacks, templates, json };
}
