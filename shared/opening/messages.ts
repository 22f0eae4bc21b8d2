// What travels on the opening and evaluation queues: identifiers and times only, never bid content.
import * as z from 'zod';
import { Id, Instant } from '../schemas/common.ts';

/** Which sealed part an opening reads: one envelope, or the technical / financial part of two. */
export const OpeningPhase = z.enum(['single', 'technical', 'financial']);
export type OpeningPhase = z.infer<typeof OpeningPhase>;

export const OpeningTimer = z.strictObject({
  kind: z.literal('timer'),
  tenderId: Id,
  /** The submission deadline this timer was set for. */
  due: Instant,
  /** The tender version at which that deadline was set; older timers are dropped. */
  version: z.number().int().positive(),
});
export type OpeningTimer = z.infer<typeof OpeningTimer>;

/** Two-envelope procedure: open the financial parts of the approved bidders. */
export const FinancialOpening = z.strictObject({
  kind: z.literal('open-financial'),
  tenderId: Id,
});

export const OpeningMessage = z.discriminatedUnion('kind', [OpeningTimer, FinancialOpening]);
export type OpeningMessage = z.infer<typeof OpeningMessage>;

export const EvaluationMessage = z.discriminatedUnion('kind', [
  /** Minutes of `phase` are public: start (or advance) the tender's evaluation. */
  z.strictObject({ kind: z.literal('opened'), tenderId: Id, phase: OpeningPhase }),
  /** The procuring entity asked for the ranking: run the tender's method. */
  z.strictObject({ kind: z.literal('evaluate'), tenderId: Id, requestId: Id }),
]);
export type EvaluationMessage = z.infer<typeof EvaluationMessage>;
