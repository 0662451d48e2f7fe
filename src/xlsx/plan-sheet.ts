import { isOwnedRule, type ConditionalFormat, type OwnedColumn } from '../core/patch';
import { a1, boldFont, emptyCell, ruleFormat, solidFill, textCell } from './cell-xml';
import { addressOf, parseRange } from './grid';
import { isMain } from './package';
import type { StyleBook } from './styles';
import { XmlCursor, escapeXml, spliced, type Splice } from './xml';

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

/** A change that cannot be made safely; the message says where and what to do. */
export class RefusedEdit extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedEdit';
  }
}

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
const HEADER_FILL = 'FFD9D9D9';

/** The worksheet's children that come after <conditionalFormatting>, in the schema's order. */
const AFTER_RULES = [
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF',
  'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
];
/** The worksheet's children that come after <cols>. */
const AFTER_COLS = ['sheetData'];

/** What BoardPlan writes in one cell: its header, a value, or nothing (its old value cleared). */
type Write = { kind: 'header'; text: string } | { kind: 'value'; text: string } | { kind: 'clear' };

interface CellInfo {
  col: number;
  explicit: boolean;
  start: number;
  end: number;
  s: number;
  hasContent: boolean;
  formula: boolean;
  /** A shared formula's master or an array formula: other cells depend on this one's formula. */
  formulaRange: boolean;
}

interface RowInfo {
  r: number;
  explicit: boolean;
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  empty: boolean;
  /** Its style, for new cells, when the row is formatted. */
  s: number | null;
  spans: string | undefined;
  /** Read only for rows BoardPlan writes in. */
  cells: CellInfo[] | null;
}

interface Top {
  local: string;
  main: boolean;
  start: number;
  end: number;
  openEnd: number;
  closeStart: number;
  empty: boolean;
  name: string;
}

interface ColInfo {
  min: number;
  max: number;
  attrs: [string, string][];
  start: number;
  end: number;
}

interface RuleBlock {
  start: number;
  end: number;
  rules: { start: number; end: number; ours: boolean }[];
}

interface Scan {
  xml: string;
  sheetName: string;
  root: string;
  /** The prefix of SpreadsheetML's elements in the sheet: '' or 'x:'. */
  p: string;
  tops: Top[];
  rows: RowInfo[];
  sheetData: Top | undefined;
  cols: ColInfo[];
  colsEl: Top | undefined;
  merges: string[];
  ruleBlocks: RuleBlock[];
  /** The highest priority any of the user's rules has (x14 rules included). */
  userPriority: number;
  dimension: { start: number; end: number; ref: string } | undefined;
}

export function editPlanSheet(xml: string, sheet: string, changes: PlanSheetChanges, styles: StyleBook): PlanSheetEdit {
  const writes = writesOf(changes.columns);
  const scan = scanSheet(xml, sheet, writes);
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
    put(c.headerRow, c.col, { kind: 'header', text: c.header });
    c.values.forEach((value, i) => put(c.firstRow + i, c.col, value === null ? { kind: 'clear' } : { kind: 'value', text: value }));
    for (let row = c.firstRow + c.values.length; row <= c.clearToRow; row++) put(row, c.col, { kind: 'clear' });
  }
  return rows;
}

// ---- reading the sheet ---------------------------------------------------------------------

