import type { ConditionalFormat, OwnedColumn, Style } from '../core/patch';
import { a1, argb, emptyCell, headerFont, solidFill, textCell } from './cell-xml';
import { parseRange } from './grid';
import { RefusedEdit } from './refused';
import { writeWidths } from './sheet-columns';
import { writeRules } from './sheet-rules';
import { scanSheet, type CellInfo, type RowInfo, type Scan } from './sheet-scan';
import type { StyleBook } from './styles';
import { spliced, type Splice } from './xml-tree';

/**
 * Edits a plan sheet's XML where BoardPlan owns something, and nowhere else: the cells of its own
 * columns (put into the existing rows in column order, rows added in order where there are none),
 * its own conditional formats (found by their N("BoardPlan") mark; the user's, x14 ones included,
 * are left as they are), and the width of its own columns (a user's span of columns is split
 * around them, each part keeping its settings). Every other byte of the sheet stays as it was.
 *
 * Where a change cannot be made without moving something of the user's (a cell or row after the
 * place BoardPlan writes that has no address of its own, cells out of order, a shared formula in
 * BoardPlan's column), it throws a RefusedEdit and nothing is written.
 */

export interface PlanSheetChanges {
  columns: OwnedColumn[];
  /** BoardPlan's rules for the sheet, replacing its old ones; undefined leaves them alone. */
  rules: ConditionalFormat[] | undefined;
}

export interface PlanSheetEdit {
  xml: string;
  /** A cell that held a formula now holds BoardPlan's text: Excel's calculation chain lists it. */
  formulaReplaced: boolean;
  operations: number;
}

const TEXT_FORMAT = 49; // '@', built in

/** What BoardPlan writes in one cell: its header, a value, or nothing (its old value cleared). */
type Write = { kind: 'header'; text: string; look: Style } | { kind: 'value'; text: string } | { kind: 'clear' };

export function editPlanSheet(xml: string, sheet: string, changes: PlanSheetChanges, styles: StyleBook): PlanSheetEdit {
  const writes = writesOf(changes.columns);
  const scan = scanSheet(xml, sheet, new Set(writes.keys()));
  const splices: Splice[] = [];
  const cells = writeCells(scan, sheet, writes, styles, changes.columns, splices);
  const widths = changes.columns.filter((c) => c.width !== undefined).map((c) => ({ col: c.col, width: c.width! }));
  if (widths.length) writeWidths(xml, scan, widths, splices);
  let operations = cells.operations + widths.length;
  if (changes.rules) operations += writeRules(scan, changes.rules, styles, splices);
  if (cells.bounds) growDimension(xml, scan, cells.bounds, splices);
  return { xml: spliced(xml, splices), formulaReplaced: cells.formulaReplaced, operations };
}

/** What each column writes, row by row: its header, its values, and below them its old values cleared. */
function writesOf(columns: OwnedColumn[]): Map<number, Map<number, Write>> {
  const rows = new Map<number, Map<number, Write>>();
  const put = (row: number, col: number, write: Write) => {
    let cols = rows.get(row);
    if (!cols) rows.set(row, (cols = new Map()));
    cols.set(col, write);
  };
  for (const c of columns) {
    put(c.headerRow, c.col, { kind: 'header', text: c.header, look: c.headerStyle ?? { bold: true } });
    c.values.forEach((value, i) => put(c.firstRow + i, c.col, value === null ? { kind: 'clear' } : { kind: 'value', text: value }));
    for (let row = c.firstRow + c.values.length; row <= c.clearToRow; row++) put(row, c.col, { kind: 'clear' });
  }
  return rows;
}

// ---- cells -----------------------------------------------------------------------------------

