// GET /openapi.json serves a file generated ahead of time (functions/openapi/document.ts); a
// contract change without `npm run api:generate` leaves it stale, and this fails (as CI does).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { buildOpenApiDocument, documentPath, serialiseDocument } from '../../functions/openapi/document.ts';

describe('the committed OpenAPI document', () => {
  it('is what the current contracts generate', () => {
    const fresh = serialiseDocument(buildOpenApiDocument()) === readFileSync(documentPath, 'utf8');
    expect(fresh, `${documentPath} is stale: run \`npm run api:generate\` and commit it`).toBe(true);
  });

  it('ships beside the openapi handler, where it reads it', () => {
    expect(functionSpecs.openapi?.files).toEqual(['functions/openapi/openapi.json']);
    for (const [name, spec] of Object.entries(functionSpecs)) {
      for (const file of spec.files ?? []) expect([name, dirname(file)]).toEqual([name, dirname(spec.entry)]);
    }
  });
});
