import type { KpiFigures } from './kpis';
import type { ComparedFigures, MonthlyReport } from './monthly-report';
import { CALLBACK_COLUMNS, KPI_LABELS } from './report-labels';

export type Cell = string | number | boolean | null;

/** One table of the report as rows of cells: what the CSV, XLSX and HTML renderings all print, so they agree. */
export interface ReportTable {
  readonly name: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

type Scalar = Exclude<keyof KpiFigures, 'firstResponseMinutes' | 'resolutionMinutes'>;
const SCALARS = (Object.keys(KPI_LABELS) as (keyof KpiFigures)[]).filter((k): k is Scalar => k !== 'firstResponseMinutes' && k !== 'resolutionMinutes');

/** The metrics as rows: name, label, this month, last month, change; percentiles as two rows each. */
function metricRows(f: ComparedFigures, prefix: readonly Cell[] = []): Cell[][] {
  return [
    ...SCALARS.map((k) => [...prefix, k, KPI_LABELS[k], f.current[k], f.previous[k], f.change[k]]),
    ...(['firstResponseMinutes', 'resolutionMinutes'] as const).flatMap((k) =>
      (['p50', 'p90'] as const).map((p) => [...prefix, `${k}.${p}`, `${KPI_LABELS[k]} ${p.toUpperCase()}`, f.current[k][p], f.previous[k][p], f.change[k][p]]),
    ),
  ];
}

const METRIC_HEADER = ['metric', 'label', 'current', 'previous', 'change'];

export function reportTables(r: MonthlyReport): ReportTable[] {
  return [
    { name: 'kpis', title: `${r.period} 关键指标（对比 ${r.previousPeriod}）`, header: METRIC_HEADER, rows: metricRows(r.kpis) },
    { name: 'bySection', title: '按板块', header: ['section', ...METRIC_HEADER], rows: r.bySection.flatMap((g) => metricRows(g, [g.key])) },
    { name: 'byProject', title: '按项目', header: ['project', ...METRIC_HEADER], rows: r.byProject.flatMap((g) => metricRows(g, [g.key])) },
    {
      name: 'callbackStatistics',
      title: '回访客户月统计表',
      header: CALLBACK_COLUMNS.map(([key]) => key),
      rows: [...r.callbackStatistics.rows, r.callbackStatistics.total].map((row) => CALLBACK_COLUMNS.map(([key]) => row[key])),
    },
    { name: 'topTopics', title: '咨询内容分类统计', header: ['itemCode', 'count', 'previous', 'change'], rows: r.topTopics.map((t) => [t.itemCode, t.count, t.previous, t.change]) },
    {
      name: 'escalations',
      // A table cut short says so where every rendering shows it.
      title: r.escalationsTotal > r.escalations.length ? `升级与重大投诉（前 ${r.escalations.length} 件，共 ${r.escalationsTotal} 件）` : '升级与重大投诉',
      header: ['number', 'projectCode', 'itemCode', 'agent', 'level', 'majorComplaint', 'openedAt', 'resolved'],
      rows: r.escalations.map((e) => [e.number, e.projectCode, e.itemCode, e.agent, e.level, e.majorComplaint, e.openedAt, e.resolved]),
    },
    {
      name: 'incidents',
      title: '群发事件',
      header: ['number', 'projectCode', 'building', 'itemCode', 'title', 'department', 'declaredAt', 'resolvedAt', 'durationMinutes', 'children', 'breached'],
      rows: r.incidents.map((i) => [i.number, i.projectCode, i.building, i.itemCode, i.title, i.department, i.declaredAt, i.resolvedAt, i.durationMinutes, i.children, i.breached]),
    },
  ];
}

/** Every table in one CSV: a `table` column names the table each row belongs to. */
export function reportCsvRows(tables: readonly ReportTable[]): { header: string[]; rows: Cell[][] } {
  const width = Math.max(...tables.map((t) => t.header.length));
  const pad = (cells: readonly Cell[]): Cell[] => [...cells, ...Array<Cell>(width - cells.length).fill(null)];
  return {
    header: ['table', ...Array.from({ length: width }, (_, i) => `c${i + 1}`)],
    rows: tables.flatMap((t) => [['#' + t.name, ...pad(t.header)], ...t.rows.map((row) => [t.name, ...pad(row)])]),
  };
}
