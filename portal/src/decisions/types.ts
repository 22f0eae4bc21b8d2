// The shapes the decisions pages read, taken from the generated API types (one source: the route
// contracts), so a change of the API's schema shows here as a type error.
import type { paths } from '../api/schema';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

export type OwnTender = Json<'/entity/tenders/{tenderId}', 'get'>;
export type Evaluation = Json<'/entity/tenders/{tenderId}/evaluation', 'get'>;
export type EvaluationBid = Evaluation['bids'][number];
export type AwardNotice = Json<'/tenders/{tenderId}/awards', 'get'>['items'][number];
export type Complaint = Json<'/tenders/{tenderId}/complaints', 'get'>['items'][number];
export type MinutesList = Json<'/tenders/{tenderId}/minutes', 'get'>;
export type Notification = Json<'/me/notifications', 'get'>['items'][number];

/** The parts of the stored ranking report (shared/evaluation/report.ts) the pages show. */
export interface RankingReport {
  readonly requestId?: string;
  readonly report?: {
    readonly method: string;
    readonly currency: string;
    readonly steps: {
      readonly eligibility: readonly {
        readonly bidId: string;
        readonly pass: boolean;
        readonly failed: readonly { criterion: string; reason?: string }[];
      }[];
      readonly computation: readonly {
        readonly bidId: string;
        readonly lotId: string;
        readonly priceAfterDiscount: string;
        readonly evaluatedPrice: string;
        readonly technical?: { readonly score: { readonly decimal: string } };
        readonly combinedScore?: { readonly decimal: string };
      }[];
      readonly ranking: readonly {
        readonly lotId: string;
        readonly ranked: readonly { rank: number; bidId: string; contractorId: string }[];
      }[];
    };
    readonly outcomes: readonly (
      | { bidId: string; lotId: string; status: 'ranked'; rank: number }
      | { bidId: string; lotId: string; status: 'excluded'; step: string; reason: string }
    )[];
  };
}
