// The report's rows as a file: CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs
// read Vietnamese names right) or XLSX, written by exceljs's streaming writer (each row committed
// as it is written, not a workbook held whole). The columns are KpiRow's fields in order, then a
// total row. exceljs is loaded only when an XLSX is asked for.
import { PassThrough } from 'node:stream';
import { type KpiReport, KpiRow } from './report-schemas.ts';

export const exportColumns = Object.keys(KpiRow.shape) as (keyof KpiRow)[];

type Cellish = string | number | boolean | null;

function lines(report: KpiReport): Cellish[][] {
  const body = report.rows.map((r) => exportColumns.map((c) => r[c] as Cellish));
  const total: Record<string, Cellish> = {
    ...report.total,
    organisationId: report.organisationId,
    name: report.name,
    rolledUp: true,
    category: 'total',
    method: 'total',
    month: `${report.from ?? ''}..${report.to ?? ''}`,
  };
  return [...body, exportColumns.map((c) => total[c] ?? null)];
}

const csvField = (v: Cellish) => {
  if (v === null) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function reportCsv(report: KpiReport): string {
  const rows = [exportColumns as string[], ...lines(report)];
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export async function reportXlsx(report: KpiReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false });
  const sheet = workbook.addWorksheet('KPI');
  sheet.addRow(exportColumns).commit();
  for (const line of lines(report)) sheet.addRow(line.map((v) => (v === null ? '' : v))).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
