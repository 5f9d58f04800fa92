import * as echarts from 'echarts';
import type { MonthlyReport } from '../../domain/monthly-report';
import type { ReportTable } from '../../domain/report-table';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const shown = (cell: string | number | boolean | null): string => {
  if (cell === null) return '—';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : cell.toFixed(4);
  return escape(String(cell));
};

/** One chart as inline SVG, rendered on the server: the printed page needs no script. */
function svgChart(option: echarts.EChartsCoreOption, width = 720, height = 320): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function charts(r: MonthlyReport): { title: string; svg: string }[] {
  const sections = r.bySection.map((g) => g.key);
  const rate = (v: number | null): number => (v === null ? 0 : Math.round(v * 1000) / 10);
  return [
    {
      title: '各板块受理量（本月 / 上月）',
      svg: svgChart({
        legend: { data: [r.period, r.previousPeriod] },
        xAxis: { type: 'category', data: sections },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: r.period, type: 'bar', data: r.bySection.map((g) => g.current.received) },
          { name: r.previousPeriod, type: 'bar', data: r.bySection.map((g) => g.previous.received) },
        ],
      }),
    },
    {
      title: '各项目解决率、满意率、回访完成率（%）',
      svg: svgChart({
        legend: { data: ['解决率', '满意率', '回访完成率'] },
        xAxis: { type: 'category', data: r.byProject.map((g) => g.key) },
        yAxis: { type: 'value', max: 100 },
        series: [
          { name: '解决率', type: 'bar', data: r.byProject.map((g) => rate(g.current.resolutionRate)) },
          { name: '满意率', type: 'bar', data: r.byProject.map((g) => rate(g.current.satisfactionRate)) },
          { name: '回访完成率', type: 'bar', data: r.byProject.map((g) => rate(g.current.callbackCompletionRate)) },
        ],
      }),
    },
    {
      title: '回访结果',
      svg: svgChart({
        series: [
          {
            type: 'pie',
            radius: '60%',
            data: [
              { name: '满意', value: r.callbackStatistics.total.satisfied },
              { name: '不满意', value: r.callbackStatistics.total.dissatisfied },
              { name: '未接通', value: r.callbackStatistics.total.failed },
              { name: '待回访', value: r.callbackStatistics.total.pending },
            ],
          },
        ],
      }),
    },
    {
      title: '热点咨询',
      svg: svgChart({
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: r.topTopics.map((t) => t.itemCode).reverse() },
        series: [{ type: 'bar', data: r.topTopics.map((t) => t.count).reverse() }],
      }),
    },
  ];
}

function table(t: ReportTable): string {
  const head = t.header.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = t.rows.map((row) => `<tr>${row.map((c) => `<td>${shown(c)}</td>`).join('')}</tr>`).join('\n');
  return `<section class="table" data-table="${escape(t.name)}"><h2>${escape(t.title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

/** The printable report: charts as inline SVG, then every table; prints on A4 without a script. */
export function reportHtml(title: string, report: MonthlyReport, tables: readonly ReportTable[]): string {
  const figures = charts(report)
    .map((c) => `<figure class="chart"><figcaption>${escape(c.title)}</figcaption>${c.svg}</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 24px; }
  table { border-collapse: collapse; margin-bottom: 16px; font-size: 12px; }
  th, td { border: 1px solid #999; padding: 2px 6px; text-align: right; }
  th { background: #eee; }
  figure { break-inside: avoid; }
  @page { size: A4; margin: 12mm; }
</style></head>
<body><h1>${escape(title)}</h1>
<p>${escape(report.from)} — ${escape(report.to)}</p>
${figures}
${tables.map(table).join('\n')}
</body></html>`;
}
