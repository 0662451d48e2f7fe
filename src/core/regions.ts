import { a1 } from './cells';
import { headerCells, isHeaderRow, isKnownHeading, mapColumns, ownedHeaderKind, sameLayout, type ColumnMap, type HeaderCell } from './columns';
import type { Plan } from './model';
import type { Settings } from './settings';
import { lineOf, cellsOf, type SheetCells } from './sheet-cells';
import { cellAt, sheetBottom, sheetRight, type SheetSnapshot, type TableSnapshot } from './snapshot';

/**
 * Where each plan sits on a sheet: an Excel table whose headings name plan fields, or a plain range
 * under such a header row within the first 30 rows of a sheet.
 */

/** A new plan's header row must be within this many rows of the top of the sheet. */
export const HEADER_SEARCH_ROWS = 30;

/** Header texts of a row from column 1 to `right`, one line each; dates and numbers are not headings. */
export function headerTexts(cells: SheetCells, row: number, right: number, skip?: (col: number) => boolean): string[] {
  const texts: string[] = [];
  for (let col = 1; col <= right; col++) {
    const c = cells.at(row, col);
    texts.push(typeof c.value === 'string' && !skip?.(col) ? lineOf(c) : '');
  }
  return texts;
}

/**
 * Whether a row is a header row (see isHeaderRow). Every row of a sheet is asked, and most are
 * data: a header row needs three headings, one of them a known heading, and each row answers
 * whether it has one once per snapshot, so data rows are turned away before anything else.
 */
export function isHeaderRowAt(cells: SheetCells, row: number, right: number, skip?: (col: number) => boolean): boolean {
  if (!cells.namesKnownHeading(row)) return false;
  let headings = 0;
  let known = false;
  for (let col = 1; col <= right; col++) {
    const c = cells.at(row, col);
    // The text is trimmed, and whitespace folds away in a heading's key: no need for its one-line form.
    if (typeof c.value !== 'string' || !c.text || skip?.(col)) continue;
    headings++;
    known ||= isKnownHeading(c.text);
  }
  return headings >= 3 && known && isHeaderRow(headerTexts(cells, row, right, skip));
}

export interface Region {
  id: string;
  table: string | null;
  headerRow: number;
  firstCol: number;
  lastCol: number;
  /** Last row that may belong to the plan. */
  rowsTo: number;
  columns: ColumnMap;
  owned: Plan['owned'];
  ownedCols: Set<number>;
}

/**
 * BoardPlan's columns headed on a plan's header row, from the plan's first column: the first
 * proposed and reason columns not `taken` by a plan to the left on the same row are the plan's
 * own, and every column headed as BoardPlan's is no heading of the plan.
 */
function ownedOnRow(sheet: SheetSnapshot, row: number, fromCol: number, taken?: ReadonlySet<number>): { owned: Plan['owned']; cols: Set<number> } {
  const owned: Plan['owned'] = { proposed: null, reason: null };
  const cols = new Set<number>();
  const right = sheetRight(sheet);
  for (let col = fromCol; col <= right; col++) {
    const v = cellAt(sheet, row, col);
    const kind = typeof v === 'string' ? ownedHeaderKind(v) : null;
    if (!kind) continue;
    cols.add(col);
    if (owned[kind] === null && !taken?.has(col)) owned[kind] = col;
  }
  return { owned, cols };
}

/**
 * Plans side by side on one header row (two tables, or a table and a range) each own the pair of
 * BoardPlan's columns it was given, in order from the left: the first plan takes the first pair,
 * the next plan the next, however the pairs lie among the plans' columns. `regions` are in order
 * of header row, then first column.
 */
function shareOwnedColumns(sheet: SheetSnapshot, regions: Region[]): void {
  const taken = new Set<number>();
  regions.forEach((r, i) => {
    // The first plan on a row keeps the first pair, as ownedOnRow found it.
    if (i === 0 || regions[i - 1].headerRow !== r.headerRow) taken.clear();
    else r.owned = ownedOnRow(sheet, r.headerRow, r.firstCol, taken).owned;
    for (const col of [r.owned.proposed, r.owned.reason]) if (col !== null) taken.add(col);
  });
}

