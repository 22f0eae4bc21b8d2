// Procuring entities (bên mời thầu), the OCDS `buyer` of a tender. Admins register them; the
// identity provider puts a user's organisation in the `custom:organisation_id` claim.
import * as z from 'zod';
import { Address, Contact } from '../parties/contractor-schemas.ts';
import { Id, Instant, Text, Version } from '../schemas/common.ts';

/** A unique short code, e.g. the budget-relationship unit code (mã ĐVQHNS); stored upper case. */
export const OrganisationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{1,49}$/, 'must be 2-50 letters, digits, dots, dashes or underscores')
  .meta({ example: '1012345' });

export const OrganisationRegistration = z.strictObject({
  name: Text(300),
  code: OrganisationCode,
  address: Address,
  contact: Contact,
});

export const Organisation = z.object({
  organisationId: Id,
  name: z.string(),
  code: z.string(),
  address: Address,
  contact: Contact,
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});

export type Organisation = z.infer<typeof Organisation>;
export type OrganisationRegistration = z.infer<typeof OrganisationRegistration>;