function scanSheet(xml: string, sheet: string, writes: Map<number, Map<number, Write>>): Scan {
  const cursor = new XmlCursor(xml);
  if (cursor.next() !== 'start' || cursor.local !== 'worksheet' || !isMain(cursor)) {
    throw new RefusedEdit(`the sheet '${sheet}' is not a worksheet BoardPlan can add its columns to`);
  }
  const colon = cursor.name.indexOf(':');
  const scan: Scan = {
    xml,
    sheetName: sheet,
    root: cursor.name,
    p: colon < 0 ? '' : cursor.name.slice(0, colon + 1),
    tops: [],
    rows: [],
    sheetData: undefined,
    cols: [],
    colsEl: undefined,
    merges: [],
    ruleBlocks: [],
    userPriority: 0,
    dimension: undefined,
  };
  while (cursor.next() !== 'eof') {
    if (cursor.kind !== 'start' || cursor.depth !== 1) continue;
    const top: Top = { local: cursor.local, main: isMain(cursor), start: cursor.start, openEnd: cursor.end, closeStart: cursor.end, end: cursor.end, empty: cursor.empty, name: cursor.name };
    if (!top.main) {
      scanPriorities(cursor, scan);
    } else if (top.local === 'sheetData') {
      scan.sheetData = top;
      scanRows(cursor, scan, writes);
    } else if (top.local === 'cols') {
      scan.colsEl = top;
      scanCols(cursor, scan);
    } else if (top.local === 'mergeCells') {
      scanChildren(cursor, (c) => {
        if (c.local === 'mergeCell') scan.merges.push(c.attr('ref') ?? '');
      });
    } else if (top.local === 'conditionalFormatting') {
      scan.ruleBlocks.push(scanRules(cursor, scan));
    } else if (top.local === 'dimension') {
      scan.dimension = { start: cursor.start, end: cursor.end, ref: cursor.attr('ref') ?? '' };
      cursor.skip();
    } else {
      scanPriorities(cursor, scan);
    }
    top.closeStart = cursor.atEndTag() ? cursor.start : top.closeStart;
    top.end = cursor.end;
    scan.tops.push(top);
  }
  if (!scan.sheetData) throw new RefusedEdit(`the sheet '${sheet}' has no cells element (sheetData); open the workbook in Excel, save it, and refresh again`);
  return scan;
}

/** Calls `visit` at each child's start tag; the cursor ends on the element's end tag. */
function scanChildren(cursor: XmlCursor, visit: (c: XmlCursor) => void): void {
  if (cursor.empty) return;
  const depth = cursor.depth;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end' && cursor.depth === depth) return;
    if (kind === 'start' && cursor.depth === depth + 1) {
      visit(cursor);
      cursor.skip();
    }
  }
}

/** Notes the priority of every rule inside the element (the x14 rules of an <extLst>). */
function scanPriorities(cursor: XmlCursor, scan: Scan): void {
  if (cursor.empty) return;
  const depth = cursor.depth;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end' && cursor.depth === depth) return;
    if (kind === 'start' && cursor.local === 'cfRule') scan.userPriority = Math.max(scan.userPriority, Number(cursor.attr('priority')) || 0);
  }
}

function scanRules(cursor: XmlCursor, scan: Scan): RuleBlock {
  const block: RuleBlock = { start: cursor.start, end: cursor.end, rules: [] };
  if (cursor.empty) return block;
  const depth = cursor.depth;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end' && cursor.depth === depth) break;
    if (kind !== 'start' || cursor.depth !== depth + 1) continue;
    if (cursor.local !== 'cfRule') {
      cursor.skip();
      continue;
    }
    const rule = { start: cursor.start, end: cursor.end, ours: false };
    const priority = Number(cursor.attr('priority')) || 0;
    if (!cursor.empty) {
      const ruleDepth = cursor.depth;
      for (let k = cursor.next(); k !== 'eof'; k = cursor.next()) {
        if (k === 'end' && cursor.depth === ruleDepth) break;
        if (k === 'start' && cursor.isNamed('formula') && isOwnedRule(cursor.text())) rule.ours = true;
      }
    }
    rule.end = cursor.end;
    if (!rule.ours) scan.userPriority = Math.max(scan.userPriority, priority);
    block.rules.push(rule);
  }
  block.end = cursor.end;
  return block;
}

function scanCols(cursor: XmlCursor, scan: Scan): void {
  scanChildren(cursor, (c) => {
    if (c.local !== 'col') return;
    scan.cols.push({
      min: Number(c.attr('min')),
      max: Number(c.attr('max')),
      attrs: c.attributes().map((a) => [a.name, a.value]),
      start: c.start,
      end: c.end,
    });
  });
}

