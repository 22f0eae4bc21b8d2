// Builds the app exactly as infra/app.ts does (same cdk.json context), with bundling skipped so a
// stack test takes seconds, not a minute of esbuild.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { functionSpecs } from '../../../functions/catalog.ts';
import type { FunctionSpec } from '../../../functions/function-spec.ts';
import { createStacks, type EprocStacks } from '../../../infra/stacks/eproc-stacks.ts';
import { runDir } from '../../support/run-dir.ts';
import { testCatalog } from './test-catalog.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8'));

export const stage = 'dev';

export interface Synthesized {
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

const names = ['data', 'auth', 'api', 'workflow', 'portal'] as const;
type Json = Record<keyof EprocStacks, any>;

/** The templates of one synth; `buildApp` for the app and its constructs. */
function synthJson(catalog?: Record<string, FunctionSpec>): Json {
  const { stacks } = buildApp(catalog ? { catalog } : {});
  return Object.fromEntries(names.map((n) => [n, Template.fromStack(stacks[n]).toJSON()])) as Json;
}

// The real and the test catalog's templates are the same for every file of a run (about 8 CPU s
// a synth, and five files ask for them): the first file to ask synthesizes them, the others read
// them from the run's directory. Any other catalog is synthesized where it is asked for.
const shared = new Map<unknown, string>([
  [undefined, 'real'],
  [functionSpecs, 'real'],
  [testCatalog, 'test'],
]);
const inFile = new Map<string, Json>();

function sharedJson(name: string, catalog?: Record<string, FunctionSpec>): Json {
  const known = inFile.get(name);
  if (known) return known;
  const path = join(runDir(), `synth-${name}.json`);
  let json: Json;
  if (existsSync(path)) {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } else {
    json = synthJson(catalog);
    // Whole or not at all for a file reading it meanwhile.
    writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(json));
    renameSync(`${path}.${process.pid}.tmp`, path);
  }
  inFile.set(name, json);
  return json;
}

export function synth(catalog?: Record<string, FunctionSpec>): Synthesized {
  const name = shared.get(catalog);
  // A copy for each caller: a test that changes its JSON changes no other test's.
  const json = structuredClone(name ? sharedJson(name, catalog) : synthJson(catalog));
  const templates = Object.fromEntries(names.map((n) => [n, Template.fromJSON(json[n])])) as Record<
    keyof EprocStacks,
    Template
  >;
  return { templates, json };
}
