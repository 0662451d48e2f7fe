import { isOwnedRule } from '../core/patch';
import { addressOf } from './grid';
import { isMain } from './package';
import { XmlCursor, unescapeXml } from './xml';

/**
 * The plan-sheet half of what a refresh promises (compare.ts): a sheet BoardPlan wrote its
 * columns and rules into is, outside them, what the user had.
 */

/** Where two texts first differ, for a message: a few words of each. */
export function whereDiffer(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (t: string) => t.slice(Math.max(0, i - 30), i + 50).replace(/\s+/g, ' ');
  return `"…${around(a)}…" became "…${around(b)}…"`;
}

/**
 * A plan sheet: every element but the cells, column widths and conditional formats is the same;
 * every cell outside BoardPlan's columns is the same (value, formula, format, attributes), rows
 * keep their settings, the user's rules are all there in order, and the user's columns keep their
 * widths and settings.
 */
export function comparePlanSheets(was: string, now: string, sheet: string, ours: Set<number>): string[] {
  const a = readSheet(was, ours);
  const b = readSheet(now, ours);
  const problems: string[] = [];
  // The other elements, as written (an element as the user wrote it is the same text), else as read.
  const text = (xml: string, tops: SheetRead['tops']) => tops.map((t) => (typeof t === 'string' ? t : xml.slice(t.start, t.end))).join('\n');
  if (text(was, a.tops) !== text(now, b.tops)) {
    const shape = (xml: string, tops: SheetRead['tops']) => tops.map((t) => (typeof t === 'string' ? t : subtreeAt(xml, t))).join('\n');
    const x = shape(was, a.tops);
    const y = shape(now, b.tops);
    if (x !== y) problems.push(`the sheet '${sheet}' changed outside its cells (${whereDiffer(x, y)})`);
  }
  if (a.rules.join('') !== b.rules.join('')) problems.push(`the user's conditional formats on '${sheet}' changed`);
  if (a.cols.join('') !== b.cols.join('')) problems.push(`the user's column settings on '${sheet}' changed`);
  // Rows BoardPlan did not write in are as they were, byte for byte: only the others are read closely.
  const rowsB = new Map(b.rows.map((r) => [r.r, r]));
  for (const row of a.rows) {
    const other = rowsB.get(row.r);
    rowsB.delete(row.r);
    if (!other) {
      problems.push(`row ${row.r} of '${sheet}' is missing`);
      continue;
    }
    if (was.slice(row.start, row.end) === now.slice(other.start, other.end)) continue;
    // A row BoardPlan wrote in is, but for its cells and spans, as it was written.
    if (rowText(was, row, ours) === rowText(now, other, ours)) continue;
    const x = rowShape(was, row, ours);
    const y = rowShape(now, other, ours);
    if (x.attrs !== y.attrs) problems.push(`row ${row.r} of '${sheet}' changed its settings`);
    if (x.cells.join('') !== y.cells.join('')) problems.push(`a cell of row ${row.r} of '${sheet}' changed (${whereDiffer(x.cells.join(''), y.cells.join(''))})`);
    if (problems.length > 20) return problems;
  }
  for (const row of rowsB.values()) {
    const shape = rowShape(now, row, ours);
    if (shape.cells.length || shape.attrs !== '') problems.push(`row ${row.r} of '${sheet}' was added with more than BoardPlan's cells`);
  }
  return problems;
}

interface SheetRead {
  /** The sheet's start tag as read, a mark for its cells, and the places of its other elements. */
  tops: (string | { start: number; end: number })[];
  rules: string[];
  cols: string[];
  rows: { r: number; start: number; end: number }[];
}

function readSheet(xml: string, ours: Set<number>): SheetRead {
  const out: SheetRead = { tops: [], rules: [], cols: [], rows: [] };
  const cursor = new XmlCursor(xml);
  cursor.next();
  out.tops.push(startTag(cursor));
  while (cursor.next() !== 'eof') {
    if (cursor.kind !== 'start' || cursor.depth !== 1) continue;
    const main = isMain(cursor);
    if (main && cursor.local === 'sheetData') {
      out.tops.push('sheetData');
      readRows(cursor, out.rows);
    } else if (main && cursor.local === 'dimension') {
      cursor.skip();
    } else if (main && cursor.local === 'cols') {
      out.cols.push(...columnSettings(cursor, ours));
    } else if (main && cursor.local === 'conditionalFormatting') {
      // The user's rules in order; a block that held only BoardPlan's is not the user's.
      const block = subtree(cursor, (local, text) => local === 'cfRule' && isOwnedRule(unescapeXml(text)));
      if (block.includes('|cfRule ')) out.rules.push(block);
    } else {
      const start = cursor.start;
      cursor.skip();
      out.tops.push({ start, end: cursor.end });
    }
  }
  return out;
}

function startTag(cursor: XmlCursor, drop: string[] = []): string {
  const attrs = cursor
    .attributes()
    .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:') && !drop.includes(a.local))
    .map((a) => `${a.ns}|${a.local}=${a.value}`)
    .sort()
    .join(' ');
  return `<${cursor.ns}|${cursor.local} ${attrs}>`;
}

