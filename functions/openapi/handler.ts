import { readFile } from 'node:fs/promises';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { openApiRoutes } from './contract.ts';

// Generated ahead of time (functions/openapi/document.ts) and shipped beside the handler (the
// catalog's `files`); read on the first request, so the cold start neither builds nor parses it.
let document: Promise<Record<string, unknown>> | undefined;
const load = async () =>
  JSON.parse(await readFile(new URL('./openapi.json', import.meta.url), 'utf8')) as Record<string, unknown>;

export const handler = httpHandler(openApiRoutes, {
  openApi: async () => {
    document ??= load().catch((error: unknown) => {
      document = undefined;
      throw error;
    });
    return { body: await document, headers: { 'cache-control': 'public, max-age=300' } };
  },
});
