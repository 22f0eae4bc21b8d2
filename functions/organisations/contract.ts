import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import {
  Descendants,
  Organisation,
  OrganisationRegistration,
  ParentChange,
} from '../../shared/organisations/organisation-schemas.ts';
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
  setOrganisationParent: defineRoute({
    operationId: 'setOrganisationParent',
    method: 'PUT',
    path: '/organisations/{organisationId}/parent',
    summary:
      'Place an organisation in the hierarchy under another (null: a root such as the city); a cycle is refused',
    tags,
    auth: ['admin'],
    params: z.strictObject({ organisationId: Id }),
    body: ParentChange,
    response: Organisation,
    requiresIfMatch: true,
  }),
  listOrganisationDescendants: defineRoute({
    operationId: 'listOrganisationDescendants',
    method: 'GET',
    path: '/organisations/{organisationId}/descendants',
    summary:
      'Every organisation below one (children, their children, …), breadth first, for rolled-up figures',
    tags,
    auth: 'public',
    params: z.strictObject({ organisationId: Id }),
    response: Descendants,
  }),
};