/**
 * The element at the cursor and all it holds, as one string (children for which `drop` says so
 * left out); the cursor ends on its end tag.
 */
function subtree(cursor: XmlCursor, drop?: (local: string, text: string) => boolean): string {
  const parts = [startTag(cursor)];
  if (!cursor.empty) {
    let textFrom = cursor.end;
    for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
      const text = cursor.xml.slice(textFrom, cursor.start).trim();
      if (text) parts.push(text);
      // Children are read whole, so the next end tag is the element's own.
      if (kind === 'end') break;
      const local = cursor.local;
      const child = subtree(cursor, drop);
      if (!drop?.(local, child)) parts.push(child);
      textFrom = cursor.end;
    }
  }
  parts.push('</>');
  return parts.join('');
}

function readRows(cursor: XmlCursor, rows: SheetRead['rows']): void {
  if (cursor.empty) return;
  const depth = cursor.depth;
  let last = 0;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end' && cursor.depth === depth) return;
    if (kind !== 'start' || cursor.depth !== depth + 1) continue;
    const explicit = Number(cursor.attr('r'));
    const r = Number.isInteger(explicit) && explicit > 0 ? explicit : last + 1;
    last = r;
    const start = cursor.start;
    cursor.skipPlain();
    rows.push({ r, start, end: cursor.end });
  }
}

/** The element at a place, as one string (subtree). */
function subtreeAt(xml: string, at: { start: number; end: number }): string {
  const cursor = new XmlCursor(xml, at.start, at.end);
  cursor.next();
  return subtree(cursor);
}

/** A row as written, without its spans and without the cells in BoardPlan's columns. */
function rowText(xml: string, row: { start: number; end: number }, ours: Set<number>): string {
  const cursor = new XmlCursor(xml, row.start, row.end);
  cursor.next();
  const parts = [xml.slice(cursor.start, cursor.end).replace(/\sspans\s*=\s*("[^"]*"|'[^']*')/, '')];
  if (cursor.empty) return parts[0];
  const rowDepth = cursor.depth;
  let col = 0;
  let from = cursor.end;
  for (let k = cursor.next(); k !== 'eof'; k = cursor.next()) {
    if (k === 'end' && cursor.depth === rowDepth) break;
    if (k !== 'start' || cursor.depth !== rowDepth + 1) continue;
    const ref = cursor.attr('r');
    const at = ref ? addressOf(ref) : null;
    col = at ? at.col : col + 1;
    const start = cursor.start;
    cursor.skipPlain();
    if (ours.has(col)) {
      parts.push(xml.slice(from, start));
      from = cursor.end;
    }
  }
  parts.push(xml.slice(from, cursor.end));
  return parts.join('');
}

/** A row's settings (its number and spans aside) and its cells outside BoardPlan's columns, each as one string. */
function rowShape(xml: string, row: { start: number; end: number }, ours: Set<number>): { attrs: string; cells: string[] } {
  const cursor = new XmlCursor(xml, row.start, row.end);
  cursor.next();
  const attrs = startTag(cursor, ['r', 'spans']).replace(/^<[^ ]* /, '').replace(/>$/, '');
  const cells: string[] = [];
  if (cursor.empty) return { attrs, cells };
  const rowDepth = cursor.depth;
  let col = 0;
  for (let k = cursor.next(); k !== 'eof'; k = cursor.next()) {
    if (k === 'end' && cursor.depth === rowDepth) break;
    if (k !== 'start' || cursor.depth !== rowDepth + 1) continue;
    const ref = cursor.attr('r');
    const at = ref ? addressOf(ref) : null;
    col = at ? at.col : col + 1;
    if (ours.has(col)) cursor.skip();
    else cells.push(`${col}:${subtree(cursor)}`);
  }
  return { attrs, cells };
}

/** The settings of each of the user's columns (BoardPlan's left out), as runs of equal settings. */
function columnSettings(cursor: XmlCursor, ours: Set<number>): string[] {
  const runs: { min: number; max: number; attrs: string }[] = [];
  const onlyOurs = (from: number, to: number) => {
    for (let col = from; col <= to; col++) if (!ours.has(col)) return false;
    return true;
  };
  const add = (min: number, max: number, attrs: string) => {
    const prev = runs[runs.length - 1];
    // Joined again where a span was split around BoardPlan's column.
    if (prev && prev.attrs === attrs && onlyOurs(prev.max + 1, min - 1)) prev.max = max;
    else runs.push({ min, max, attrs });
  };
  if (cursor.empty) return [];
  const depth = cursor.depth;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end' && cursor.depth === depth) break;
    if (kind !== 'start' || cursor.depth !== depth + 1) continue;
    const min = Number(cursor.attr('min'));
    const max = Number(cursor.attr('max'));
    const attrs = startTag(cursor, ['min', 'max']);
    cursor.skip();
    let from = min;
    for (const cut of [...[...ours].filter((c) => c >= min && c <= max).sort((a, b) => a - b), max + 1]) {
      if (from <= cut - 1) add(from, cut - 1, attrs);
      from = cut + 1;
    }
  }
  return runs.map((r) => `${r.min}-${r.max}${r.attrs}`);
}
