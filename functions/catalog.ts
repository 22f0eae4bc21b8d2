// Every function of the system, declared once. The CDK stacks deploy exactly these (with these
// triggers and grants) and the local runtime runs exactly these.
import type { RouteContract } from '../shared/http/route-contract.ts';
import { contractorRoutes } from './contractors/contract.ts';
import type { FunctionSpec } from './function-spec.ts';
import { openApiRoutes } from './openapi/contract.ts';

const http = (routes: Record<string, RouteContract>) =>
  ({ kind: 'http', routes: Object.values(routes) }) as const;

export const catalog = {
  contractors: {
    description: 'Contractor registry: registration, profiles, status, eligibility',
    entry: 'functions/contractors/handler.ts',
    trigger: http(contractorRoutes),
    grants: [
      { table: 'parties', access: 'readWrite' },
      { table: 'audit', access: 'append' },
    ],
  },
  openapi: {
    description: 'Serves the OpenAPI document generated from the route contracts',
    entry: 'functions/openapi/handler.ts',
    trigger: http(openApiRoutes),
    grants: [],
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof catalog;

export const functionSpecs: Record<string, FunctionSpec> = catalog;

export function httpRoutes(): RouteContract[] {
  return Object.values(functionSpecs).flatMap((spec) =>
    spec.trigger.kind === 'http' ? [...spec.trigger.routes] : [],
  );
}
