import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  callerContractorId,
  requireBeforeDeadline,
  requireBiddable,
  requireEligible,
} from '../../shared/bids/bid-access.ts';
import { bidProblems } from '../../shared/bids/bid-problems.ts';
import { envelopeKey } from '../../shared/bids/bid-records.ts';
import { bidderSecret } from '../../shared/bids/bidder-secret.ts';
import { resources, settings } from '../../shared/config/settings.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { invalidField } from '../../shared/http/problem.ts';
import { getContractor } from '../../shared/parties/contractor-store.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { getTender } from '../../shared/tenders/tender-store.ts';
import { bidUploadRoutes } from './contract.ts';

// Signed, so S3 refuses a body of another length or digest, and refuses to replace an object
// (If-None-Match). The algorithm header is what S3 needs to keep the checksum (and what Object
// Lock buckets require on every upload).
const signedHeaders = [
  'content-length',
  'x-amz-checksum-sha256',
  'x-amz-sdk-checksum-algorithm',
  'if-none-match',
];

export const handler = httpHandler(bidUploadRoutes, {
  // Nothing is stored here: the object's key carries the caller's pseudonym on the tender (never
  // its id), and the commit checks the object itself. Early refusals only spare a useless upload.
  async requestBidUpload({ params, body, principal }) {
    if (body.size > settings.BID_ENVELOPE_MAX_BYTES) {
      throw invalidField('body.size', `must be at most ${settings.BID_ENVELOPE_MAX_BYTES} bytes`);
    }
    const contractorId = await callerContractorId(principal.sub);
    const [contractor, tender, secret] = await Promise.all([
      getContractor(contractorId),
      getTender(params.tenderId),
      bidderSecret(contractorId),
    ]);
    const nowMs = clock.nowMs();
    requireEligible(contractor, nowMs);
    const open = requireBiddable(tender, params.tenderId, params.lotId);
    requireBeforeDeadline(open, nowMs);

    const uploadId = ulid(nowMs);
    const checksum = Buffer.from(body.sha256, 'hex').toString('base64');
    // The URL dies with the deadline: no upload can land after it, however early it was asked for.
    const secondsLeft = Math.floor((Date.parse(open.submissionDeadline) - nowMs) / 1000);
    if (secondsLeft < 1) throw bidProblems.deadlinePassed(open.submissionDeadline);
    const expiresIn = Math.min(settings.PRESIGN_TTL_SECONDS, secondsLeft);
    const uploadUrl = await getSignedUrl(
      s3,
      new PutObjectCommand({
        Bucket: resources.bucket('bids'),
        Key: envelopeKey(open.tenderId, params.lotId, secret.bidderRef(open.tenderId), uploadId),
        ContentLength: body.size,
        ChecksumSHA256: checksum,
        ChecksumAlgorithm: 'SHA256',
        IfNoneMatch: '*',
      }),
      {
        expiresIn,
        signableHeaders: new Set(signedHeaders),
        unhoistableHeaders: new Set(signedHeaders.filter((h) => h !== 'content-length')),
      },
    );
    return {
      body: {
        uploadId,
        uploadUrl,
        method: 'PUT' as const,
        headers: {
          'x-amz-checksum-sha256': checksum,
          'x-amz-sdk-checksum-algorithm': 'SHA256',
          'if-none-match': '*',
        },
        size: body.size,
        sha256: body.sha256,
        expiresAt: new Date(nowMs + expiresIn * 1000).toISOString(),
      },
    };
  },
});
