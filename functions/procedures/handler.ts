import { httpHandler } from '../../shared/http/http-handler.ts';
import { procedureList } from '../../shared/procedures/effective-procedures.ts';
import { procedureRoutes } from './contract.ts';

// Built once per execution environment: the numbers are settings, fixed while it lives.
const list = procedureList();

export const handler = httpHandler(procedureRoutes, {
  listProcedures: async () => ({ body: list, headers: { 'cache-control': 'public, max-age=300' } }),
});
