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
  /** The organisation above it (the city above a department, a department above its board). */
  parentId: Id.optional(),
});

/** An admin moves an organisation in the hierarchy; null makes it a root (the city). */
export const ParentChange = z.strictObject({ parentId: Id.nullable() });

export const Descendant = z.object({
  organisationId: Id,
  name: z.string(),
  code: z.string(),
  parentId: Id,
  /** 1 for a child, 2 for a grandchild, … */
  depth: z.number().int().positive(),
});

export const Descendants = z.object({ organisationId: Id, items: z.array(Descendant) });

export const Organisation = z.object({
  organisationId: Id,
  name: z.string(),
  code: z.string(),
  address: Address,
  contact: Contact,
  parentId: Id.optional(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});

export type Organisation = z.infer<typeof Organisation>;
export type OrganisationRegistration = z.infer<typeof OrganisationRegistration>;
export type Descendant = z.infer<typeof Descendant>;
