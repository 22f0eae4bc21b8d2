import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { resources, settings } from '../../shared/config/settings.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { notFound } from '../../shared/http/problem.ts';
import { clock } from '../../shared/runtime/clock.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { getDocument } from '../../shared/tenders/document-store.ts';
import { getTender, isPublic } from '../../shared/tenders/tender-store.ts';
import { tenderDocumentDownloadRoutes } from './download-contract.ts';

export const handler = httpHandler(tenderDocumentDownloadRoutes, {
  async getDocumentLink({ params }) {
    const [tender, document] = await Promise.all([
      getTender(params.tenderId),
      getDocument(params.tenderId, params.documentId),
    ]);
    // Drafts, unknown ids and unconfirmed uploads all look the same from outside.
    if (!tender || !isPublic(tender) || !document || document.status !== 'available') {
      throw notFound(`no published document ${params.documentId} on tender ${params.tenderId}`);
    }
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: resources.bucket('documents'),
        Key: document.objectKey,
        // The version that was checked at confirmation, whatever was written to the key since.
        ...(document.versionId ? { VersionId: document.versionId } : {}),
        ResponseContentType: document.contentType,
        ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      }),
      { expiresIn: settings.PRESIGN_TTL_SECONDS },
    );
    return {
      body: {
        url,
        expiresAt: new Date(clock.nowMs() + settings.PRESIGN_TTL_SECONDS * 1000).toISOString(),
        sha256: document.sha256,
        size: document.size,
        fileName: document.fileName,
        contentType: document.contentType,
      },
    };
  },
});
