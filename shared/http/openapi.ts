// The OpenAPI 3.1 document, generated from the same zod contracts that validate requests.
import * as z from 'zod';
import { problemCodes } from '../errors/problem-codes.ts';
import type { RouteContract } from './route-contract.ts';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const Problem = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: {
      type: 'string',
      enum: [...problemCodes],
      description: 'Stable machine code of the problem; clients translate it, never the detail',
    },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          code: {
            type: 'string',
            description: "A more precise code for this field's problem, when there is one",
          },
          rule: {
            type: 'string',
            description:
              'The procedure rule the field breaks (PROCEDURE_RULE_BROKEN), a stable id such as min-submission-period (GET /procedures lists the numbers)',
          },
          limit: {
            description: "The rule's limit in `unit` (a number), or the values the procedure allows",
            oneOf: [{ type: 'number' }, { type: 'array', items: { type: 'string' } }],
          },
          value: {
            description: 'The value given, in `unit` as the law counts it',
            oneOf: [{ type: 'number' }, { type: 'string' }],
          },
          unit: { type: 'string', enum: ['days', 'working-days', 'percent', 'bids', 'vnd'] },
        },
      },
    },
  },
};

const problemRef = {
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function operation(route: RouteContract): JsonSchema {
  const responses: Record<string, unknown> = {
    [String(route.successStatus ?? 200)]: {
      description: 'Success',
      content: route.fileTypes
        ? Object.fromEntries(
            route.fileTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
          )
        : { 'application/json': { schema: toSchema(route.response, 'output') } },
    },
    '400': { description: 'A parameter or field is invalid; `errors` names each one', ...problemRef },
    '404': { description: 'Not found', ...problemRef },
  };
  if (route.auth !== 'public') {
    responses['401'] = { description: 'No valid bearer token', ...problemRef };
    responses['403'] = {
      description: `Needs one of the roles ${route.auth.join(', ')}, or ownership`,
      ...problemRef,
    };
  }
  if (route.body) {
    responses['409'] = { description: 'Conflicts with the current state', ...problemRef };
    responses['413'] = { description: 'Body too large', ...problemRef };
    responses['415'] = { description: 'Body is not JSON', ...problemRef };
  }
  const params = [...parameters(route.params, 'path'), ...parameters(route.query, 'query')];
  if (route.requiresIfMatch) {
    params.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } });
    responses['412'] = { description: 'If-Match does not match the current version', ...problemRef };
    responses['428'] = { description: 'If-Match is missing', ...problemRef };
  }
  if (route.requiresIdempotencyKey) {
    params.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'Any unique value per intended request; a retry with the same key returns the same answer',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
    });
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [...route.tags],
    ...(route.auth === 'public' ? { security: [] } : { security: [{ bearer: [] }] }),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(
  routes: readonly RouteContract[],
  info: { title: string; version: string },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Public e-procurement: tenders, sealed bids, opening, evaluation and award. Times are UTC instants; amounts are integers in minor units.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