function tableRegion(sheet: SheetSnapshot, t: TableSnapshot, overrides: Settings['columns']): Region | null {
  if (!t.showHeaders) return null;
  const id = `${sheet.name}!${t.name}`;
  const { owned, cols: ownedCols } = ownedOnRow(sheet, t.top, t.left);
  const texts = headerTexts(cellsOf(sheet), t.top, t.right, (col) => col < t.left || ownedCols.has(col));
  const override = overrides[id];
  if (!override && !isHeaderRow(texts)) return null;
  const userCols = headerCells(texts).map((h) => h.col);
  return {
    id,
    table: t.name,
    headerRow: t.top,
    firstCol: t.left,
    lastCol: Math.max(t.left, ...userCols),
    rowsTo: t.bottom,
    columns: mapColumns(headerCells(texts), override),
    owned,
    ownedCols,
  };
}

function plainRegions(sheet: SheetSnapshot, tables: TableSnapshot[], overrides: Settings['columns']): Region[] {
  const cells = cellsOf(sheet);
  const right = sheetRight(sheet);
  const bottom = sheetBottom(sheet);
  const inTable = (row: number, col: number) => tables.some((t) => row >= t.top && row <= t.bottom && col >= t.left && col <= t.right);
  // An override keyed "Sheet!A5" makes row 5 a header row even when its headings are not recognised.
  const overrideAt = new Map<number, number>();
  for (const id of Object.keys(overrides)) {
    if (!id.startsWith(`${sheet.name}!`)) continue;
    const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(id.slice(sheet.name.length + 1));
    if (m) overrideAt.set(Number(m[2]), m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0));
  }

  const regions: Region[] = [];
  let current: Region | null = null;
  for (let row = sheet.top; row <= bottom; row++) {
    const forcedCol = overrideAt.get(row);
    if (forcedCol === undefined) {
      // Below the first rows only a plan already found goes on: no new plan starts there.
      if (!current && row > HEADER_SEARCH_ROWS) continue;
      // Most rows name no known heading: they are turned away before anything is made for them.
      if (!cells.namesKnownHeading(row)) continue;
    }
    // BoardPlan's ratings and reasons beside the plan above make no header row, though a heading
    // the officer typed in those columns (the next plan's) still counts.
    const ownedAbove = current?.ownedCols.size ? current.ownedCols : null;
    const ours = (col: number) => ownedAbove !== null && ownedAbove.has(col) && !isKnownHeading(cells.textAt(row, col));
    const skip = tables.length || ownedAbove ? (col: number) => inTable(row, col) || ours(col) : undefined;
    if (forcedCol === undefined && !isHeaderRowAt(cells, row, right, skip)) continue;
    const headings = headerCells(headerTexts(cells, row, right, skip));
    if (!headings.length && forcedCol === undefined) continue;
    const firstCol = forcedCol ?? headings[0].col;
    const { owned, cols: ownedCols } = ownedOnRow(sheet, row, firstCol);
    const userCells: HeaderCell[] = headings.filter((h) => h.col >= firstCol && !ownedCols.has(h.col));
    const id = `${sheet.name}!${a1(row, firstCol)}`;
    const columns = mapColumns(userCells, overrides[id]);
    // The same headings again further down (one header row per priority block) belong to the plan above.
    if (current && forcedCol === undefined && sameLayout(current.columns, columns)) continue;
    if (current) current.rowsTo = row - 1;
    current = {
      id,
      table: null,
      headerRow: row,
      firstCol,
      lastCol: Math.max(firstCol, ...userCells.map((h) => h.col)),
      rowsTo: bottom,
      columns,
      owned,
      ownedCols,
    };
    regions.push(current);
  }
  // A plain plan stops where a table starts below it.
  for (const r of regions) {
    for (const t of tables) {
      if (t.top > r.headerRow && t.top <= r.rowsTo && t.left <= r.lastCol && t.right >= r.firstCol) r.rowsTo = t.top - 1;
    }
  }
  return regions;
}

/** The plans on a sheet, in order of header row, then first column. */
export function findRegions(sheet: SheetSnapshot, tables: TableSnapshot[], overrides: Settings['columns']): Region[] {
  const regions = [
    ...tables.map((t) => tableRegion(sheet, t, overrides)).filter((r): r is Region => r !== null),
    ...plainRegions(sheet, tables, overrides),
  ].sort((a, b) => a.headerRow - b.headerRow || a.firstCol - b.firstCol);
  shareOwnedColumns(sheet, regions);
  return regions;
}
