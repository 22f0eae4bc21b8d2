import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { Id, Instant, Text } from '../../shared/schemas/common.ts';

const tags = ['awards'];
const entity = ['procuring-entity'] as const;
const TenderParams = z.strictObject({ tenderId: Id });
const LotParams = TenderParams.extend({ lotId: Id });

const Amount = z
  .union([
    z.string().regex(/^(0|[1-9][0-9]{0,30})$/, 'must be an integer amount in minor units'),
    z.number().int('must be an integer amount in minor units').nonnegative().max(Number.MAX_SAFE_INTEGER),
  ])
  .transform((v) => String(v));

export const AwardRequest = z.strictObject({
  bidId: Id,
  /** Why the bids ranked above were passed over; required unless the bid ranked first. */
  reason: Text(2000).optional(),
});

export const ContractRequest = z.strictObject({
  /** Never above the awarded amount. */
  value: Amount,
  signedAt: Instant,
});

export const ComplaintRequest = z.strictObject({ lotId: Id, text: Text(5000) });
export const ComplaintAnswer = z.strictObject({ answer: Text(5000), upheld: z.boolean() });

export const Contract = z.object({
  contractId: z.string(),
  value: z.string(),
  currency: z.string(),
  signedAt: Instant,
  recordedAt: Instant,
});

export const AwardNotice = z.object({
  tenderId: Id,
  lotId: Id,
  awardId: z.string(),
  bidId: z.string(),
  contractorId: z.string(),
  contractorName: z.string().optional(),
  rank: z.number().int(),
  amount: z.string(),
  currency: z.string(),
  reason: z.string().optional(),
  awardedAt: Instant,
  standstillEndsAt: Instant,
  status: z.enum(['active', 'contracted']),
  contract: Contract.optional(),
});

export const Complaint = z.object({
  complaintId: z.string(),
  tenderId: Id,
  lotId: Id,
  contractorId: z.string(),
  text: z.string(),
  filedAt: Instant,
  answerDueBy: Instant,
  status: z.enum(['pending', 'answered']),
  answer: z.string().optional(),
  upheld: z.boolean().optional(),
  answeredAt: Instant.optional(),
});

export const awardRoutes = {
  award: defineRoute({
    operationId: 'awardLot',
    method: 'POST',
    path: '/tenders/{tenderId}/lots/{lotId}/award',
    summary:
      'Award a lot to its first-ranked bid, or to a lower one with the reason; the standstill for complaints starts',
    tags,
    auth: entity,
    params: LotParams,
    body: AwardRequest,
    response: AwardNotice,
    successStatus: 201,
    requiresIfMatch: true,
  }),
  recordContract: defineRoute({
    operationId: 'recordContract',
    method: 'POST',
    path: '/tenders/{tenderId}/lots/{lotId}/contract',
    summary: 'Record the signed contract once the standstill is over and every complaint is answered',
    tags,
    auth: entity,
    params: LotParams,
    body: ContractRequest,
    response: AwardNotice,
    successStatus: 201,
    requiresIfMatch: true,
  }),
  listAwards: defineRoute({
    operationId: 'listAwards',
    method: 'GET',
    path: '/tenders/{tenderId}/awards',
    summary: 'Award notices of a tender, with their standstill and contracts',
    tags,
    auth: 'public',
    params: TenderParams,
    response: z.object({ items: z.array(AwardNotice) }),
  }),
  fileComplaint: defineRoute({
    operationId: 'fileComplaint',
    method: 'POST',
    path: '/tenders/{tenderId}/complaints',
    summary: "A bidder's complaint against a lot's award, during its standstill",
    tags,
    auth: ['contractor'],
    params: TenderParams,
    body: ComplaintRequest,
    response: Complaint,
    successStatus: 201,
    requiresIfMatch: true,
  }),
  answerComplaint: defineRoute({
    operationId: 'answerComplaint',
    method: 'POST',
    path: '/tenders/{tenderId}/complaints/{complaintId}/answer',
    summary:
      'The procuring entity answers a complaint; an upheld one blocks the contract until the lot is re-awarded',
    tags,
    auth: entity,
    params: TenderParams.extend({ complaintId: Id }),
    body: ComplaintAnswer,
    response: Complaint,
    requiresIfMatch: true,
  }),
  listComplaints: defineRoute({
    operationId: 'listComplaints',
    method: 'GET',
    path: '/tenders/{tenderId}/complaints',
    summary: 'Complaints about the awards of a tender and their answers',
    tags,
    auth: 'public',
    params: TenderParams,
    response: z.object({ items: z.array(Complaint) }),
  }),
};
