import { preferredMediaType } from '@cs/platform';
import type { MonthlyReport } from '../domain/monthly-report';
import { toCsv } from '../domain/csv';
import { reportCsvRows, reportTables } from '../domain/report-table';

export const REPORT_FORMATS = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html',
} as const;
export type ReportFormat = keyof typeof REPORT_FORMATS;

/** The format an Accept header asks for, by its order of preference; JSON when it accepts none of ours, or all alike (`*\/*`). */
export function negotiateFormat(accept: string | undefined): ReportFormat {
  const type = preferredMediaType(accept, Object.values(REPORT_FORMATS));
  return (Object.entries(REPORT_FORMATS) as [ReportFormat, string][]).find(([, mime]) => mime === type)?.[0] ?? 'json';
}

export interface RenderedReport {
  readonly contentType: string;
  readonly filename: string;
  readonly body: string | Buffer | MonthlyReport;
}

/**
 * The one report in the format asked for; CSV, XLSX and HTML print the same tables. ExcelJS and
 * ECharts are loaded by the first report asked for in their format: together they were a quarter
 * of the service's start (760 modules), for a download a few people make once a month.
 */
export async function renderReport(report: MonthlyReport, format: ReportFormat, title: string, filename: string): Promise<RenderedReport> {
  switch (format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', filename: `${filename}.json`, body: report };
    case 'csv': {
      const { header, rows } = reportCsvRows(reportTables(report));
      return { contentType: 'text/csv; charset=utf-8', filename: `${filename}.csv`, body: toCsv(header, rows) };
    }
    case 'xlsx': {
      const { reportWorkbook } = await import('../infrastructure/rendering/report-xlsx');
      return { contentType: REPORT_FORMATS.xlsx, filename: `${filename}.xlsx`, body: await reportWorkbook(title, reportTables(report)) };
    }
    case 'html': {
      const { reportHtml } = await import('../infrastructure/rendering/report-html');
      return { contentType: 'text/html; charset=utf-8', filename: `${filename}.html`, body: reportHtml(title, report, reportTables(report)) };
    }
  }
}
