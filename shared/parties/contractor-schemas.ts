import * as z from 'zod';
import { Email, Id, Instant, Phone, Text, Version } from '../schemas/common.ts';
import { normaliseEnterpriseCode } from './enterprise-code.ts';

export const EnterpriseCode = z
  .string()
  .transform((value, ctx) => {
    const code = normaliseEnterpriseCode(value);
    if (!code) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be 10 digits, or 13 with a branch suffix (0101234567-001)',
      });
      return z.NEVER;
    }
    return code;
  })
  .meta({ example: '0101234567' });

export const Address = z.strictObject({
  street: Text(200),
  ward: Text(100).optional(),
  district: Text(100).optional(),
  province: Text(100),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .default('VN'),
});

export const Contact = z.strictObject({
  name: Text(200),
  email: Email,
  phone: Phone.optional(),
});

export const Representative = z.strictObject({
  name: Text(200),
  title: Text(200),
});

export const ContractorRegistration = z.strictObject({
  name: Text(300),
  enterpriseCode: EnterpriseCode,
  address: Address,
  contacts: z.array(Contact).min(1, 'at least one contact is required').max(10),
  representatives: z.array(Representative).min(1, 'at least one legal representative is required').max(10),
});

export const ContractorUpdate = ContractorRegistration.omit({ enterpriseCode: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'name at least one field to change' });

export const ContractorStatus = z.enum(['active', 'suspended', 'debarred']);

export const StatusChange = z
  .strictObject({
    status: ContractorStatus,
    reason: Text(2000).optional(),
    /** End of a suspension or debarment; absent means until lifted. */
    until: Instant.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status !== 'active' && !v.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `a reason is required to mark a contractor ${v.status}`,
      });
    }
    if (v.status === 'active' && v.until) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'an active status has no end date' });
    }
  });

export const Contractor = z.object({
  contractorId: Id,
  name: z.string(),
  enterpriseCode: z.string(),
  address: Address,
  contacts: z.array(Contact),
  representatives: z.array(Representative),
  status: ContractorStatus,
  statusReason: z.string().optional(),
  statusUntil: Instant.optional(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});

/** What anyone may see: the public register shows identity and standing, not contact details. */
export const PublicContractor = Contractor.pick({
  contractorId: true,
  name: true,
  enterpriseCode: true,
  status: true,
  statusReason: true,
  statusUntil: true,
}).extend({ province: z.string() });

export const Eligibility = z.object({
  contractorId: Id,
  eligible: z.boolean(),
  status: ContractorStatus,
  reason: z.string().optional(),
  checkedAt: Instant,
});

export type Contractor = z.infer<typeof Contractor>;
export type ContractorRegistration = z.infer<typeof ContractorRegistration>;
export type Eligibility = z.infer<typeof Eligibility>;
