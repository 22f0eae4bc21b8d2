// The whole submission in the contractor's browser (after web/src/submit-bid.ts), for one and two
// envelopes: seal each envelope to the tender's opening key while spooling it to disk, ask for an
// upload ticket with its size and hash, upload it, sign its hash with the registered key, commit.
// Nothing readable leaves this function. Two envelopes: the financial one is sealed and signed for
// the lot `<lotId>:financial` (shared/opening/two-envelope.ts) and committed with the technical one.
import type { JsonValue } from '../../../shared/canonical/canonical-json.ts';
import { jwkThumbprint, sealBid, signSubmission } from '../../../shared/sealing/index.ts';
import { api, orThrow } from '../api/client';
import { LocalProblem } from './BidProblem';
import type { StoredSigningKey } from './signing-key-store';
import { counted, type Spooled, spool, UploadRefused, upload } from './spool';
import type { BidResult, Tender } from './types';

export type SubmitStep = 'sealing' | 'uploading' | 'signing' | 'committing';

export interface Progress {
  readonly step: SubmitStep;
  readonly sealed: number;
  readonly uploaded: number;
  /** Bytes to seal (the documents and forms) and to upload (the sealed envelopes). */
  readonly sealTotal: number;
  readonly uploadTotal: number;
}

export interface EnvelopeInput {
  readonly priceForm: JsonValue;
  readonly files: readonly File[];
}

/** An uploaded envelope, kept across a retry so a commit whose answer was lost is not redone. */
export interface Uploaded {
  readonly uploadId: string;
  readonly envelopeSha256: string;
  readonly envelopeSize: number;
}
export interface Pending {
  readonly main: Uploaded;
  readonly financial?: Uploaded;
  readonly idempotencyKey: string;
}

export interface SubmitInput {
  readonly tender: Pick<Tender, 'tenderId' | 'openingPublicKey' | 'envelopeProcedure'>;
  readonly lotId: string;
  readonly contractorId: string;
  readonly key: Pick<StoredSigningKey, 'privateKey' | 'keyId'>;
  /** One envelope: [offer]; two envelopes: [technical, financial]. */
  readonly envelopes: readonly EnvelopeInput[];
  readonly replaces?: string | undefined;
  readonly pending?: Pending | undefined;
  readonly onProgress: (progress: Progress) => void;
  readonly onPending?: (pending: Pending) => void;
}

const financialLot = (lotId: string) => `${lotId}:financial`;

export async function submitBid(input: SubmitInput): Promise<BidResult> {
  const { tender, lotId, contractorId } = input;
  const published = tender.openingPublicKey;
  if (!published) throw new LocalProblem('NO_OPENING_KEY');
  // The key is taken from the tender as published; its id must be the thumbprint it claims.
  if ((await jwkThumbprint(published.jwk as never)) !== published.keyId)
    throw new LocalProblem('OPENING_KEY_MISMATCH');
  const two = tender.envelopeProcedure === 'two-envelope';
  const lots = two ? [lotId, financialLot(lotId)] : [lotId];
  const sealTotal = input.envelopes.reduce((n, e) => n + e.files.reduce((m, f) => m + f.size, 0), 0);
  let progress: Progress = { step: 'sealing', sealed: 0, uploaded: 0, sealTotal, uploadTotal: 0 };
  const report = (change: Partial<Progress>) => {
    progress = { ...progress, ...change };
    input.onProgress(progress);
  };

  let pending = input.pending;
  if (!pending) {
    // Seal every envelope first (sizes are known before sealing, so the upload bar has its total).
    const spooled: { spooled: Spooled; sha256: string; size: number }[] = [];
    try {
      let sealedBefore = 0;
      for (const [i, envelope] of input.envelopes.entries()) {
        let plainSeen = 0;
        const sealed = await sealBid({
          tenderId: tender.tenderId,
          lotId: lots[i] as string,
          contractorId,
          tenderPublicKey: published.jwk as never,
          priceForm: envelope.priceForm,
          documents: envelope.files.map((file) => ({
            name: file.name,
            contentType: file.type || 'application/octet-stream',
            size: file.size,
            // Counted on the way in: the bar follows the documents as they are read and sealed.
            stream: counted(file.stream(), (n) => {
              plainSeen = n;
              report({ sealed: sealedBefore + plainSeen });
            }),
          })),
        });
        report({ uploadTotal: progress.uploadTotal + sealed.size });
        const file = await spool(sealed.stream, `${i}`);
        spooled.push({ spooled: file, sha256: await sealed.sha256Hex, size: sealed.size });
        sealedBefore += envelope.files.reduce((m, f) => m + f.size, 0);
        report({ sealed: sealedBefore });
      }

      report({ step: 'uploading' });
      const uploads: Uploaded[] = [];
      let uploadedBefore = 0;
      for (const [i, item] of spooled.entries()) {
        const ticket = orThrow(
          await api.POST('/tenders/{tenderId}/lots/{lotId}/bid-uploads', {
            params: { path: { tenderId: tender.tenderId, lotId } },
            body: { size: item.size, sha256: item.sha256 },
          }),
        );
        try {
          await upload(ticket, item.spooled.file, (n) => report({ uploaded: uploadedBefore + n }));
        } catch (error) {
          if (error instanceof UploadRefused) throw new LocalProblem('UPLOAD_REFUSED');
          throw error;
        }
        uploadedBefore += item.size;
        uploads.push({ uploadId: ticket.uploadId, envelopeSha256: item.sha256, envelopeSize: item.size });
        void i;
      }
      pending = {
        main: uploads[0] as Uploaded,
        ...(two ? { financial: uploads[1] as Uploaded } : {}),
        idempotencyKey: crypto.randomUUID(),
      };
      input.onPending?.(pending);
    } finally {
      await Promise.all(spooled.map((s) => s.spooled.release()));
    }
  } else {
    const total = pending.main.envelopeSize + (pending.financial?.envelopeSize ?? 0);
    report({ sealed: sealTotal, uploadTotal: total, uploaded: total });
  }

  report({ step: 'signing' });
  const sign = (lot: string, envelopeSha256: string) =>
    signSubmission(input.key.privateKey, {
      tenderId: tender.tenderId,
      lotId: lot,
      contractorId,
      envelopeSha256,
    });
  const signature = await sign(lotId, pending.main.envelopeSha256);
  const financial = pending.financial
    ? {
        uploadId: pending.financial.uploadId,
        envelopeSha256: pending.financial.envelopeSha256,
        signature: await sign(financialLot(lotId), pending.financial.envelopeSha256),
      }
    : undefined;

  report({ step: 'committing' });
  return orThrow(
    await api.POST('/tenders/{tenderId}/lots/{lotId}/bids', {
      params: {
        path: { tenderId: tender.tenderId, lotId },
        header: { 'Idempotency-Key': pending.idempotencyKey },
      },
      body: {
        uploadId: pending.main.uploadId,
        envelopeSha256: pending.main.envelopeSha256,
        signature,
        signingKeyId: input.key.keyId,
        ...(financial ? { financial } : {}),
        ...(input.replaces ? { replaces: input.replaces } : {}),
      },
    }),
  );
}
