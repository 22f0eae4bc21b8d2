// The API's shapes, taken from the route contracts as types only: esbuild erases these imports,
// so zod stays out of the bundles while the pages still break at type-check when a contract changes.
import type * as z from 'zod';
import type { PublicTenderDetail } from '../../functions/tenders-public/contract.ts';
import type { BidActionResult, BidUploadTicket, BidVersionView } from '../../shared/bids/bid-schemas.ts';
import type { Contractor } from '../../shared/parties/contractor-schemas.ts';
import type { SigningKey } from '../../shared/parties/signing-key-schemas.ts';
import type { BidReceipt, ReceiptPublicKeyView } from '../../shared/receipts/receipt.ts';
import type { DownloadLink } from '../../shared/tenders/document-schemas.ts';
import type { TenderSummary } from '../../shared/tenders/tender-schemas.ts';

export type TenderDetail = z.infer<typeof PublicTenderDetail>;
export type { TenderSummary };
export type ContractorView = z.infer<typeof Contractor>;
export type SigningKeyView = z.infer<typeof SigningKey>;
export type UploadTicket = z.infer<typeof BidUploadTicket>;
export type BidResult = z.infer<typeof BidActionResult>;
export type BidView = z.infer<typeof BidVersionView>;
export type { BidReceipt };
export type ReceiptKey = z.infer<typeof ReceiptPublicKeyView>;
export type DocumentLink = z.infer<typeof DownloadLink>;
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}
