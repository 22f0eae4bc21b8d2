import { createHash } from 'node:crypto';

// Apart from minutes.ts so that readers of stored minutes do not load the KMS client it signs with.
export const sha256Hex = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
