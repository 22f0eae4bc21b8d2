// Building blocks shared by every schema. Instants are UTC (`Z`) in storage and on the wire.
import * as z from 'zod';
import { ulidPattern } from '../runtime/ids.ts';

export const Id = z.string().regex(ulidPattern, 'must be an id issued by this system');
export const Instant = z.iso.datetime({
  offset: false,
  message: 'must be a UTC instant such as 2026-12-01T03:00:00Z',
});
export const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const Version = z.number().int().positive();
/** Amounts are integers in the currency's minor unit; VND has none, so VND amounts are whole dong. */
export const Amount = z
  .number()
  .int('must be a whole number in minor units')
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER);
export const Currency = z.enum(['VND', 'USD', 'EUR']);
export const Email = z.email();
export const Phone = z.string().regex(/^\+?[0-9 ().-]{6,20}$/, 'must be a phone number');

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional(),
});
