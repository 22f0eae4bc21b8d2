import { httpHandler } from '../../shared/http/http-handler.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { httpRoutes } from '../catalog.ts';
import { openApiRoutes } from './contract.ts';

// Built once per execution environment: the contracts do not change while it lives.
const document = openApiDocument(httpRoutes(), { title: 'eproc API', version: '1.0.0' });

export const handler = httpHandler(openApiRoutes, {
  openApi: async () => ({ body: document, headers: { 'cache-control': 'public, max-age=300' } }),
});
