// Catalog entries are written by many hands; what would only fail at deployment (or, worse, at
// run time) fails the synth here, naming the entry. What deploys but behaves surprisingly is a
// warning.
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { throttleProblems } from '../../functions/route-throttles.ts';
import { routeKey } from '../../shared/http/route-contract.ts';
import { queues } from '../../shared/resources/queues.ts';
import { tables } from '../../shared/resources/tables.ts';
import type { StageConfig } from '../stacks/stage-config.ts';
import { defaultTimeoutSeconds } from './catalog-function.ts';
import { functionName } from './naming.ts';

export interface CatalogFindings {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export function checkCatalog(
  catalog: Readonly<Record<string, FunctionSpec>>,
  stage: StageConfig,
): CatalogFindings {
  const problems: string[] = [];
  const warnings: string[] = [];
  const routeOwners = new Map<string, string>();
  for (const [name, spec] of Object.entries(catalog)) {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(name)) problems.push(`${name}: names are camelCase identifiers`);
    if (functionName(stage.name, name).length > 64)
      problems.push(`${name}: function name over 64 characters`);
    const timeout = spec.timeoutSeconds ?? defaultTimeoutSeconds;
    const trigger = spec.trigger;
    if (trigger.kind === 'http') {
      if (timeout > 30) {
        warnings.push(
          `${name}: timeout is ${timeout} s but HTTP API answers 503 after 30 s; the function runs on unseen`,
        );
      }
      for (const route of trigger.routes) {
        const key = routeKey(route);
        const owner = routeOwners.get(key);
        if (owner) problems.push(`${name}: route ${key} is already served by ${owner}`);
        routeOwners.set(key, name);
      }
    } else if (trigger.kind === 'queue') {
      const visibility = queues[trigger.queue].visibilityTimeoutSeconds;
      // Lambda's guidance: a message must not become visible again while a retry may still be running.
      if (timeout * 6 > visibility) {
        problems.push(
          `${name}: timeout ${timeout} s exceeds 1/6 of queue ${trigger.queue}'s visibility timeout (${visibility} s)`,
        );
      }
      if (trigger.maxConcurrency !== undefined && trigger.maxConcurrency < 2) {
        problems.push(`${name}: maxConcurrency must be at least 2 (Lambda's minimum for SQS)`);
      }
    } else if (trigger.kind === 'stream') {
      if (!('stream' in tables[trigger.table]))
        problems.push(`${name}: table ${trigger.table} has no stream`);
      if (!Number.isInteger(trigger.batchSize) || trigger.batchSize < 1 || trigger.batchSize > 10_000)
        problems.push(
          `${name}: batchSize must be a whole number from 1 to 10000 (Lambda's range for a stream)`,
        );
      const window = trigger.batchingWindowSeconds;
      if (window !== undefined && (!Number.isInteger(window) || window < 0 || window > 300))
        problems.push(`${name}: batchingWindowSeconds must be a whole number from 0 to 300 (Lambda's range)`);
    } else if (trigger.kind === 'userPool') {
      if (timeout > 5) problems.push(`${name}: timeout ${timeout} s, but Cognito waits 5 s for a trigger`);
    } else if (!Number.isInteger(trigger.everyMinutes) || trigger.everyMinutes < 1) {
      problems.push(`${name}: everyMinutes must be a whole number of minutes, at least 1`);
    }
  }
  // The local gateway refuses the same catalog at start (infra/local/rate-limiter.ts).
  problems.push(...throttleProblems(catalog));
  for (const name of Object.keys(stage.reservedConcurrency)) {
    if (!(name in catalog))
      problems.push(`stage ${stage.name}: reservedConcurrency names unknown function ${name}`);
  }
  return { errors: problems, warnings };
}
