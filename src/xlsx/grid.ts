import type { CellValue, SheetSnapshot, TableSnapshot } from '../core/snapshot';

/**
 * A sheet's snapshot from its non-empty cells: the used range runs from the first to the last of
 * them, and covers the sheet's tables. Both .xlsx readers build their sheets here.
 *
 * A plan's used range is a few thousand cells, given as a full grid as Excel gives it. A sheet
 * whose used range is vast (a stray value in XFD1048576, seventeen billion cells) is given in a
 * form that costs what its filled cells cost: rows without a value share one empty row, and a
 * row's array has only the places that hold something (what is not there reads as empty).
 */

/** A non-empty cell found by a reader, with the number format it shows with. */
export interface FoundCell {
  row: number;
  col: number;
  value: CellValue;
  format: string;
}

/** Used ranges up to this many cells are given as a full grid. */
export const FULL_GRID_CELLS = 4_000_000;

const EMPTY_ROW = Object.freeze([]) as unknown as never[];

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
  const full = width * height <= FULL_GRID_CELLS;
  const values: CellValue[][] = new Array(height);
  const numberFormats: string[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    values[r] = full ? new Array<CellValue>(width).fill(null) : EMPTY_ROW;
    numberFormats[r] = full ? new Array<string>(width).fill('General') : EMPTY_ROW;
  }
  for (const f of found) {
    const r = f.row - top;
    if ((values[r] as unknown) === EMPTY_ROW) {
      values[r] = [];
      numberFormats[r] = [];
    }
    values[r][f.col - left] = f.value;
    numberFormats[r][f.col - left] = f.format;
  }
  return { name, visibility, top, left, values, numberFormats };
}

export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [first, last = first] = ref.split(':');
  const a = addressOf(first ?? '');
  const b = addressOf(last);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** Excel's last column (XFD) and row. */
export const MAX_COL = 16_384;
export const MAX_ROW = 1_048_576;

/** "AB12" or "$AB$12" → row 12, column 28; null for anything else or beyond the sheet's edge. */
export function addressOf(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = ref.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  const start = i;
  for (; i < ref.length && i - start < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  if (i === start || i === ref.length || col > MAX_COL) return null;
  if (ref.charCodeAt(i) === 36) i++;
  const digits = ref.slice(i);
  if (!/^[1-9]\d{0,6}$/.test(digits)) return null;
  const row = Number(digits);
  return row <= MAX_ROW ? { row, col } : null;
}
