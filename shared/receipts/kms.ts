import { KMSClient } from '@aws-sdk/client-kms';
import { traced } from '../runtime/tracer.ts';

// One client per execution environment, reused across invocations.
export const kms = traced(new KMSClient({}));
