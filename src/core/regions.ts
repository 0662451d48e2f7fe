import { a1, columnNumber } from './cells';
import { headerCells, isKnownHeading, mapColumns, ownedHeaderKind, recogniseColumns, sameLayout, type ColumnMap, type HeaderCell } from './columns';
import { FIELDS, type Plan } from './model';
import type { ColumnOverride, Settings } from './settings';
import { cellLine, cellText, readCell, type ShownSheet } from './sheet-cells';
import type { TableSnapshot } from './snapshot';

/**
 * Where each plan sits on a sheet: an Excel table whose headings name plan fields, or a plain range
 * under such a header row within the first 30 rows of a sheet, running down to the next plan's
 * header row. The officer can also point at a header row ("Sheet!A5" in the Columns settings).
 *
 * The seam: a row is a header row when the fields its headings name make a plan (isHeaderRow);
 * which heading names which field is columns.ts's to say, from the headings and the cells under
 * them. Once a plan's extent is known, rows.ts reads what each of its rows is.
 */

/** A new plan's header row must be within this many rows of the top of the sheet. */
const HEADER_SEARCH_ROWS = 30;

export interface Region {
  /** "Sheet!Table", or "Sheet!A5" for a plain range (its header row's first cell). */
  id: string;
  table: string | null;
  headerRow: number;
  firstCol: number;
  lastCol: number;
  /** The last row that may belong to the plan: the table's, or the row above the next plan. */
  rowsTo: number;
  /** The rows under the header row that belong to the plan, less those of other tables among them. */
  rows: number[];
  columns: ColumnMap;
  owned: Plan['owned'];
  /** Every column headed as BoardPlan's on the header row: none is a heading of the plan. */
  ownedCols: number[];
}

/** A plan found on the sheet, before its rows and the cells under its headings are looked at. */
type Found = Omit<Region, 'rows' | 'columns'> & { headings: HeaderCell[]; override: ColumnOverride | undefined };

/**
 * A header row names at least three fields, one of them the action or the timescale, and at least
 * one by a known heading (so a row of short data cells is not mistaken for headings).
 */
export function isHeaderRow(texts: string[]): boolean {
  const headings = headerCells(texts);
  if (headings.length < 3 || !headings.some((h) => isKnownHeading(h.text))) return false;
  const map = mapColumns(headings);
  return FIELDS.filter((f) => map[f]).length >= 3 && Boolean(map.action || map.timescale);
}

/** Header texts of a row from column 1 to `right`, one line each; dates and numbers are not headings. */
function headerTexts(sheet: ShownSheet, row: number, right: number, skip: (col: number) => boolean): string[] {
  const texts: string[] = [];
  for (let col = 1; col <= right; col++) texts.push(typeof readCell(sheet, row, col).value === 'string' && !skip(col) ? cellLine(sheet, row, col) : '');
  return texts;
}

/** Whether a row is a header row, its cells up to `right` read as headings less those `skip` says are none. */
export function isHeaderRowAt(sheet: ShownSheet, row: number, right: number, skip: (col: number) => boolean): boolean {
  return isHeaderRow(headerTexts(sheet, row, right, skip));
}

/**
 * BoardPlan's columns headed on a plan's header row, from the plan's first column: the first
 * proposed and reason columns not `taken` by a plan to the left on the same row are the plan's
 * own, and every column headed as BoardPlan's is no heading of the plan.
 */
function ownedOnRow(sheet: ShownSheet, row: number, fromCol: number, taken: number[] = []): { owned: Plan['owned']; cols: number[] } {
  const owned: Plan['owned'] = { proposed: null, reason: null };
  const cols: number[] = [];
  for (let col = fromCol; col <= sheet.right; col++) {
    const v = readCell(sheet, row, col).value;
    const kind = typeof v === 'string' ? ownedHeaderKind(v) : null;
    if (!kind) continue;
    cols.push(col);
    if (owned[kind] === null && !taken.includes(col)) owned[kind] = col;
  }
  return { owned, cols };
}

/**
 * Plans side by side on one header row (two tables, or a table and a range) each own the pair of
 * BoardPlan's columns it was given, in order from the left: the first plan takes the first pair,
 * the next plan the next, however the pairs lie among the plans' columns. `found` are in order
 * of header row, then first column.
 */
function shareOwnedColumns(sheet: ShownSheet, found: Found[]): Found[] {
  let taken: number[] = [];
  return found.map((r, i) => {
    const sameRow = i > 0 && found[i - 1].headerRow === r.headerRow;
    // The first plan on a row keeps the first pair, as ownedOnRow found it.
    const owned = sameRow ? ownedOnRow(sheet, r.headerRow, r.firstCol, taken).owned : r.owned;
    taken = [...(sameRow ? taken : []), ...[owned.proposed, owned.reason].filter((c): c is number => c !== null)];
    return { ...r, owned };
  });
}

