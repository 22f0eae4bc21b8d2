// Bidding documents (HSMT files). The client declares size and SHA-256 up front; the upload URL
// is signed for exactly those, and confirmation checks the stored object against them.
import * as z from 'zod';
import { Id, Instant } from '../schemas/common.ts';
import { FileName } from '../schemas/file-name.ts';
import { DeadlineExtension, RevisionSummary, Sha256Hex } from './tender-schemas.ts';

/** SHA-256 as 64 hex digits or 44 base64 characters (what S3's checksum headers use). */
export const Sha256Input = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (/^[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
    if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return Buffer.from(value, 'base64').toString('hex');
    ctx.addIssue({
      code: 'custom',
      message: 'must be a SHA-256 digest: 64 hex digits or 44 base64 characters',
    });
    return z.NEVER;
  });

export const UploadRequest = z.strictObject({
  fileName: FileName,
  contentType: z.string().trim().toLowerCase().min(1).max(200),
  size: z.number().int('must be a whole number of bytes').positive(),
  sha256: Sha256Input,
});

export const DocumentStatus = z.enum(['pending', 'available']);

export const TenderDocument = z.object({
  documentId: Id,
  tenderId: Id,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().positive(),
  sha256: Sha256Hex,
  status: DocumentStatus,
  requestedAt: Instant,
  availableAt: Instant.optional(),
});

export const UploadTicket = z.object({
  document: TenderDocument,
  uploadUrl: z.string(),
  method: z.literal('PUT'),
  /** Send these headers exactly: they are signed (with the body's length). */
  headers: z.record(z.string(), z.string()),
  expiresAt: Instant,
});

export const ConfirmResult = z.object({
  document: TenderDocument,
  revision: RevisionSummary.optional(),
  deadlineExtended: DeadlineExtension.optional(),
});

export const DownloadLink = z.object({
  url: z.string(),
  expiresAt: Instant,
  sha256: Sha256Hex,
  size: z.number().int().positive(),
  fileName: z.string(),
  contentType: z.string(),
});

export type TenderDocument = z.infer<typeof TenderDocument>;
