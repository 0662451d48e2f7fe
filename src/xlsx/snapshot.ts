import ExcelJS from 'exceljs';
import { parseA1 } from '../core/cells';
import type { CellValue, SheetSnapshot, TableSnapshot, WorkbookSnapshot } from '../core/snapshot';

/**
 * Reads an ExcelJS workbook into the core's plain snapshot: every sheet's used range (values and
 * number formats) and every table. Values are normalised the way Excel reports them through
 * Office.js, so the core sees the same data from either host.
 */

/** Excel's serial day 0 (1899-12-30), in UTC. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
export const DAY_MS = 86_400_000;
/** Used for a date cell that carries no date format of its own. */
export const DEFAULT_DATE_FORMAT = 'dd/mm/yyyy';
/**
 * ExcelJS reports Excel's built-in format 14 ("short date", shown in the reader's regional
 * form) as "mm-dd-yy"; in a UK workbook it shows as 31/03/2016.
 */
export const BUILT_IN_SHORT_DATE = 'mm-dd-yy';

// ExcelJS's cell types (ExcelJS.ValueType), named here so the switch below reads plainly.
const T = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

export function snapshotFromWorkbook(workbook: ExcelJS.Workbook, name: string): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  const tables: TableSnapshot[] = [];
  for (const worksheet of workbook.worksheets) {
    const sheetTables = tableSnapshots(worksheet);
    sheets.push(sheetSnapshot(worksheet, sheetTables));
    tables.push(...sheetTables);
  }
  return { name, sheets, tables };
}

/** A non-empty cell found by a reader, with the number format it shows with. */
export interface FoundCell {
  row: number;
  col: number;
  value: CellValue;
  format: string;
}

/** The format a date cell is shown with: its own, or the UK short date for Excel's regional one. */
export function dateCellFormat(numFmt: string | undefined): string {
  return !numFmt || numFmt === BUILT_IN_SHORT_DATE ? DEFAULT_DATE_FORMAT : numFmt;
}

function sheetSnapshot(worksheet: ExcelJS.Worksheet, tables: TableSnapshot[]): SheetSnapshot {
  const found: FoundCell[] = [];
  worksheet.eachRow((row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const value = cellValue(cell);
      if (value === null || value === '') return;
      const isDate = cell.type === T.Date || isDateResult(cell);
      found.push({ row: rowNumber, col: colNumber, value, format: isDate ? dateCellFormat(cell.numFmt) : cell.numFmt || 'General' });
    });
  });
  const visibility = worksheet.state === 'hidden' || worksheet.state === 'veryHidden' ? worksheet.state : 'visible';
  return sheetFromCells(worksheet.name, visibility, found, tables);
}

/**
 * A sheet's snapshot from its non-empty cells: the used range runs from the first to the last of
 * them, and covers the sheet's tables. Both .xlsx readers build their sheets here.
 */
export function sheetFromCells(name: string, visibility: SheetSnapshot['visibility'], found: FoundCell[], tables: TableSnapshot[]): SheetSnapshot {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const f of found) {
    if (f.row < top) top = f.row;
    if (f.row > bottom) bottom = f.row;
    if (f.col < left) left = f.col;
    if (f.col > right) right = f.col;
  }
  // A table's cells count as used even where they are blank, as in Excel.
  for (const t of tables) {
    top = Math.min(top, t.top);
    left = Math.min(left, t.left);
    bottom = Math.max(bottom, t.bottom);
    right = Math.max(right, t.right);
  }
  if (bottom === 0) return { name, visibility, top: 1, left: 1, values: [], numberFormats: [] };
  const width = right - left + 1;
  const height = bottom - top + 1;
  const values: CellValue[][] = new Array(height);
  const numberFormats: string[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    values[r] = new Array<CellValue>(width).fill(null);
    numberFormats[r] = new Array<string>(width).fill('General');
  }
  for (const f of found) {
    values[f.row - top][f.col - left] = f.value;
    numberFormats[f.row - top][f.col - left] = f.format;
  }
  return { name, visibility, top, left, values, numberFormats };
}

function isDateResult(cell: ExcelJS.Cell): boolean {
  if (cell.type !== T.Formula) return false;
  const v = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
  return v.result instanceof Date;
}

/** A cell's value as Excel shows it: formulas by their last result, links and rich text by their text. */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  switch (cell.type) {
    case T.Null:
    case T.Merge:
      // A merged area's value lives in its top-left cell only, as in Excel.
      return null;
    default:
      return plain(cell.value);
  }
}

function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return serial(value);
  const v = value as Record<string, unknown>;
  if (typeof v.error === 'string') return v.error;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((run) => run.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) return plain(v.result);
  if ('hyperlink' in v || 'text' in v) return plain(v.text);
  return null;
}

/** A JavaScript date (ExcelJS reads Excel dates as UTC) as an Excel serial, keeping any time of day. */
export function serial(date: Date): number | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  const days = (ms - EXCEL_EPOCH_MS) / DAY_MS;
  // ExcelJS's conversion leaves float noise in the milliseconds: round to the second.
  return Math.round(days * 86_400) / 86_400;
}

interface TableModel {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
}

function tableSnapshots(worksheet: ExcelJS.Worksheet): TableSnapshot[] {
  const out: TableSnapshot[] = [];
  for (const table of worksheet.getTables() as unknown as { table?: TableModel }[]) {
    const model = table.table;
    if (!model) continue;
    const range = parseRange(model.tableRef ?? model.ref ?? '');
    if (!range) continue;
    out.push({
      name: model.displayName || model.name || '',
      sheet: worksheet.name,
      ...range,
      showHeaders: model.headerRow !== false,
    });
  }
  return out;
}

export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [first, last = first] = ref.split(':');
  const a = parseA1(first ?? '');
  const b = parseA1(last);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}
