// A sealed bid on disk: the envelope file and, beside it, `<file>.json` saying what it is (tender,
// lot, contractor, size, SHA-256) and, once submitted, the upload and idempotency key a retry of
// the submission reuses.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import * as z from 'zod';
import { CliError, readJson, writeJson } from './cli-support.ts';
import { collectAsYouStream } from './memory.ts';

export const SEALED_BID_FORMAT = 'eproc-sealed-bid-v1';

export const SealedBidFile = z.object({
  format: z.literal(SEALED_BID_FORMAT),
  tenderId: z.string(),
  lotId: z.string(),
  contractorId: z.string(),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Two-envelope tenders: the financial envelope, in `<file>.financial`. */
  financial: z
    .object({ size: z.number().int().positive(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
    .optional(),
  recipientKeyId: z.string(),
  sealedAt: z.string(),
  submission: z
    .object({
      uploadId: z.string(),
      financialUploadId: z.string().optional(),
      idempotencyKey: z.string(),
      uploadedAt: z.string(),
    })
    .optional(),
});

export type SealedBidFile = z.infer<typeof SealedBidFile>;

export const metadataPath = (envelopePath: string) => `${envelopePath}.json`;
export const financialPath = (envelopePath: string) => `${envelopePath}.financial`;

export function readSealedBid(envelopePath: string): SealedBidFile {
  const path = metadataPath(envelopePath);
  if (!existsSync(path)) throw new CliError(`${path} is missing: seal with eproc bid seal, which writes it`);
  const parsed = SealedBidFile.safeParse(readJson(path, 'sealed bid description'));
  if (!parsed.success) throw new CliError(`${path} is not a sealed bid description: ${parsed.error.message}`);
  return parsed.data;
}

export function writeSealedBid(envelopePath: string, description: SealedBidFile): void {
  writeJson(metadataPath(envelopePath), description);
}

/** The envelope on disk must still be the one sealed: same length and SHA-256 (read in chunks). */
export async function checkEnvelopeFile(
  envelopePath: string,
  description: { size: number; sha256: string },
): Promise<void> {
  let size: number;
  try {
    size = statSync(envelopePath).size;
  } catch (error) {
    throw new CliError(`cannot read ${envelopePath}: ${(error as Error).message}`);
  }
  if (size !== description.size) {
    throw new CliError(
      `${envelopePath} has ${size} bytes, ${description.size} were sealed: the file changed`,
    );
  }
  const hash = createHash('sha256');
  const collect = collectAsYouStream();
  for await (const chunk of createReadStream(envelopePath, { highWaterMark: 1 << 18 })) {
    hash.update(chunk as Buffer);
    collect((chunk as Buffer).length);
  }
  if (hash.digest('hex') !== description.sha256) {
    throw new CliError(
      `${envelopePath} is not the envelope that was sealed (its SHA-256 changed): seal it again`,
    );
  }
}
