// Contractor receipts are minted elsewhere and may wrap their fields (a signed receipt carries
// them in a payload); what the verifier needs is the audit eventId (or the entry hash) inside.
import { readFileSync } from 'node:fs';
import type { Receipt } from '../../tlog/index.ts';

export class ReceiptError extends Error {}

function findIdentifiers(value: unknown, depth: number): Receipt | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth > 3) return undefined;
  const record = value as Record<string, unknown>;
  const eventId = typeof record.eventId === 'string' ? record.eventId : undefined;
  const entryHash = typeof record.entryHash === 'string' ? record.entryHash : undefined;
  if (eventId !== undefined || entryHash !== undefined) {
    const index =
      typeof record.seq === 'number'
        ? record.seq
        : typeof record.index === 'number'
          ? record.index
          : undefined;
    return {
      ...(eventId !== undefined ? { eventId } : {}),
      ...(entryHash !== undefined ? { entryHash } : {}),
      ...(index !== undefined ? { index } : {}),
    };
  }
  for (const nested of Object.values(record)) {
    const found = findIdentifiers(nested, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function readReceipt(path: string): Receipt {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReceiptError(`cannot read receipt ${path}: ${(error as Error).message}`);
  }
  const receipt = findIdentifiers(json, 0);
  if (!receipt) throw new ReceiptError(`receipt ${path} carries no eventId or entryHash`);
  return receipt;
}
