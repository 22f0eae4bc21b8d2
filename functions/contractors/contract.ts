import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import {
  Contractor,
  ContractorRegistration,
  ContractorStatus,
  ContractorUpdate,
  Eligibility,
  PublicContractor,
  StatusChange,
} from '../../shared/parties/contractor-schemas.ts';
import { Id, Page, PageQuery } from '../../shared/schemas/common.ts';

const ContractorParams = z.strictObject({ contractorId: Id });
const tags = ['contractors'];

export const contractorRoutes = {
  registerContractor: defineRoute({
    operationId: 'registerContractor',
    method: 'POST',
    path: '/contractors',
    summary: 'Register the calling user as a contractor (once per user; enterprise codes are unique)',
    tags,
    auth: ['contractor'],
    body: ContractorRegistration,
    response: Contractor,
    successStatus: 201,
  }),
  myContractor: defineRoute({
    operationId: 'myContractor',
    method: 'GET',
    path: '/me/contractor',
    summary: "The calling user's own contractor profile",
    tags,
    auth: ['contractor'],
    response: Contractor,
  }),
  listContractors: defineRoute({
    operationId: 'listContractors',
    method: 'GET',
    path: '/contractors',
    summary: 'The public contractor register, optionally filtered by status',
    tags,
    auth: 'public',
    query: PageQuery.extend({ status: ContractorStatus.optional() }),
    response: Page(PublicContractor),
  }),
  getContractor: defineRoute({
    operationId: 'getContractor',
    method: 'GET',
    path: '/contractors/{contractorId}',
    summary: 'A contractor: the full profile for its owner, auditors and admins, the public view for others',
    tags,
    auth: ['contractor', 'procuring-entity', 'auditor', 'admin'],
    params: ContractorParams,
    response: z.union([Contractor, PublicContractor]),
  }),
  updateContractor: defineRoute({
    operationId: 'updateContractor',
    method: 'PATCH',
    path: '/contractors/{contractorId}',
    summary: 'Change your own profile (not the enterprise code, not the status)',
    tags,
    auth: ['contractor'],
    params: ContractorParams,
    body: ContractorUpdate,
    response: Contractor,
    requiresIfMatch: true,
  }),
  setContractorStatus: defineRoute({
    operationId: 'setContractorStatus',
    method: 'PUT',
    path: '/contractors/{contractorId}/status',
    summary: 'Suspend, debar (with reason and period) or reinstate a contractor',
    tags,
    auth: ['admin', 'auditor'],
    params: ContractorParams,
    body: StatusChange,
    response: Contractor,
    requiresIfMatch: true,
  }),
  contractorEligibility: defineRoute({
    operationId: 'contractorEligibility',
    method: 'GET',
    path: '/contractors/{contractorId}/eligibility',
    summary: 'Whether the contractor may bid now',
    tags,
    auth: 'public',
    params: ContractorParams,
    response: Eligibility,
  }),
};
