import { a1 } from './cells';
import { BLANK_FEATURES, type SheetFeatures } from './cell-features';
import { isKnownHeading, ownedHeaderKind, pinnedBySettings, recogniseColumns, sameLayout, type ColumnMap, type HeaderCell } from './columns';
import type { Pinned } from './field-assignment';
import { cannotBeHeadings, headingsAt, isHeaderRow, isLabelRow, makesPlan, namedHeadings, type Headings } from './header-rows';
import { FIELDS, type ColumnMatch, type Field, type Plan, type PlanPeriod, type Source } from './model';
import { pointedRange, resolveColumn, type ColumnNames, type PointedPlan, type PointedRange } from './pointed-plans';
import type { Settings } from './settings';
import { cellLine, cellText, lastColumn, readCell, type ShownSheet } from './sheet-cells';
import type { TableSnapshot } from './snapshot';

/**
 * Where each plan sits on a sheet: an Excel table, or a plain range under a row of headings within
 * the first 30 rows, running down to the next plan's headings; several plans may share a sheet,
 * one under the other or side by side. A row of headings heads a plan when its headings and the
 * cells under them make one (header-rows.ts); the officer can also point at a plan, which is then
 * read whatever its headings (pointed-plans.ts). Once a plan's extent is known, columns.ts says
 * which column is which field, from the headings and the plan's own cells, and rows.ts reads its rows.
 */

/** A new plan's header row must be within this many rows of the top of the sheet. */
const HEADER_SEARCH_ROWS = 30;
/** Rows looked at under a row of headings to see whether it heads a plan. */
const SAMPLE_ROWS = 60;
/** Rows of a plan looked at to tell its columns apart: enough to count on, the same for any size of plan. */
const EVIDENCE_ROWS = 60;

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
  progressHistory: ColumnMatch[];
  owned: Plan['owned'];
  /** Every column headed as BoardPlan's on the header row: none is a heading of the plan. */
  ownedCols: number[];
  source: Source;
  /** Fields whose --map column names no heading of this plan. */
  unmapped: Field[];
}

/** What finding the plans on a sheet needs: the officer's choices, the plan period and the sheet's cells. */
export interface RegionContext {
  overrides: Settings['columns'];
  pointers: PointedPlan[];
  /** `--map` for this run: field → a heading or a column letter. */
  map: ColumnNames;
  /** Where a heading's yearless date falls ("Q2 update"): the plan's year, or in a plan of several years the year being reported. */
  headingPeriod: PlanPeriod;
  features: SheetFeatures;
}

/** A plan found on the sheet, before the cells under its headings are weighed. */
type Found = Omit<Region, 'rows' | 'columns' | 'progressHistory' | 'unmapped'> & { headings: HeaderCell[]; columns?: ColumnMap };

/** Cells that are none of a plan's: another table's, or BoardPlan's beside the plan above. */
type CellSkip = (row: number, col: number) => boolean;

/** Whether a cell is BoardPlan's: no evidence about the officer's rows. */
type BoardPlanCell = (row: number, col: number) => boolean;
const NONE_OF_BOARDPLAN: BoardPlanCell = () => false;

/** The plan's rows that hold an action or its continuation: at least two of its cells filled. */
function contentRows(sheet: ShownSheet, rows: Iterable<number>, cols: number[], limit: number, boardPlan = NONE_OF_BOARDPLAN): number[] {
  const out: number[] = [];
  for (const row of rows) {
    if (out.length >= limit) break;
    if (cols.filter((col) => !boardPlan(row, col) && cellText(sheet, row, col) !== '').length >= 2) out.push(row);
  }
  return out;
}

/** How far right a row's headings can reach: they are read from the row and the rows either side of it. */
function headingsReach(sheet: ShownSheet, row: number): number {
  return Math.min(sheet.right, Math.max(lastColumn(sheet, row - 1), lastColumn(sheet, row), lastColumn(sheet, row + 1)));
}

/**
 * Rows under a row of headings, to the next blank gap or row of headings: what the headings would
 * head. A column headed as BoardPlan's on a row below is BoardPlan's from there down (`boardPlan`):
 * its heading, ratings and reasons belong to the plan on that row and say nothing of these rows.
 */