interface Bounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function writeCells(
  scan: Scan,
  sheet: string,
  writes: Map<number, Map<number, Write>>,
  styles: StyleBook,
  columns: OwnedColumn[],
  splices: Splice[],
): { operations: number; formulaReplaced: boolean; bounds: Bounds | null } {
  const { p } = scan;
  const merged = mergedAreas(scan.merges, new Set(columns.map((c) => c.col)));
  const columnStyle = (col: number) => {
    const c = scan.cols.find((x) => col >= x.min && col <= x.max);
    return Number(c?.attrs.find(([n]) => n === 'style')?.[1]) || 0;
  };
  let operations = 0;
  let formulaReplaced = false;
  let bounds: Bounds | null = null;
  const grow = (row: number, col: number) => {
    bounds = bounds
      ? { top: Math.min(bounds.top, row), left: Math.min(bounds.left, col), bottom: Math.max(bounds.bottom, row), right: Math.max(bounds.right, col) }
      : { top: row, left: col, bottom: row, right: col };
  };

  /** The XML of one write, or null when the cell is to be left as it is. */
  const cellXml = (row: number, col: number, write: Write, existing: CellInfo | undefined, rowInfo: RowInfo | undefined, before: CellInfo | undefined): string | null => {
    if (merged(row, col)) return null;
    if (existing?.formulaRange) {
      throw new RefusedEdit(`cell ${sheet}!${a1(row, col)}, in BoardPlan's column, holds a formula other cells share; move or clear it in Excel, then refresh again`);
    }
    const base = existing ? existing.s : (rowInfo?.s ?? columnStyle(col));
    const ref = a1(row, col);
    if (write.kind === 'clear') {
      if (!existing?.hasContent) return null;
      return emptyCell(p, ref, base < styles.xfCount ? base : 0);
    }
    if (write.kind === 'value') return textCell(p, ref, styles.derive(base, { numFmtId: TEXT_FORMAT }), write.text);
    // The header: the patch's look, in the plan header's face and size.
    const { look } = write;
    const fontFrom = base !== 0 ? base : before && before.col === col - 1 && before.s ? before.s : 0;
    const fontId = styles.font(headerFont(styles.fontOf(fontFrom), look.bold ?? false, look.font ? argb(look.font) : undefined));
    const fillId = look.fill ? styles.fill(solidFill(styles, argb(look.fill))) : undefined;
    const alignment = look.wrap === undefined ? undefined : { wrapText: look.wrap ? '1' : '0' };
    return textCell(p, ref, styles.derive(base, { fontId, fillId, alignment }), write.text);
  };

  const rowsByNumber = new Map(scan.rows.map((r) => [r.r, r]));
  const order = [...writes.keys()].sort((a, b) => a - b);
  for (const r of order) {
    const wanted = [...writes.get(r)!].sort((a, b) => a[0] - b[0]);
    const row = rowsByNumber.get(r);
    if (!row) {
      const cellsXml = wanted.map(([col, write]) => {
        const text = cellXml(r, col, write, undefined, undefined, undefined);
        if (text !== null) grow(r, col);
        return text ?? '';
      });
      if (!cellsXml.some(Boolean)) continue;
      insertRow(scan, sheet, r, `<${p}row r="${r}">${cellsXml.join('')}</${p}row>`, splices);
      operations += cellsXml.filter(Boolean).length;
      continue;
    }
    const cells = row.cells ?? [];
    for (let i = 1; i < cells.length; i++) {
      if (cells[i].col <= cells[i - 1].col) {
        throw new RefusedEdit(`row ${r} of the sheet '${sheet}' has its cells out of order; open the workbook in Excel, save it, and refresh again`);
      }
    }
    const inserts = new Map<number, string[]>();
    let added = false;
    for (const [col, write] of wanted) {
      const at = cells.findIndex((c) => c.col >= col);
      const existing = at >= 0 && cells[at].col === col ? cells[at] : undefined;
      const before = (at < 0 ? cells[cells.length - 1] : cells[at - 1]) ?? undefined;
      const text = cellXml(r, col, write, existing, row, before);
      if (text === null) continue;
      operations++;
      if (write.kind !== 'clear') grow(r, col);
      if (existing) {
        if (existing.formula) formulaReplaced = true;
        splices.push({ start: existing.start, end: existing.end, text });
        continue;
      }
      const next = at >= 0 ? cells[at] : undefined;
      if (next && !next.explicit) {
        throw new RefusedEdit(`cell after ${sheet}!${a1(r, col)} has no address of its own, so a cell put before it would move it; open the workbook in Excel, save it, and refresh again`);
      }
      const position = next ? next.start : row.empty ? -1 : row.closeStart;
      const list = inserts.get(position) ?? [];
      list.push(text);
      inserts.set(position, list);
      added = true;
    }
    const spans = added ? widenedSpans(row.spans, wanted.map(([col]) => col)) : undefined;
    if (row.empty && inserts.has(-1)) {
      // <row r="5"/> becomes <row r="5">…</row>.
      const open = retagText(scan, row, spans).replace(/\s*\/>$/, '>');
      splices.push({ start: row.start, end: row.end, text: `${open}${inserts.get(-1)!.join('')}</${scan.p}row>` });
      continue;
    }
    if (spans !== undefined) splices.push({ start: row.start, end: row.openEnd, text: retagText(scan, row, spans) });
    for (const [position, texts] of inserts) splices.push({ start: position, end: position, text: texts.join('') });
  }
  return { operations, formulaReplaced, bounds };
}

