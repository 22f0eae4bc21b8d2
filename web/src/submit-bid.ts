// The whole submission, in the contractor's browser: seal the price form and documents to the
// tender's opening key, upload the sealed envelope straight to storage through the presigned URL,
// sign its hash and commit. Nothing readable leaves this function: the API and S3 only ever see
// the envelope's size, hash and bytes, and the signature over them.
import type { JsonValue } from '../../shared/canonical/canonical-json.ts';
import { jwkThumbprint, sealBid, signSubmission } from '../../shared/sealing/index.ts';
import type { Api } from './api.ts';
import type { BidResult, TenderDetail, UploadTicket } from './types.ts';

export type SubmitStep = 'sealing' | 'upload-ticket' | 'uploading' | 'signing' | 'committing';

export interface BidFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface SubmitBidInput {
  readonly api: Api;
  readonly token: string;
  readonly tender: Pick<TenderDetail, 'tenderId' | 'openingPublicKey'>;
  readonly lotId: string;
  readonly contractorId: string;
  readonly signingKey: { readonly privateKey: CryptoKey; readonly keyId: string };
  readonly priceForm: JsonValue;
  readonly files: readonly BidFile[];
  /** The active bid this one replaces, if any. */
  readonly replaces?: string | undefined;
  readonly onStep?: (step: SubmitStep, detail?: string) => void;
  /** Kept across a retry, so a commit whose answer was lost is not made twice. */
  readonly pending?: PendingCommit | undefined;
  readonly fetchImpl?: typeof fetch;
}

/** An uploaded envelope not yet known to be committed. */
export interface PendingCommit {
  readonly uploadId: string;
  readonly envelopeSha256: string;
  readonly envelopeSize: number;
  readonly idempotencyKey: string;
}

export class SubmitError extends Error {
  readonly step: SubmitStep;
  /** Present once the envelope is uploaded: retrying the commit with it is safe. */
  readonly pending: PendingCommit | undefined;
  constructor(step: SubmitStep, message: string, pending?: PendingCommit, options?: ErrorOptions) {
    super(message, options);
    this.step = step;
    this.pending = pending;
  }
}

async function sealAndUpload(input: SubmitBidInput): Promise<PendingCommit> {
  const { api, token, tender, lotId, contractorId, onStep } = input;
  const published = tender.openingPublicKey;
  if (!published) throw new SubmitError('sealing', 'gói thầu không có khóa mở thầu: không nhận hồ sơ');
  // The key is taken from the tender as published; its id must be the thumbprint it claims.
  if ((await jwkThumbprint(published.jwk)) !== published.keyId) {
    throw new SubmitError('sealing', 'khóa mở thầu của gói thầu không khớp với mã khóa công bố');
  }
  onStep?.('sealing');
  const sealed = await sealBid({
    tenderId: tender.tenderId,
    lotId,
    contractorId,
    tenderPublicKey: published.jwk,
    priceForm: input.priceForm,
    documents: input.files.map((file) => ({
      name: file.name,
      contentType: file.type || 'application/octet-stream',
      size: file.size,
      stream: file.stream(),
    })),
  });
  // Read into a Blob (browsers keep large ones on disk): the upload ticket signs in the hash,
  // which is known only once the whole envelope has been produced.
  const envelope = await new Response(sealed.stream).blob();
  const envelopeSha256 = await sealed.sha256Hex;
  if (envelope.size !== sealed.size) {
    throw new SubmitError('sealing', `hồ sơ niêm phong dài ${envelope.size} byte, không phải ${sealed.size}`);
  }

  onStep?.('upload-ticket');
  const ticket = await api.call<UploadTicket>(
    'POST',
    `/tenders/${tender.tenderId}/lots/${lotId}/bid-uploads`,
    {
      token,
      body: { size: sealed.size, sha256: envelopeSha256 },
    },
  );

  onStep?.('uploading', `${sealed.size} byte`);
  const put = await (input.fetchImpl ?? fetch)(ticket.uploadUrl, {
    method: ticket.method,
    headers: ticket.headers,
    body: envelope,
  });
  if (!put.ok) {
    const text = await put.text();
    throw new SubmitError('uploading', `kho lưu trữ từ chối tải lên (${put.status}): ${text.slice(0, 300)}`);
  }
  return {
    uploadId: ticket.uploadId,
    envelopeSha256,
    envelopeSize: sealed.size,
    idempotencyKey: crypto.randomUUID(),
  };
}

export async function submitBid(input: SubmitBidInput): Promise<BidResult & { pending: PendingCommit }> {
  let step: SubmitStep = 'sealing';
  let pending = input.pending;
  try {
    if (!pending) {
      pending = await sealAndUpload({
        ...input,
        onStep: (s, detail) => {
          step = s;
          input.onStep?.(s, detail);
        },
      });
    }
    step = 'signing';
    input.onStep?.('signing');
    const signature = await signSubmission(input.signingKey.privateKey, {
      tenderId: input.tender.tenderId,
      lotId: input.lotId,
      contractorId: input.contractorId,
      envelopeSha256: pending.envelopeSha256,
    });
    step = 'committing';
    input.onStep?.('committing');
    const result = await input.api.call<BidResult>(
      'POST',
      `/tenders/${input.tender.tenderId}/lots/${input.lotId}/bids`,
      {
        token: input.token,
        headers: { 'idempotency-key': pending.idempotencyKey },
        body: {
          uploadId: pending.uploadId,
          envelopeSha256: pending.envelopeSha256,
          signature,
          signingKeyId: input.signingKey.keyId,
          ...(input.replaces ? { replaces: input.replaces } : {}),
        },
      },
    );
    return { ...result, pending };
  } catch (error) {
    if (error instanceof SubmitError) throw error;
    throw new SubmitError(step, (error as Error).message, pending, { cause: error });
  }
}
