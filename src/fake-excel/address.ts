import { columnLetter, columnNumber } from '../core/cells';

/** A rectangle of cells, 1-based and inclusive, as A1 addresses describe them. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d+):\$?(\d+)$/;

/** "Sheet1!A1:B2", "'My sheet'!C3", "A:C", "1:4" → the sheet (if named) and the rectangle; null when not an address. */
export function parseAddress(text: string): { sheet?: string; rect: Rect } | null {
  let rest = text.trim();
  let sheet: string | undefined;
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    sheet = unquoteSheet(rest.slice(0, bang));
    rest = rest.slice(bang + 1);
  }
  const rect = parseRect(rest);
  if (!rect) return null;
  return sheet === undefined ? { rect } : { sheet, rect };
}

function parseRect(text: string): Rect | null {
  const parts = text.split(':');
  if (parts.length === 1) {
    const c = cell(parts[0]);
    return c ? valid({ top: c.row, left: c.col, bottom: c.row, right: c.col }) : null;
  }
  if (parts.length !== 2) return null;
  const a = cell(parts[0]);
  const b = cell(parts[1]);
  if (a && b) return valid(order(a.row, a.col, b.row, b.col));
  const cols = COLS.exec(text);
  if (cols) return valid(order(1, columnNumber(cols[1]), MAX_ROWS, columnNumber(cols[2])));
  const rows = ROWS.exec(text);
  if (rows) return valid(order(Number(rows[1]), 1, Number(rows[2]), MAX_COLS));
  return null;
}

function cell(text: string): { row: number; col: number } | null {
  const m = CELL.exec(text);
  return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : null;
}

function order(r1: number, c1: number, r2: number, c2: number): Rect {
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

function valid(r: Rect): Rect | null {
  const ok = r.top >= 1 && r.left >= 1 && r.bottom <= MAX_ROWS && r.right <= MAX_COLS;
  return ok ? r : null;
}

/** A1-style text of a rectangle as Excel writes it: "B2", "A1:C9", "A:C" for whole columns, "1:4" for whole rows. */
export function formatRect(r: Rect): string {
  const wholeCols = r.top === 1 && r.bottom === MAX_ROWS;
  const wholeRows = r.left === 1 && r.right === MAX_COLS;
  if (wholeRows) return `${r.top}:${r.bottom}`;
  if (wholeCols) return `${columnLetter(r.left)}:${columnLetter(r.right)}`;
  const tl = `${columnLetter(r.left)}${r.top}`;
  if (r.top === r.bottom && r.left === r.right) return tl;
  return `${tl}:${columnLetter(r.right)}${r.bottom}`;
}

/** "Sheet1!A1:B2" or "'Board Overview'!A1": the form Range.address takes. */
export function formatAddress(sheet: string, r: Rect): string {
  return `${sheetPrefix(sheet)}!${formatRect(r)}`;
}

/** Excel quotes a sheet name in an address unless it is a plain identifier that cannot be read as a cell. */
export function sheetPrefix(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function unquoteSheet(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}

export function rectRows(r: Rect): number {
  return r.bottom - r.top + 1;
}

export function rectCols(r: Rect): number {
  return r.right - r.left + 1;
}
