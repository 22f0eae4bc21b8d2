import { S3Client } from '@aws-sdk/client-s3';
import { traced } from '../runtime/tracer.ts';

// An emulator on an IP address cannot serve virtual-hosted bucket names; AWS itself prefers them.
export const s3 = traced(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }));
