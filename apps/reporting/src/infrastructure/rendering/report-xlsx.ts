import ExcelJS from 'exceljs';
import type { ReportTable } from '../../domain/report-table';

/** Sheet names allow 31 characters and none of : \ / ? * [ ]. */
const sheetName = (title: string): string => title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/** The report as a workbook, one sheet per table, with the same cells as the CSV and HTML. */
export async function reportWorkbook(title: string, tables: readonly ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = title;
  workbook.creator = 'cs-reporting';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title));
    sheet.addRow([...table.header]).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === null ? null : cell)));
    sheet.columns.forEach((column) => {
      column.width = 16;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
