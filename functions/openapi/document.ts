// The API's OpenAPI document, built from the catalog's route contracts. Building it converts every
// zod schema to JSON Schema, about 220 ms, so it is built ahead of time rather than at each cold
// start: `npm run api:generate` writes openapi.json beside the handler (and the portal's types
// from the same document), and test/http/openapi-document.test.ts fails when the committed file
// differs from what the contracts give now.
import { join } from 'node:path';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { httpRoutes } from '../catalog.ts';

export const documentFile = 'openapi.json';
export const documentPath = join(import.meta.dirname, documentFile);

export const buildOpenApiDocument = () =>
  openApiDocument(httpRoutes(), { title: 'eproc API', version: '1.0.0' });

/** The committed form: one key per line, so a contract change shows as a readable diff. */
export const serialiseDocument = (document: unknown): string => `${JSON.stringify(document, null, 1)}\n`;
