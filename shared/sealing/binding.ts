import { canonicalBytes } from '../canonical/canonical-json.ts';
import type { Bytes } from './bytes.ts';
import { InvalidInputError } from './errors.ts';

export const FORMAT_LABEL = 'eproc-seal-v1';

/** Who and what a bid is for. The opener supplies it from its own records, never from the envelope. */
export interface BidBinding {
  readonly tenderId: string;
  readonly lotId: string;
  readonly contractorId: string;
}

export const PRICE_FORM_PART = 'price-form';
export const MANIFEST_PART = 'manifest';

export function documentPart(index: number): string {
  return `document:${index}`;
}

const MAX_ID_LENGTH = 256;

export function checkBinding(binding: BidBinding): BidBinding {
  for (const field of ['tenderId', 'lotId', 'contractorId'] as const) {
    const value: unknown = binding?.[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
      throw new InvalidInputError(
        `${field} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
      );
    }
  }
  return { tenderId: binding.tenderId, lotId: binding.lotId, contractorId: binding.contractorId };
}

/**
 * AES-GCM associated data for one part: RFC 8785 canonical JSON, so the encoding is unambiguous
 * (ids containing separators cannot be re-split into other ids) and reproducible from any language. Binding the part name stops a
 * ciphertext from being moved into another slot of the same envelope.
 */
export function partAssociatedData(binding: BidBinding, part: string): Bytes {
  const { tenderId, lotId, contractorId } = checkBinding(binding);
  return canonicalBytes({ format: FORMAT_LABEL, tenderId, lotId, contractorId, part }) as Bytes;
}

/** What the header's binding check is computed over: the binding without a part. */
export function bindingStatement(binding: BidBinding): Bytes {
  const { tenderId, lotId, contractorId } = checkBinding(binding);
  return canonicalBytes({ format: FORMAT_LABEL, tenderId, lotId, contractorId }) as Bytes;
}