function rowsUnder(sheet: ShownSheet, ctx: RegionContext, from: number, left: number, skip: CellSkip): { rows: number[]; boardPlan: BoardPlanCell } {
  const rows: number[] = [];
  let blanks = 0;
  const fromRow = new Map<number, number>();
  const boardPlan = (row: number, col: number) => (fromRow.get(col) ?? Infinity) <= row;
  for (let row = from; row <= sheet.bottom && rows.length < SAMPLE_ROWS; row++) {
    for (let col = left; col <= lastColumn(sheet, row); col++) {
      if (!fromRow.has(col) && !skip(row, col) && ownedHeaderKind(cellText(sheet, row, col))) fromRow.set(col, row);
    }
    const theirs = (col: number) => skip(row, col) || boardPlan(row, col);
    let filled = false;
    for (let col = left; col <= lastColumn(sheet, row) && !filled; col++) filled = !theirs(col) && cellText(sheet, row, col) !== '';
    if (!filled) {
      if (++blanks >= 2 && rows.length > 0) break;
      continue;
    }
    // The first row under headings is the plan's own, whatever words it holds.
    if (rows.length > 0 && !cannotBeHeadings(sheet, row, left, headingsReach(sheet, row), theirs) && isLabelRow(ctx.features, row, left, headingsReach(sheet, row), theirs, true)) break;
    blanks = 0;
    rows.push(row);
  }
  return { rows, boardPlan };
}

function columnsOver(ctx: RegionContext, headings: HeaderCell[], rows: number[], pinned: Pinned = {}, boardPlan = NONE_OF_BOARDPLAN) {
  const features = (row: number, col: number) => (boardPlan(row, col) ? BLANK_FEATURES : ctx.features(row, col));
  return recogniseColumns(headings, (col) => rows.map((row) => features(row, col)), ctx.headingPeriod, pinned);
}

/** Header texts of a row from column 1 to `right`, one line each; dates and numbers are not headings. */
function headerTexts(sheet: ShownSheet, row: number, right: number, skip: (col: number) => boolean): string[] {
  const texts: string[] = [];
  for (let col = 1; col <= Math.min(right, lastColumn(sheet, row)); col++) texts.push(typeof readCell(sheet, row, col).value === 'string' && !skip(col) ? cellLine(sheet, row, col) : '');
  return texts;
}

