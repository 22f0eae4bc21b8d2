import { KMSClient } from '@aws-sdk/client-kms';

// One client per execution environment, reused across invocations.
export const kms = new KMSClient({});