function tableRegion(sheet: ShownSheet, t: TableSnapshot, overrides: Settings['columns']): Found | null {
  if (!t.showHeaders) return null;
  const id = `${sheet.name}!${t.name}`;
  const { owned, cols: ownedCols } = ownedOnRow(sheet, t.top, t.left);
  const texts = headerTexts(sheet, t.top, t.right, (col) => col < t.left || ownedCols.includes(col));
  const override = overrides[id];
  if (!override && !isHeaderRow(texts)) return null;
  const headings = headerCells(texts);
  return {
    id,
    table: t.name,
    headerRow: t.top,
    firstCol: t.left,
    lastCol: Math.max(t.left, ...headings.map((h) => h.col)),
    rowsTo: t.bottom,
    headings,
    override,
    owned,
    ownedCols,
  };
}

/** Header rows the officer pointed at in the Columns settings ("Sheet!A5"): row → first column. */
function pointedAt(sheet: ShownSheet, overrides: Settings['columns']): Map<number, number> {
  const at = new Map<number, number>();
  for (const id of Object.keys(overrides)) {
    if (!id.startsWith(`${sheet.name}!`)) continue;
    const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(id.slice(sheet.name.length + 1));
    if (m) at.set(Number(m[2]), columnNumber(m[1]));
  }
  return at;
}

function plainRegions(sheet: ShownSheet, tables: TableSnapshot[], overrides: Settings['columns']): Found[] {
  const { right, bottom } = sheet;
  const inTable = (row: number, col: number) => tables.some((t) => row >= t.top && row <= t.bottom && col >= t.left && col <= t.right);
  const forced = pointedAt(sheet, overrides);

  // Each with its columns by heading, to tell a repeated header row from the next plan's.
  const found: (Found & { columns: ColumnMap })[] = [];
  let current: (Found & { columns: ColumnMap }) | null = null;
  for (let row = sheet.top; row <= bottom; row++) {
    const forcedCol = forced.get(row);
    // Below the first rows only a plan already found goes on: no new plan starts there.
    if (forcedCol === undefined && !current && row > HEADER_SEARCH_ROWS) continue;
    // BoardPlan's ratings and reasons beside the plan above make no header row, though a heading
    // the officer typed in those columns (the next plan's) still counts.
    const ownedAbove = current?.ownedCols ?? [];
    const skip = (col: number) => inTable(row, col) || (ownedAbove.includes(col) && !isKnownHeading(cellText(sheet, row, col)));
    const texts = headerTexts(sheet, row, right, skip);
    if (forcedCol === undefined && !isHeaderRow(texts)) continue;
    const headings = headerCells(texts);
    if (!headings.length && forcedCol === undefined) continue;
    const firstCol = forcedCol ?? headings[0].col;
    const { owned, cols: ownedCols } = ownedOnRow(sheet, row, firstCol);
    const ownHeadings = headings.filter((h) => h.col >= firstCol && !ownedCols.includes(h.col));
    const id = `${sheet.name}!${a1(row, firstCol)}`;
    const override = overrides[id];
    const columns = mapColumns(ownHeadings, override);
    // The same headings again further down (one header row per priority block) belong to the plan above.
    if (current && forcedCol === undefined && sameLayout(current.columns, columns)) continue;
    if (current) current.rowsTo = row - 1;
    current = {
      id,
      table: null,
      headerRow: row,
      firstCol,
      lastCol: Math.max(firstCol, ...ownHeadings.map((h) => h.col)),
      rowsTo: bottom,
      headings: ownHeadings,
      override,
      owned,
      ownedCols,
      columns,
    };
    found.push(current);
  }
  // A plain plan stops where a table starts below it.
  return found.map(({ columns: _, ...r }) => {
    const below = tables.filter((t) => t.top > r.headerRow && t.top <= r.rowsTo && t.left <= r.lastCol && t.right >= r.firstCol);
    return below.length ? { ...r, rowsTo: Math.min(...below.map((t) => t.top - 1)) } : r;
  });
}

/** The plan's rows under its header row, less the rows of other tables that cross its columns. */
function rowsOf(r: Pick<Region, 'headerRow' | 'rowsTo' | 'firstCol' | 'lastCol'>, otherTables: TableSnapshot[]): number[] {
  const rows: number[] = [];
  for (let row = r.headerRow + 1; row <= r.rowsTo; row++) {
    if (!otherTables.some((t) => row >= t.top && row <= t.bottom && t.left <= r.lastCol && t.right >= r.firstCol)) rows.push(row);
  }
  return rows;
}

/** The plans on a sheet, in order of header row, then first column, each with its rows and columns. */
export function findRegions(sheet: ShownSheet, tables: TableSnapshot[], overrides: Settings['columns']): Region[] {
  const found = [...tables.map((t) => tableRegion(sheet, t, overrides)).filter((r): r is Found => r !== null), ...plainRegions(sheet, tables, overrides)].sort(
    (a, b) => a.headerRow - b.headerRow || a.firstCol - b.firstCol,
  );
  return shareOwnedColumns(sheet, found).map(({ headings, override, ...r }) => {
    const rows = rowsOf(r, r.table ? [] : tables);
    const cellsUnder = (col: number) => rows.map((row) => readCell(sheet, row, col).text);
    return { ...r, rows, columns: recogniseColumns(headings, cellsUnder, override) };
  });
}
