// What the committing function may know about a sealed envelope in S3: its size and the SHA-256
// checksum S3 stored with it (GetObjectAttributes needs s3:GetObjectAttributes only; the function
// has no s3:GetObject and cannot read a bid).
import { GetObjectAttributesCommand } from '@aws-sdk/client-s3';
import { resources } from '../config/settings.ts';
import { s3 } from '../storage/s3.ts';

export interface StoredEnvelope {
  readonly size: number | undefined;
  /** Lowercase hex; undefined when S3 keeps no SHA-256 for the object (or a multipart one). */
  readonly sha256: string | undefined;
  readonly versionId: string | undefined;
}

const isMissing = (error: unknown) =>
  (error as { name?: string }).name === 'NoSuchKey' ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Two quirks of the S3 emulator (moto), harmless against AWS: it splits the attribute list on ","
 * only (the SDK joins with ", "), and answers Last-Modified as an ISO instant where the SDK
 * expects an HTTP date.
 */
function tolerateEmulator(command: GetObjectAttributesCommand): GetObjectAttributesCommand {
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      const list = request.headers?.['x-amz-object-attributes'];
      if (request.headers && list) request.headers['x-amz-object-attributes'] = list.replace(/,\s+/g, ',');
      return next(args);
    },
    { step: 'build', name: 'compactObjectAttributes' },
  );
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const headers = (result.response as { headers?: Record<string, string> }).headers ?? {};
      for (const name of Object.keys(headers)) {
        const value = headers[name];
        if (name.toLowerCase() === 'last-modified' && value && /^\d{4}-\d\d-\d\dT/.test(value)) {
          headers[name] = new Date(value).toUTCString();
        }
      }
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'httpDateLastModified' },
  );
  return command;
}

export async function storedEnvelope(key: string): Promise<StoredEnvelope | undefined> {
  try {
    const result = await s3.send(
      tolerateEmulator(
        new GetObjectAttributesCommand({
          Bucket: resources.bucket('bids'),
          Key: key,
          ObjectAttributes: ['Checksum', 'ObjectSize'],
        }),
      ),
    );
    const checksum = result.Checksum?.ChecksumSHA256;
    return {
      size: result.ObjectSize,
      // A multipart object's checksum is a checksum of part checksums ("…-N"), not of the bytes.
      sha256:
        checksum && !checksum.includes('-') ? Buffer.from(checksum, 'base64').toString('hex') : undefined,
      versionId: result.VersionId,
    };
  } catch (error) {
    if (isMissing(error)) return undefined;
    // Not the SDK's error: its message may carry the object key, which names the bidder, and an
    // unexpected error is logged. Its name and status say enough.
    // Name, code and status stay on it, so a throttled or failed call is still told apart (503).
    const { name, code, $metadata } = error as {
      name?: string;
      code?: string;
      $metadata?: { httpStatusCode?: number };
    };
    throw Object.assign(
      new Error(`GetObjectAttributes on a sealed envelope failed: ${name} (${$metadata?.httpStatusCode})`),
      { name: name ?? 'Error', code, $metadata: { httpStatusCode: $metadata?.httpStatusCode } },
    );
  }
}