function scanRows(cursor: XmlCursor, scan: Scan, writes: Map<number, Map<number, Write>>): void {
  if (cursor.empty) return;
  const depth = cursor.depth;
  let last = 0;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end' && cursor.depth === depth) return;
    if (kind !== 'start' || cursor.depth !== depth + 1) continue;
    if (cursor.local !== 'row' || !isMain(cursor)) {
      cursor.skip();
      continue;
    }
    const rAttr = Number(cursor.attr('r'));
    const explicit = Number.isInteger(rAttr) && rAttr > 0;
    const r = explicit ? rAttr : last + 1;
    if (r <= last) {
      throw new RefusedEdit(`the rows of the sheet '${scan.sheetName}' are out of order (row ${r} after row ${last}); open the workbook in Excel, save it, and refresh again`);
    }
    last = r;
    const custom = cursor.attr('customFormat');
    const rs = cursor.attr('s');
    const row: RowInfo = {
      r,
      explicit,
      start: cursor.start,
      openEnd: cursor.end,
      closeStart: cursor.end,
      end: cursor.end,
      empty: cursor.empty,
      s: (custom === '1' || custom === 'true') && rs ? Number(rs) : null,
      spans: cursor.attr('spans'),
      cells: null,
    };
    if (writes.has(r)) row.cells = scanCells(cursor);
    else cursor.skipPlain();
    if (!row.empty) row.closeStart = cursor.start;
    row.end = cursor.end;
    scan.rows.push(row);
  }
}

function scanCells(cursor: XmlCursor): CellInfo[] {
  const cells: CellInfo[] = [];
  if (cursor.empty) return cells;
  const depth = cursor.depth;
  let last = 0;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end' && cursor.depth === depth) break;
    if (kind !== 'start' || cursor.depth !== depth + 1) continue;
    if (cursor.local !== 'c' || !isMain(cursor)) {
      cursor.skip();
      continue;
    }
    const ref = cursor.attr('r');
    const at = ref ? addressOf(ref) : null;
    const col = at ? at.col : last + 1;
    last = col;
    const cell: CellInfo = { col, explicit: at !== null, start: cursor.start, end: cursor.end, s: Number(cursor.attr('s')) || 0, hasContent: false, formula: false, formulaRange: false };
    if (!cursor.empty) {
      const open = cursor.end;
      cursor.skipPlain();
      // What the cell holds is looked at as text: a value, and whether it is a formula others share.
      const content = cursor.xml.slice(open, cursor.start);
      cell.hasContent = /<[^/!?]/.test(content);
      const f = /<(?:[\w.-]+:)?f(?=[\s/>])([^>]*)>/.exec(content);
      if (f) {
        cell.formula = true;
        const range = /\sref\s*=\s*["']([^"']*)["']/.exec(f[1])?.[1];
        if (range && range !== ref) cell.formulaRange = true;
      }
    }
    cell.end = cursor.end;
    cells.push(cell);
  }
  return cells;
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
    // The header: bold in the plan's own header font, on a grey fill, wrapped.
    const fontFrom = base !== 0 ? base : before && before.col === col - 1 && before.s ? before.s : 0;
    const fontId = styles.font(boldFont(styles.fontOf(fontFrom)));
    const fillId = styles.fill(solidFill(styles, HEADER_FILL));
    return textCell(p, ref, styles.derive(base, { fontId, fillId, alignment: { wrapText: '1' } }), write.text);
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

// ---- column widths ---------------------------------------------------------------------------

