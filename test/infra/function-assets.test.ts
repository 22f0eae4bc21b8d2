// What a function's deployed asset holds: the catalog's `files` beside the bundle, where the
// handler reads them. Bundles the openapi function alone (the other stacks skip bundling) and
// runs the bundled handler as Lambda would: from the asset folder, not the source tree.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { buildApp, stage } from './support/synth.ts';

describe('function assets', () => {
  it('ship the openapi document beside the bundle, and the bundled handler serves it', async () => {
    const openapi = functionSpecs.openapi;
    if (!openapi) throw new Error('no openapi function in the catalog');
    const { app } = buildApp({
      catalog: { openapi },
      context: { 'aws:cdk:bundling-stacks': [`eproc-${stage}-api`] },
    });
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory)
      .map((name) => join(assembly.directory, name))
      .filter((path) => statSync(path).isDirectory() && existsSync(join(path, 'index.mjs')));
    expect(assets).toHaveLength(1);
    const asset = assets[0] as string;
    expect(readdirSync(asset).sort()).toEqual(['index.mjs', 'openapi.json']);

    const { handler } = (await import(pathToFileURL(join(asset, 'index.mjs')).href)) as {
      handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
    };
    const response = await handler(
      {
        routeKey: 'GET /openapi.json',
        rawPath: '/openapi.json',
        headers: {},
        requestContext: { http: { method: 'GET', path: '/openapi.json' } },
      },
      { awsRequestId: 'asset-test', functionName: 'openapi' },
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).paths['/tenders/{tenderId}']).toBeDefined();
  }, 120_000);
});
