import { httpHandler } from '../../shared/http/http-handler.ts';
import { kpiSettings } from '../../shared/kpis/kpi-settings.ts';
import { reportCsv, reportXlsx } from '../../shared/kpis/report-export.ts';
import { readReport } from '../../shared/kpis/report-reader.ts';
import { csvType, kpiRoutes, xlsxType } from './contract.ts';

export const handler = httpHandler(kpiRoutes, {
  async getKpiReport({ query, principal, role }) {
    return { body: await readReport(query, principal, role, kpiSettings) };
  },

  async exportKpiReport({ query, principal, role }) {
    const { format, ...rest } = query;
    const report = await readReport(rest, principal, role, kpiSettings);
    const name = `kpi-${report.organisationId ?? 'city'}-${report.from ?? 'all'}-${report.to ?? 'all'}`;
    return {
      body: '',
      file:
        format === 'csv'
          ? { contentType: csvType, filename: `${name}.csv`, body: reportCsv(report) }
          : { contentType: xlsxType, filename: `${name}.xlsx`, body: await reportXlsx(report) },
    };
  },
});
