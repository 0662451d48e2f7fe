import type ExcelJS from 'exceljs';
import { MAX_COLS, MAX_ROWS, type Rect } from './address';
import type { FakeState } from './base';
import { FakeOfficeError } from './errors';

/** The cells of a range in the model: which exist, which are writable, and walking through them. */

export interface RangeTarget {
  ws: ExcelJS.Worksheet;
  rect: Rect;
  areas?: Rect[];
}

/** Each area of a target on its own: formats set on a RangeAreas apply to every area. */
export function areasOf<T extends RangeTarget>(t: T): T[] {
  return t.areas ? t.areas.map((rect) => ({ ...t, rect, areas: undefined })) : [t];
}

/** Parts of a range's format: what they set applies to each area of a RangeAreas. */
export function sheetAlive(state: FakeState, ws: ExcelJS.Worksheet): boolean {
  return state.workbook.getWorksheet(ws.id) === ws;
}

export function isProtected(ws: ExcelJS.Worksheet): boolean {
  const p = (ws as unknown as { sheetProtection: { sheet?: boolean } | null }).sheetProtection;
  return !!p && p.sheet !== false;
}

/** Writes to cells, formats and conditional formats of a protected sheet fail as in Excel. */
export function assertWritable(ws: ExcelJS.Worksheet, where: string): void {
  if (isProtected(ws)) {
    throw new FakeOfficeError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet ('${ws.name}').`, where);
  }
}

/** Whole-row or whole-column rectangles are cut to the sheet's used extent when iterated. */
export function bounded(ws: ExcelJS.Worksheet, r: Rect): Rect {
  return {
    top: r.top,
    left: r.left,
    bottom: r.bottom === MAX_ROWS ? Math.max(r.top, ws.rowCount) : r.bottom,
    right: r.right === MAX_COLS ? Math.max(r.left, ws.columnCount) : r.right,
  };
}

/** Cells of a rectangle that exist in the model (reads never create cells). */
export function findCell(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.Cell | undefined {
  const r = ws.findRow(row);
  return r ? (r as unknown as { findCell(c: number): ExcelJS.Cell | undefined }).findCell(col) : undefined;
}

export function eachExisting(ws: ExcelJS.Worksheet, rect: Rect, fn: (cell: ExcelJS.Cell, row: number, col: number) => void): void {
  const b = bounded(ws, rect);
  for (let row = b.top; row <= b.bottom; row++) {
    const r = ws.findRow(row);
    if (!r) continue;
    for (let col = b.left; col <= b.right; col++) {
      const c = (r as unknown as { findCell(c: number): ExcelJS.Cell | undefined }).findCell(col);
      if (c) fn(c, row, col);
    }
  }
}

export function eachCell(ws: ExcelJS.Worksheet, rect: Rect, fn: (cell: ExcelJS.Cell, row: number, col: number) => void): void {
  const b = bounded(ws, rect);
  for (let row = b.top; row <= b.bottom; row++) {
    for (let col = b.left; col <= b.right; col++) fn(ws.getCell(row, col), row, col);
  }
}

/** One value for the whole range, or null when cells differ (as Office.js reports mixed formats). */
export function common<V>(ws: ExcelJS.Worksheet, rect: Rect, get: (cell: ExcelJS.Cell | undefined) => V): V | null {
  const b = bounded(ws, rect);
  let first = true;
  let value: V | null = null;
  for (let row = b.top; row <= b.bottom; row++) {
    for (let col = b.left; col <= b.right; col++) {
      const v = get(findCell(ws, row, col));
      if (first) {
        value = v;
        first = false;
      } else if (JSON.stringify(v) !== JSON.stringify(value)) return null;
    }
  }
  return value;
}

/**
 * A property with a value per cell. Current Excel answers a range of more cells than it reads at a
 * time with null rather than an error, so a reader has to notice and read in blocks.
 */
