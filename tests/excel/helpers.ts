import type ExcelJS from 'exceljs';
import type { CellValue, SheetSnapshot, TableSnapshot, WorkbookSnapshot } from '../../src/core/snapshot';
import type { FakeExcel } from '../../src/fake-excel';

/**
 * A plain ExcelJS reading of a workbook, written independently of the host and the fake, to hold
 * the Office.js host's snapshot against; and a description of everything a refresh can change, to
 * compare workbooks.
 */

function value(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25_569;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return String(v.error);
    if ('formula' in v || 'sharedFormula' in v) return value((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in v) return value((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  }
  return v as CellValue;
}

export function excelJsSnapshot(wb: ExcelJS.Workbook, name: string): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = wb.worksheets.map((ws) => {
    const cells: { row: number; col: number; cell: ExcelJS.Cell }[] = [];
    ws.eachRow((row, r) => row.eachCell((cell, c) => {
      if (cell.value !== null && cell.value !== undefined && cell.value !== '') cells.push({ row: r, col: c, cell });
    }));
    const visibility = (ws.state ?? 'visible') as SheetSnapshot['visibility'];
    if (!cells.length) return { name: ws.name, visibility, top: 1, left: 1, values: [], numberFormats: [] };
    const top = Math.min(...cells.map((c) => c.row));
    const bottom = Math.max(...cells.map((c) => c.row));
    const left = Math.min(...cells.map((c) => c.col));
    const right = Math.max(...cells.map((c) => c.col));
    const values: CellValue[][] = [];
    const numberFormats: string[][] = [];
    for (let r = top; r <= bottom; r++) {
      const vr: CellValue[] = [];
      const fr: string[] = [];
      for (let c = left; c <= right; c++) {
        const cell = ws.getRow(r).getCell(c);
        vr.push(value(cell.value));
        fr.push(cell.numFmt || (cell.value instanceof Date ? 'dd/mm/yyyy' : 'General'));
      }
      values.push(vr);
      numberFormats.push(fr);
    }
    return { name: ws.name, visibility, top, left, values, numberFormats };
  });
  const tables: TableSnapshot[] = wb.worksheets.flatMap((ws) =>
    ws.getTables().map((t) => {
      const model = (t as unknown as { table: { name: string; tableRef: string; headerRow: boolean } }).table;
      const [from, to] = model.tableRef.split(':').map((a) => ws.getCell(a));
      return {
        name: model.name,
        sheet: ws.name,
        top: Number(from.row),
        left: Number(from.col),
        bottom: Number(to.row),
        right: Number(to.col),
        showHeaders: model.headerRow,
      };
    }),
  );
  return { name, sheets, tables };
}

/** Everything BoardPlan may change in a workbook, as plain data (for "the same workbook" comparisons). */
export function describeWorkbook(fake: FakeExcel): unknown {
  return {
    sheets: fake.workbook.worksheets.map((ws) => {
      const cells: unknown[] = [];
      ws.eachRow({ includeEmpty: false }, (row, r) =>
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          const style = JSON.parse(JSON.stringify(cell.style ?? {}));
          if (cell.value === null && Object.keys(style).length === 0) return;
          cells.push([r, c, cell.type, JSON.parse(JSON.stringify(cell.value ?? null)), style]);
        }),
      );
      return {
        name: ws.name,
        state: ws.state,
        tab: JSON.parse(JSON.stringify(ws.properties.tabColor ?? null)),
        views: JSON.parse(JSON.stringify(ws.views)),
        pageSetup: JSON.parse(JSON.stringify(ws.pageSetup)),
        widths: (ws.columns ?? []).map((c) => c.width ?? null),
        merges: Object.keys((ws as unknown as { _merges: object })._merges).sort(),
        rules: JSON.parse(JSON.stringify((ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings)),
        cells,
      };
    }),
    charts: fake.charts.map((c) => ({ ...c, sheet: c.sheet.name })),
  };
}

/** The syncs, operations and bytes the fake counted since `before`. */
export function statsSince(fake: FakeExcel, before: { syncs: number; operations: number; bytes: number }): { syncs: number; operations: number; bytes: number } {
  return {
    syncs: fake.stats.syncs - before.syncs,
    operations: fake.stats.operations - before.operations,
    bytes: fake.stats.bytes - before.bytes,
  };
}