/** Whether a row is a header row by its headings alone, its cells up to `right` read as headings less those `skip` says are none. */
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
  for (let col = fromCol; col <= lastColumn(sheet, row); col++) {
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
 * the next plan the next. `found` are in order of header row, then first column.
 */
function shareOwnedColumns(sheet: ShownSheet, found: Found[]): Found[] {
  let taken: number[] = [];
  return found.map((r, i) => {
    const sameRow = i > 0 && found[i - 1].headerRow === r.headerRow;
    const owned = sameRow ? ownedOnRow(sheet, r.headerRow, r.firstCol, taken).owned : r.owned;
    taken = [...(sameRow ? taken : []), ...[owned.proposed, owned.reason].filter((c): c is number => c !== null)];
    return { ...r, owned };
  });
}

/** A pointer's header row: the first row of headings among its first rows (the officer may select a title with the plan), else its first row. */
function pointedHeaderRow(sheet: ShownSheet, ctx: RegionContext, at: PointedRange): number {
  const last = Math.min(at.bottom ?? at.top, at.top + 4);
  const skip = (col: number) => col < at.left || (at.right !== null && col > at.right);
  for (let row = at.top; row <= last; row++) if (isLabelRow(ctx.features, row, at.left, at.right ?? sheet.right, skip)) return row;
  return at.top;
}

interface Pointed {
  pointer: PointedPlan;
  at: PointedRange;
  headerRow: number;
}

function pointersOn(sheet: ShownSheet, ctx: RegionContext): Pointed[] {
  return ctx.pointers.flatMap((pointer) => {
    const at = pointer.sheet === sheet.name ? pointedRange(pointer.range) : null;
    return at ? [{ pointer, at, headerRow: pointedHeaderRow(sheet, ctx, at) }] : [];
  });
}

function tableRegion(sheet: ShownSheet, t: TableSnapshot, ctx: RegionContext, pointed: Pointed | undefined): Found | null {
  if (!t.showHeaders) return null;
  const id = `${sheet.name}!${t.name}`;
  const { owned, cols: ownedCols } = ownedOnRow(sheet, t.top, t.left);
  const skip = (col: number) => col < t.left || col > t.right || ownedCols.includes(col);
  const texts = headerTexts(sheet, t.top, t.right, skip);
  const headings = texts.map((text, i) => ({ col: i + 1, text })).filter((h) => h.text.trim() !== '' && !skip(h.col));
  if (!pointed && !ctx.overrides[id]) {
    const body = contentRows(sheet, rowsBetween(t.top + 1, t.bottom), headings.map((h) => h.col), SAMPLE_ROWS);
    if (!isHeaderRow(texts) && !makesPlan(columnsOver(ctx, headings, body).columns)) return null;
  }
  const lastCol = Math.max(t.left, ...headings.map((h) => h.col));
  return { id, table: t.name, headerRow: t.top, firstCol: t.left, lastCol, rowsTo: t.bottom, headings, owned, ownedCols, source: pointed?.pointer.source ?? 'recognised' };
}

function* rowsBetween(from: number, to: number): Generator<number> {
  for (let row = from; row <= to; row++) yield row;
}

type PlainPlan = Found & { heads: Headings; columns: ColumnMap };

/** A row of headings at `row` (or pointed at), if it heads a plan: its headings, columns and extent. */
function plainAt(
  sheet: ShownSheet,
  ctx: RegionContext,
  row: number,
  skip: CellSkip,
  pointed: Pointed | undefined,
  below: boolean,
): PlainPlan | null {
  const left = pointed?.at.left ?? sheet.left;
  // Headings are read from the row and the rows either side of it: no further right than their cells.
  const right = pointed?.at.right ?? headingsReach(sheet, row);
  // BoardPlan's own headings ("RAG (proposed)") are no evidence that the officer's row is one of headings.
  // Down the column to where the officer typed a heading in it (the next plan's).
  const theirsFrom = new Map<number, number>();
  const boardPlans = (r: number, col: number) => {
    if (!theirsFrom.has(col)) theirsFrom.set(col, officersFrom(sheet, row, col));
    return r < theirsFrom.get(col)!;
  };
  const withinAt = (r: number, col: number) => col < left || col > right || skip(r, col) || (!pointed && ownedHeaderKind(cellText(sheet, row, col)) !== null && boardPlans(r, col));
  const within = (col: number) => withinAt(row, col);
  if (!pointed && (cannotBeHeadings(sheet, row, left, right, within) || (!isLabelRow(ctx.features, row, left, right, within, below) && !isHeaderRowAt(sheet, row, right, within)))) {
    return null;
  }
  const heads = headingsAt(sheet, ctx.features, row, left, right, within);
  const firstCol = pointed ? left : heads.headings[0]?.col;
  if (firstCol === undefined) return null;
  const { owned, cols: ownedCols } = ownedOnRow(sheet, heads.row, firstCol);
  const headings = heads.headings.filter((h) => h.col >= firstCol && !ownedCols.includes(h.col));
  // Under a plan, a row of short data cells can look like headings: a second plan's headings name at least two fields.
  if (!pointed && below && namedHeadings(headings) < 2) return null;
  const body = rowsUnder(sheet, ctx, heads.row + 1, firstCol, (r, col) => withinAt(r, col) || (ownedCols.includes(col) && boardPlans(r, col)));
  const columns = columnsOver(ctx, headings, contentRows(sheet, body.rows, headings.map((h) => h.col), SAMPLE_ROWS, body.boardPlan), {}, body.boardPlan).columns;
  if (!pointed && !makesPlan(columns) && !isHeaderRowAt(sheet, heads.row, right, within)) return null;
  const lastCol = pointed?.at.right ?? Math.max(firstCol, ...headings.map((h) => h.col));
  return {
    id: `${sheet.name}!${a1(heads.row, firstCol)}`,
    table: null,
    headerRow: heads.row,
    firstCol,
    lastCol,
    rowsTo: pointed?.at.bottom ?? sheet.bottom,
    headings,
    owned,
    ownedCols,
    source: pointed?.pointer.source ?? 'recognised',
    heads,
    columns,
  };
}

/**
 * Where BoardPlan's column headed on `headerRow` gives way to the officer's: the first row below
 * where the officer typed a heading in it (the next plan's), from which its cells are theirs.
 */
function officersFrom(sheet: ShownSheet, headerRow: number, col: number): number {
  for (let row = headerRow + 1; row <= sheet.bottom; row++) {
    const text = cellText(sheet, row, col);
    if (text !== '' && isKnownHeading(text) && !ownedHeaderKind(text)) return row;
  }
  return Infinity;
}

function plainRegions(sheet: ShownSheet, tables: TableSnapshot[], ctx: RegionContext, pointed: Pointed[]): Found[] {
  const inTable = (row: number, col: number) => tables.some((t) => row >= t.top && row <= t.bottom && col >= t.left && col <= t.right);
  // BoardPlan's columns headed on a table's header row, which stand beside the table's rows.
  const besideTables = tables.filter((t) => t.showHeaders).map((t) => ({ t, cols: ownedOnRow(sheet, t.top, t.left).cols }));
  const ownedBesideTable = (row: number) => besideTables.flatMap(({ t, cols }) => (row > t.top && row <= t.bottom ? cols : []));
  const found: (Found & { fixed: boolean })[] = [];
  let current: (Found & { fixed: boolean }) | null = null;
  for (let row = sheet.top; row <= sheet.bottom; row++) {
    const pointer = pointed.find((p) => p.headerRow === row);
    // Below the first rows only a plan already found goes on: no new plan starts there; nor inside a range pointed at.
    if (!pointer && (!current ? row > HEADER_SEARCH_ROWS : current.fixed && row <= current.rowsTo)) continue;
    // The row right under a plan's headings is its first row, whatever words it holds ("Q2 update – complete"): a plan has rows.
    if (!pointer && current && row === current.headerRow + 1) continue;
    // BoardPlan's ratings and reasons beside the plan above, or beside a table's rows, are neither
    // headings nor rows of the officer's, though a heading typed in those columns (the next plan's)
    // still counts: each row under a header row is asked of its own cells.
    const ownedAbove = current?.ownedCols ?? [];
    const below: boolean = current !== null;
    const skip: CellSkip = (r, col) =>
      (!pointer && inTable(row, col)) || ((ownedAbove.includes(col) || ownedBesideTable(r).includes(col)) && !isKnownHeading(cellText(sheet, r, col)));
    const plan: PlainPlan | null = plainAt(sheet, ctx, row, skip, pointer, below) ?? (pointer ? null : besideData(sheet, ctx, row, skip, below));
    if (!plan) continue;
    // The same headings again further down (one header row per priority block) belong to the plan above.
    if (current && !pointer && sameLayout(current.columns!, plan.columns)) continue;
    const top = pointer ? Math.min(pointer.at.top, plan.heads.top) : plan.heads.top;
    if (current && !current.fixed) current.rowsTo = top - 1;
    const { heads, ...rest } = plan;
    current = { ...rest, fixed: pointer?.at.bottom != null };
    found.push(current);
    row = heads.row;
  }
  // A plain plan stops where a table starts below it.
  return found.map(({ fixed: _, ...r }) => {
    const below = tables.filter((t) => t.top > r.headerRow && t.top <= r.rowsTo && t.left <= r.lastCol && t.right >= r.firstCol);
    return below.length ? { ...r, rowsTo: Math.min(...below.map((t) => t.top - 1)) } : r;
  });
}

/**
 * A plan standing beside other data on the same rows (a block of figures, an empty column, then the
 * plan): read from each block of the row that starts after an empty cell, as if the row began there.
 */
function besideData(sheet: ShownSheet, ctx: RegionContext, row: number, skip: CellSkip, below: boolean): PlainPlan | null {
  for (let col = sheet.left + 1; col <= lastColumn(sheet, row); col++) {
    if (cellText(sheet, row, col) === '' || cellText(sheet, row, col - 1) !== '') continue;
    const plan = plainAt(sheet, ctx, row, (r, c) => c < col || skip(r, c), undefined, below);
    if (plan) return plan;
  }
  return null;
}

/** The plan's rows under its header row, less the rows of other tables that cross its columns. */
function rowsOf(r: Pick<Region, 'headerRow' | 'rowsTo' | 'firstCol' | 'lastCol'>, otherTables: TableSnapshot[]): number[] {
  const rows: number[] = [];
  for (let row = r.headerRow + 1; row <= r.rowsTo; row++) {
    if (!otherTables.some((t) => row >= t.top && row <= t.bottom && t.left <= r.lastCol && t.right >= r.firstCol)) rows.push(row);
  }
  return rows;
}

/** The officer's choices for a plan: the settings' letters, then this run's --map, which wins. */
function pinnedFor(id: string, headings: HeaderCell[], ctx: RegionContext): { pinned: Pinned; unmapped: Field[] } {
  const pinned = pinnedBySettings(ctx.overrides[id]);
  const unmapped: Field[] = [];
  for (const field of FIELDS) {
    if (!(field in ctx.map)) continue;
    const name = ctx.map[field];
    const col = name === null || name === undefined ? null : resolveColumn(name, headings);
    if (name && col === null) unmapped.push(field);
    else pinned[field] = { col, source: 'option' };
  }
  return { pinned, unmapped };
}

/** The plans on a sheet, in order of header row, then first column, each with its rows and columns. */
export function findRegions(sheet: ShownSheet, tables: TableSnapshot[], ctx: RegionContext): Region[] {
  const pointed = pointersOn(sheet, ctx);
  const onTable = (t: TableSnapshot) => pointed.find((p) => p.headerRow === t.top && p.at.left <= t.right && (p.at.right ?? t.right) >= t.left);
  const plain = pointed.filter((p) => !tables.some((t) => onTable(t) === p));
  const found = [
    ...tables.map((t) => tableRegion(sheet, t, ctx, onTable(t))).filter((r): r is Found => r !== null),
    ...plainRegions(sheet, tables, ctx, plain),
  ].sort((a, b) => a.headerRow - b.headerRow || a.firstCol - b.firstCol);
  return shareOwnedColumns(sheet, found).map(({ headings, columns: _, ...r }) => {
    const rows = rowsOf(r, r.table ? [] : tables);
    const cols = headings.map((h) => h.col);
    const { pinned, unmapped } = pinnedFor(r.id, headings, ctx);
    const { columns, progressHistory } = columnsOver(ctx, headings, contentRows(sheet, rows, cols, EVIDENCE_ROWS), pinned);
    return { ...r, rows, columns, progressHistory, unmapped };
  });
}
