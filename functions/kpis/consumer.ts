// Reads the audit table's stream (every state change writes its event there, in the change's own
// transaction) and keeps the KPI aggregates in step: an event about a tender or a plan makes its
// source's contribution be recomputed from the source's current state (shared/kpis/kpi-store.ts),
// so redelivered, repeated or reordered events count once.
import * as z from 'zod';
import { applySource, type Source, sourceName } from '../../shared/kpis/kpi-store.ts';
import { streamHandler } from '../../shared/platform/lambda/stream-handler.ts';

const AuditItem = z.looseObject({
  action: z.string(),
  object: z.looseObject({ type: z.string(), id: z.string() }),
  tenderId: z.string().optional(),
});
type AuditItem = z.infer<typeof AuditItem>;

// The actions that can move a figure: a tender's status, opening, awards and petitions; a plan's
// publication, revisions and offline results. Questions, documents, bids (before the opening
// counts them) and evaluation entries move none.
const tenderActions = /^(tender|award|complaint)\./;
const planActions = /^plan\./;

function sourceOf(item: AuditItem): Source | undefined {
  if (item.object.type === 'plan' && planActions.test(item.action))
    return { kind: 'plan', id: item.object.id };
  if (item.tenderId && tenderActions.test(item.action)) return { kind: 'tender', id: item.tenderId };
  return undefined;
}

export const handler = streamHandler(
  'audit',
  AuditItem,
  async (item) => {
    const source = sourceOf(item);
    if (source) await applySource(source);
  },
  {
    select: (item) => {
      const parsed = AuditItem.safeParse(item);
      return parsed.success && sourceOf(parsed.data) !== undefined;
    },
    // One recomputation per source and batch, in order: a tender's claim, opening and award events
    // arrive together, and tenders of one organisation share its month items.
    coalesce: (item) => {
      const source = sourceOf(item);
      return source ? sourceName(source) : undefined;
    },
  },
);
