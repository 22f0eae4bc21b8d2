import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';

export const openApiRoutes = {
  openApi: defineRoute({
    operationId: 'openApi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'This API described in OpenAPI 3.1',
    tags: ['meta'],
    auth: 'public',
    response: z.record(z.string(), z.unknown()),
  }),
};
