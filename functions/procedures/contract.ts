import { defineRoute } from '../../shared/http/route-contract.ts';
import { ProcedureList } from '../../shared/procedures/procedure-schema.ts';

export const procedureRoutes = {
  listProcedures: defineRoute({
    operationId: 'listProcedures',
    method: 'GET',
    path: '/procedures',
    summary:
      "Procedure types with every legal number as this stage applies it (overrides and acceleration included): the portal's forms are built from them",
    tags: ['procedures'],
    auth: 'public',
    response: ProcedureList,
  }),
};
