// Contractors' submission signing keys (ECDSA P-256). Keys are added and may be retired for new
// submissions, never deleted: a bid signed with a key retired later must stay verifiable.
import * as z from 'zod';
import { Id, Instant, Text } from '../schemas/common.ts';

const Coordinate = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a 32-byte base64url coordinate');

/** A public JWK as tools export it; the optional members are accepted and dropped. */
export const PublicJwkInput = z
  .strictObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: Coordinate,
    y: Coordinate,
    alg: z.literal('ES256').optional(),
    use: z.literal('sig').optional(),
    kid: z.string().max(200).optional(),
    key_ops: z.array(z.string()).optional(),
    ext: z.boolean().optional(),
    d: z
      .never({
        error: 'this is a private key: send only the public key, and make a new pair (this one is exposed)',
      })
      .optional(),
  })
  .transform(({ kty, crv, x, y }) => ({ kty, crv, x, y }));

export const SigningKeyRegistration = z.strictObject({
  publicKeyJwk: PublicJwkInput,
  /** Where the key lives, for the contractor's own records: "Kế toán - máy 2". */
  label: Text(100).optional(),
});

export const SigningKeyStatus = z.enum(['active', 'retired']);

export const SigningKey = z.object({
  contractorId: Id,
  /** RFC 7638 thumbprint of the public key; submissions name their key by it. */
  keyId: z.string(),
  publicKeyJwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
  label: z.string().optional(),
  status: SigningKeyStatus,
  addedAt: Instant,
  retiredAt: Instant.optional(),
});

export const SigningKeyId = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an RFC 7638 key thumbprint');

export type SigningKey = z.infer<typeof SigningKey>;