function writeWidths(xml: string, scan: Scan, widths: { col: number; width: number }[], splices: Splice[]): void {
  const { p } = scan;
  type Piece = { min: number; max: number; attrs: [string, string][] };
  // The pieces each of the user's <col> elements becomes, and the new ones.
  const pieces = new Map<ColInfo, Piece[]>(scan.cols.map((c) => [c, [{ min: c.min, max: c.max, attrs: c.attrs }]]));
  const added: Piece[] = [];
  for (const { col, width } of [...widths].sort((a, b) => a.col - b.col)) {
    const set = (attrs: [string, string][]) => withAttrs(attrs, { min: String(col), max: String(col), width: String(width), customWidth: '1' });
    const owner = scan.cols.find((c) => col >= c.min && col <= c.max);
    if (!owner) {
      added.push({ min: col, max: col, attrs: set([]) });
      continue;
    }
    const list = pieces.get(owner)!;
    const i = list.findIndex((piece) => col >= piece.min && col <= piece.max);
    const piece = list[i];
    const split: Piece[] = [];
    if (piece.min < col) split.push({ min: piece.min, max: col - 1, attrs: withAttrs(piece.attrs, { max: String(col - 1) }) });
    split.push({ min: col, max: col, attrs: set(piece.attrs) });
    if (piece.max > col) split.push({ min: col + 1, max: piece.max, attrs: withAttrs(piece.attrs, { min: String(col + 1) }) });
    list.splice(i, 1, ...split);
  }
  const colXml = (piece: Piece) => `<${p}col${piece.attrs.map(([n, v]) => ` ${n}="${escapeXml(v)}"`).join('')}/>`;
  for (const [info, list] of pieces) {
    if (list.length === 1 && list[0].attrs === info.attrs) continue;
    const text = list.map(colXml).join('');
    if (text !== xml.slice(info.start, info.end)) splices.push({ start: info.start, end: info.end, text });
  }
  if (!added.length) return;
  if (!scan.colsEl) {
    const at = insertionPoint(scan, AFTER_COLS);
    splices.push({ start: at, end: at, text: `<${p}cols>${added.map(colXml).join('')}</${p}cols>` });
    return;
  }
  for (const piece of added) {
    const next = scan.cols.find((c) => c.min > piece.min);
    if (next) {
      splices.push({ start: next.start, end: next.start, text: colXml(piece) });
    } else if (scan.colsEl.empty) {
      const open = xml.slice(scan.colsEl.start, scan.colsEl.end).replace(/\s*\/>$/, '>');
      splices.push({ start: scan.colsEl.start, end: scan.colsEl.end, text: `${open}${colXml(piece)}</${scan.colsEl.name}>` });
    } else {
      splices.push({ start: scan.colsEl.closeStart, end: scan.colsEl.closeStart, text: colXml(piece) });
    }
  }
}

/** Attributes with some set: those present keep their place, new ones go after min and max. */
function withAttrs(attrs: [string, string][], set: Record<string, string>): [string, string][] {
  const out: [string, string][] = attrs.map(([n, v]) => [n, n in set ? set[n] : v]);
  for (const [n, v] of Object.entries(set)) if (!out.some(([m]) => m === n)) out.push([n, v]);
  const order = (n: string) => (n === 'min' ? 0 : n === 'max' ? 1 : 2);
  return out.sort((a, b) => order(a[0]) - order(b[0]));
}

/** Where an element goes: before the first of the sheet's children that must follow it, or last. */
function insertionPoint(scan: Scan, followers: string[]): number {
  const next = scan.tops.find((t) => t.main && followers.includes(t.local));
  if (next) return next.start;
  return scan.xml.lastIndexOf(`</${scan.root}`);
}

// ---- conditional formats ---------------------------------------------------------------------

function writeRules(scan: Scan, rules: ConditionalFormat[], styles: StyleBook, splices: Splice[]): number {
  const { p } = scan;
  let operations = 0;
  let lastKept: RuleBlock | undefined;
  for (const block of scan.ruleBlocks) {
    const ours = block.rules.filter((r) => r.ours);
    if (!ours.length) {
      lastKept = block;
      continue;
    }
    operations += ours.length;
    if (ours.length === block.rules.length) splices.push({ start: block.start, end: block.end, text: '' });
    else {
      lastKept = block;
      for (const rule of ours) splices.push({ start: rule.start, end: rule.end, text: '' });
    }
  }
  if (!rules.length) return operations;
  // One element per range, rules in the patch's order (the first wins where they overlap), ranked
  // after the user's own rules.
  let priority = scan.userPriority;
  const byRange = new Map<string, string[]>();
  for (const rule of rules) {
    const dxfId = styles.dxf(ruleFormat(styles, rule));
    const formula = escapeXml(rule.formula.replace(/^=/, ''));
    const list = byRange.get(rule.address) ?? [];
    list.push(`<${p}cfRule type="expression" dxfId="${dxfId}" priority="${++priority}"><${p}formula>${formula}</${p}formula></${p}cfRule>`);
    byRange.set(rule.address, list);
  }
  const text = [...byRange].map(([ref, list]) => `<${p}conditionalFormatting sqref="${escapeXml(ref)}">${list.join('')}</${p}conditionalFormatting>`).join('');
  const at = lastKept ? lastKept.end : insertionPoint(scan, AFTER_RULES);
  splices.push({ start: at, end: at, text });
  return operations + rules.length;
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
