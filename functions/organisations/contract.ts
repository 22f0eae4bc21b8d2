import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Organisation, OrganisationRegistration } from '../../shared/organisations/organisation-schemas.ts';
import { Id, Page, PageQuery } from '../../shared/schemas/common.ts';

const tags = ['organisations'];

export const organisationRoutes = {
  createOrganisation: defineRoute({
    operationId: 'createOrganisation',
    method: 'POST',
    path: '/organisations',
    summary: 'Register a procuring entity (codes are unique)',
    tags,
    auth: ['admin'],
    body: OrganisationRegistration,
    response: Organisation,
    successStatus: 201,
  }),
  listOrganisations: defineRoute({
    operationId: 'listOrganisations',
    method: 'GET',
    path: '/organisations',
    summary: 'The public list of procuring entities',
    tags,
    auth: 'public',
    query: PageQuery,
    response: Page(Organisation),
  }),
  getOrganisation: defineRoute({
    operationId: 'getOrganisation',
    method: 'GET',
    path: '/organisations/{organisationId}',
    summary: 'A procuring entity',
    tags,
    auth: 'public',
    params: z.strictObject({ organisationId: Id }),
    response: Organisation,
  }),
};