/** The row's start tag with its spans attribute widened (or as it is when `spans` is undefined). */
function retagText(scan: Scan, row: RowInfo, spans: string | undefined): string {
  const open = scan.xml.slice(row.start, row.openEnd);
  if (spans === undefined) return open;
  return open.replace(/(\sspans\s*=\s*)("[^"]*"|'[^']*')/, `$1"${spans}"`);
}

/** A row's spans ("1:7", or several ranges) widened to take in the columns; undefined when they already do or it has none. */
function widenedSpans(spans: string | undefined, cols: number[]): string | undefined {
  if (!spans) return undefined;
  const ranges = spans.trim().split(/\s+/).map((s) => s.split(':').map(Number));
  if (ranges.some((r) => r.length !== 2 || r.some((n) => !Number.isInteger(n)))) return undefined;
  const outside = cols.filter((col) => !ranges.some(([a, b]) => col >= a && col <= b));
  if (!outside.length) return undefined;
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  first[0] = Math.min(first[0], ...outside);
  last[1] = Math.max(last[1], ...outside);
  return ranges.map(([a, b]) => `${a}:${b}`).join(' ');
}

/** Puts a new row before the first row below it, or at the end of the cells. */
function insertRow(scan: Scan, sheet: string, r: number, text: string, splices: Splice[]): void {
  const sheetData = scan.sheetData!;
  const next = scan.rows.find((row) => row.r > r);
  if (next && !next.explicit) {
    throw new RefusedEdit(`row ${next.r} of the sheet '${sheet}' has no number of its own, so a row put before it would move it; open the workbook in Excel, save it, and refresh again`);
  }
  if (sheetData.empty) {
    const open = scan.xml.slice(sheetData.start, sheetData.end).replace(/\s*\/>$/, '>');
    splices.push({ start: sheetData.start, end: sheetData.end, text: `${open}${text}</${sheetData.name}>` });
    // Later rows go into the same opened element: mark it as open, placed at its old end.
    sheetData.empty = false;
    sheetData.closeStart = sheetData.end;
    return;
  }
  const at = next ? next.start : sheetData.closeStart;
  splices.push({ start: at, end: at, text });
}

/**
 * Whether a cell lies under a merged area without being its top-left cell: writing there would
 * write into the user's merged cell (a section title merged across the plan and BoardPlan's
 * columns); it is left alone. Only areas over BoardPlan's columns are looked at, in row order.
 */
function mergedAreas(refs: string[], cols: Set<number>): (row: number, col: number) => boolean {
  const areas = refs
    .map((ref) => parseRange(ref))
    .filter((a): a is NonNullable<typeof a> => a !== null && [...cols].some((c) => c >= a.left && c <= a.right))
    .sort((a, b) => a.top - b.top);
  return (row, col) => {
    // Areas never overlap: the last one starting at or above the row is the only one that may hold it in this column.
    let lo = 0;
    let hi = areas.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (areas[mid].top <= row) lo = mid + 1;
      else hi = mid - 1;
    }
    for (let i = hi; i >= 0 && i >= hi - 64; i--) {
      const a = areas[i];
      if (row <= a.bottom && col >= a.left && col <= a.right) return row !== a.top || col !== a.left;
    }
    return false;
  };
}

// ---- the sheet's dimension -------------------------------------------------------------------

function growDimension(xml: string, scan: Scan, bounds: Bounds, splices: Splice[]): void {
  const dim = scan.dimension;
  if (!dim) return;
  const now = parseRange(dim.ref);
  const grown = now
    ? { top: Math.min(now.top, bounds.top), left: Math.min(now.left, bounds.left), bottom: Math.max(now.bottom, bounds.bottom), right: Math.max(now.right, bounds.right) }
    : bounds;
  if (now && grown.top === now.top && grown.left === now.left && grown.bottom === now.bottom && grown.right === now.right) return;
  // An empty sheet's dimension is "A1": only cells make it grow.
  const single = grown.top === grown.bottom && grown.left === grown.right;
  const ref = single ? a1(grown.top, grown.left) : `${a1(grown.top, grown.left)}:${a1(grown.bottom, grown.right)}`;
  const tag = xml.slice(dim.start, dim.end);
  splices.push({ start: dim.start, end: dim.end, text: tag.replace(/(\sref\s*=\s*)("[^"]*"|'[^']*')/, `$1"${ref}"`) });
}
