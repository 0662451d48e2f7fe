import { isoToSerial, parseA1 } from '../../../src/core/cells';
import type { GeneratedSheet, WorkbookPatch } from '../../../src/core/patch';
import { cellAt, formatAt, sheetBottom, sheetRight, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from '../../../src/core/snapshot';

/**
 * Applies a patch to a snapshot the way a host would, then reads it back: generated sheets replace
 * (or add) sheets of their name with their values from A1 (dates as serial numbers with their
 * number format, as hosts read them), owned columns are written beside the plans, deleted sheets
 * go. Conditional formats, styles other than number formats, links and charts are not kept: the
 * core never reads them back.
 */
export function applyPatch(snapshot: WorkbookSnapshot, patch: WorkbookPatch): WorkbookSnapshot {
  const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
  for (const column of patch.columns) {
    const sheet = sheets.get(column.sheet);
    if (!sheet) throw new Error(`The patch writes a column to '${column.sheet}', which is not in the workbook`);
    const grid = toGrid(sheet);
    set(grid, column.headerRow, column.col, column.header, 'General');
    for (let row = column.firstRow; row <= Math.max(column.clearToRow, column.firstRow + column.values.length - 1); row++) {
      set(grid, row, column.col, column.values[row - column.firstRow] ?? null, 'General');
    }
    sheets.set(sheet.name, fromGrid(sheet, grid));
  }
  for (const generated of patch.sheets) sheets.set(generated.name, generatedSnapshot(generated));
  for (const name of patch.deleteSheets) sheets.delete(name);
  return { ...snapshot, sheets: [...sheets.values()] };
}

interface Grid {
  values: CellValue[][];
  formats: string[][];
}

function toGrid(sheet: SheetSnapshot): Grid {
  const grid: Grid = { values: [], formats: [] };
  for (let row = 1; row <= sheetBottom(sheet); row++) {
    for (let col = 1; col <= sheetRight(sheet); col++) set(grid, row, col, cellAt(sheet, row, col), formatAt(sheet, row, col));
  }
  return grid;
}

function set(grid: Grid, row: number, col: number, value: CellValue, format: string): void {
  while (grid.values.length < row) {
    grid.values.push([]);
    grid.formats.push([]);
  }
  const v = grid.values[row - 1];
  const f = grid.formats[row - 1];
  while (v.length < col) {
    v.push(null);
    f.push('General');
  }
  v[col - 1] = value;
  f[col - 1] = format;
}

function fromGrid(like: Pick<SheetSnapshot, 'name' | 'visibility'>, grid: Grid): SheetSnapshot {
  const width = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
  const pad = <T>(rows: T[][], fill: T) => rows.map((r) => Array.from({ length: width }, (_, i) => (i < r.length ? r[i] : fill)));
  return { name: like.name, visibility: like.visibility, top: 1, left: 1, values: pad(grid.values, null), numberFormats: pad(grid.formats, 'General') };
}

/** The number format a generated sheet's styles give a cell (the last style covering it wins). */
function numberFormatAt(sheet: GeneratedSheet, row: number, col: number): string | undefined {
  let format: string | undefined;
  for (const { address, style } of sheet.styles) {
    if (!style.numberFormat) continue;
    const [from, to] = address.split(':').map((a) => parseA1(a)!);
    const end = to ?? from;
    if (row >= from.row && row <= end.row && col >= from.col && col <= end.col) format = style.numberFormat;
  }
  return format;
}

function generatedSnapshot(sheet: GeneratedSheet): SheetSnapshot {
  const grid: Grid = { values: [], formats: [] };
  sheet.rows.forEach((values, r) =>
    values.forEach((v, c) => {
      const format = numberFormatAt(sheet, r + 1, c + 1) ?? (v !== null && typeof v === 'object' ? 'yyyy-mm-dd' : 'General');
      set(grid, r + 1, c + 1, v !== null && typeof v === 'object' ? isoToSerial(v.date) : v, format);
    }),
  );
  return fromGrid({ name: sheet.name, visibility: sheet.visibility }, grid);
}
