// Reads of stored objects that must exist; a missing one is a 503 (see missing-object.ts).
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { isMissingObject, storedObjectMissing } from './missing-object.ts';
import { s3 } from './s3.ts';

export { isMissingObject, storedObjectMissing } from './missing-object.ts';

/** The text of an object that must exist: a 503 STORED_OBJECT_MISSING if S3 has no such key. */
export async function readStoredText(bucket: string, objectKey: string, what: string): Promise<string> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
    return await (object.Body as { transformToString(): Promise<string> }).transformToString();
  } catch (error) {
    if (isMissingObject(error)) throw storedObjectMissing(what, objectKey);
    throw error;
  }
}
