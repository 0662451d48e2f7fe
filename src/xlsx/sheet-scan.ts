import { isOwnedRule } from '../core/patch';
import { addressOf } from './grid';
import { isMain } from './package';
import { RefusedEdit } from './refused';
import { XmlCursor } from './xml';

/**
 * A plan sheet read for editing: where its elements, rows and cells are in the text, so that
 * BoardPlan's changes can be spliced in around the user's XML. Only the rows BoardPlan writes in
 * are read cell by cell; the others are passed over.
 */

export interface CellInfo {
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

export interface RowInfo {
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

export interface Top {
  local: string;
  main: boolean;
  start: number;
  end: number;
  openEnd: number;
  closeStart: number;
  empty: boolean;
  name: string;
}

export interface ColInfo {
  min: number;
  max: number;
  attrs: [string, string][];
  start: number;
  end: number;
}

export interface RuleBlock {
  start: number;
  end: number;
  rules: { start: number; end: number; ours: boolean }[];
}

export interface Scan {
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

export function scanSheet(xml: string, sheet: string, rowsRead: Set<number>): Scan {
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
      scanRows(cursor, scan, rowsRead);
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

function scanRows(cursor: XmlCursor, scan: Scan, rowsRead: Set<number>): void {
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
    if (rowsRead.has(r)) row.cells = scanCells(cursor);
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

/** Where an element goes: before the first of the sheet's children that must follow it, or last. */
export function insertionPoint(scan: Scan, followers: string[]): number {
  const next = scan.tops.find((t) => t.main && followers.includes(t.local));
  if (next) return next.start;
  return scan.xml.lastIndexOf(`</${scan.root}`);
}
