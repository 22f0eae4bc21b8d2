// The targets and KPIs report (issue #13): figures per organisation (rolled up through its
// descendants, or the whole city) × category × method × month, read from the stream-fed
// aggregates. Auditors and admins read any organisation; a procuring entity its own subtree.
import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-contract.ts';
import { ExportQuery, KpiQuery, KpiReport } from '../../shared/kpis/report-schemas.ts';

const tags = ['kpis'];
const auth = ['auditor', 'admin', 'procuring-entity'] as const;

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const csvType = 'text/csv; charset=utf-8';

export const kpiRoutes = {
  getKpiReport: defineRoute({
    operationId: 'getKpiReport',
    method: 'GET',
    path: '/kpis/report',
    summary:
      'Targets and KPIs: online share of plan packages against the target, savings, bids, single-bid and petition shares, days to award; rows per organisation × category × method × month',
    tags,
    auth,
    query: KpiQuery,
    response: KpiReport,
  }),
  exportKpiReport: defineRoute({
    operationId: 'exportKpiReport',
    method: 'GET',
    path: '/kpis/report/export',
    summary:
      "The same report's rows as CSV or XLSX (format), one column per field of a row, then a total row",
    tags,
    auth,
    query: ExportQuery,
    response: z.string(),
    fileTypes: [csvType, xlsxType],
  }),
};
