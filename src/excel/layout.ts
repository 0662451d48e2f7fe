import { columnLetter, quoteSheet, rangeA1 } from '../core/cells';
import type { GeneratedSheet, Link } from '../core/patch';
import { ACTION_BYTES, jsonBytes, RANGE_BYTES, requestBytes } from './payload';
import { widthToPoints } from './units';
import { areaLists, cellsOf, pieces, unit, type Rect, type Writer } from './writer';

/**
 * The shape of BoardPlan's own sheets and their links, each in as few calls as Excel allows: every
 * column width of a sheet in one call (Range.setColumnProperties, ExcelApi 1.9), row heights in one
 * call per block of rows (setRowProperties) or one per height (a RangeAreas of all the rows of that
 * height), whichever is the smaller request, a run of one-row merges of the same columns as one
 * merge across, and a sheet's links as one call per block of rows (setCellProperties).
 */

/** Smallest and largest of many numbers (a sheet's rows can outnumber what a spread call takes). */
export const least = (xs: number[]) => xs.reduce((a, b) => Math.min(a, b));
export const most = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b));

/** A column's width or a row's height in points, or {} for one left as it is. */
type ColumnEntry = Excel.SettableColumnProperties;
type RowEntry = Excel.SettableRowProperties;

/** Widths of columns `first`…`last` (characters, as the patch and the file give them) in one call. */
export function writeWidths(w: Writer, sheet: string, widths: { col: number; width: number }[]): void {
  if (!widths.length) return;
  const first = least(widths.map((c) => c.col));
  const last = most(widths.map((c) => c.col));
  const byCol = new Map(widths.map((c) => [c.col, c.width]));
  const entries: ColumnEntry[] = [];
  for (let col = first; col <= last; col++) {
    const chars = byCol.get(col);
    entries.push(chars === undefined ? {} : { format: { columnWidth: widthToPoints(chars) } });
  }
  w.add(unit(1, 0, 1, jsonBytes(entries), (r) => r.range(sheet, `${columnLetter(first)}:${columnLetter(last)}`).setColumnProperties(entries)));
}

/** Row heights as the core measured them from the wrapped text, so Excel and LibreOffice agree. */
export function writeHeights(w: Writer, sheet: string, heights: NonNullable<GeneratedSheet['heights']>, pieceBytes: number): void {
  if (!heights.length) return;
  const byRow = new Map(heights.map((h) => [h.row, h.height]));
  const first = least([...byRow.keys()]);
  const last = most([...byRow.keys()]);
  const rows: RowEntry[][] = [];
  for (let row = first; row <= last; row++) {
    const height = byRow.get(row);
    rows.push([height === undefined ? {} : { format: { rowHeight: height } }]);
  }
  const blocks = propertyBlocks(rows, pieceBytes).map((p) => ({ top: first + p.start, entries: p.rows.map((r) => r[0]), bytes: requestBytes(1, 0, 1, jsonBytes(p.rows)) }));

  // The same heights as runs of rows, one RangeAreas for each height.
  const runs = new Map<number, string[]>();
  let run: { first: number; last: number; height: number } | null = null;
  const close = () => run && runs.set(run.height, [...(runs.get(run.height) ?? []), `${run.first}:${run.last}`]);
  for (const [row, height] of [...byRow].sort((a, b) => a[0] - b[0])) {
    if (run && run.height === height && run.last === row - 1) run.last = row;
    else {
      close();
      run = { first: row, last: row, height };
    }
  }
  close();
  const areas = [...runs].flatMap(([height, addresses]) => areaLists(addresses).map((list) => ({ height, list, bytes: requestBytes(1, 1, 1, list.length + jsonBytes(height)) })));

  const total = (units: { bytes: number }[]) => units.reduce((n, u) => n + u.bytes, 0);
  if (total(blocks) <= total(areas)) {
    for (const b of blocks) w.add({ bytes: b.bytes, calls: 1, queue: (r) => r.range(sheet, `${b.top}:${b.top + b.entries.length - 1}`).setRowProperties(b.entries) });
  } else {
    for (const a of areas) w.add({ bytes: a.bytes, calls: 1, queue: (r) => (r.areas(sheet, a.list).format.rowHeight = a.height) });
  }
}

/** Merges; neighbouring one-row merges over the same columns go as one merge across ("merge each row"). */
export function writeMerges(w: Writer, sheet: string, merges: string[]): void {
  const rects = merges.map((m) => cellsOf(m)!).sort((a, b) => a.left - b.left || a.right - b.right || a.top - b.top);
  const blocks: { rect: Rect; across: boolean }[] = [];
  for (const rect of rects) {
    const last = blocks[blocks.length - 1];
    const rows = (r: Rect) => r.bottom - r.top + 1;
    const follows = last && (last.across || rows(last.rect) === 1) && rows(rect) === 1 && last.rect.bottom + 1 === rect.top && last.rect.left === rect.left && last.rect.right === rect.right;
    if (follows) blocks[blocks.length - 1] = { rect: { ...last.rect, bottom: rect.bottom }, across: true };
    else blocks.push({ rect, across: false });
  }
  const address = ({ rect: r }: (typeof blocks)[number]) => rangeA1(r.top, r.left, r.bottom, r.right);
  for (const b of blocks) w.add(unit(1, 0, 1, jsonBytes(address(b)), (r) => r.range(sheet, address(b)).merge(b.across)));
}

/** At most this many cells per setCellProperties: Excel on the web fails past about 80,000 (office-js issue 2564). */
const CELLS_PER_CALL = 10_000;

/** Blocks of rows for one properties call each: under `pieceBytes` and under Excel's cells per call. */
export function propertyBlocks<T>(grid: T[][], pieceBytes: number): { start: number; rows: T[][] }[] {
  const width = Math.max(1, grid[0]?.length ?? 1);
  const rowsPerCall = Math.max(1, Math.floor(CELLS_PER_CALL / width));
  return pieces(grid, pieceBytes).flatMap((piece) => {
    const blocks: { start: number; rows: T[][] }[] = [];
    for (let i = 0; i < piece.rows.length; i += rowsPerCall) blocks.push({ start: piece.start + i, rows: piece.rows.slice(i, i + rowsPerCall) });
    return blocks;
  });
}

/** A sheet's links, one call per block of rows; a cell without a link gets {}, which leaves it as it is. */
export function writeLinks(w: Writer, sheet: string, links: (Link & { text: string })[], pieceBytes: number): void {
  if (!links.length) return;
  const placed = links.map((link) => ({ at: cellsOf(link.cell)!, hyperlink: { documentReference: `${quoteSheet(link.sheet)}!${link.target}`, textToDisplay: link.text } }));
  const top = least(placed.map((p) => p.at.top));
  const bottom = most(placed.map((p) => p.at.bottom));
  const left = least(placed.map((p) => p.at.left));
  const right = most(placed.map((p) => p.at.right));
  const grid: Excel.SettableCellProperties[][] = Array.from({ length: bottom - top + 1 }, () => Array.from({ length: right - left + 1 }, () => ({})));
  for (const p of placed) grid[p.at.top - top][p.at.left - left] = { hyperlink: p.hyperlink };
  for (const { start, rows } of propertyBlocks(grid, pieceBytes)) {
    w.add({
      bytes: RANGE_BYTES + ACTION_BYTES + jsonBytes(rows),
      calls: 1,
      queue: (r) => r.range(sheet, rangeA1(top + start, left, top + start + rows.length - 1, right)).setCellProperties(rows),
    });
  }
}
