import { isOwnedRule } from '../core/patch';
import { addressOf } from './grid';
import { findPart, hangingFrom, isMain, partGraph, readWorkbook, relKind, relsPathFor, resolveTarget, type WorkbookParts } from './package';
import { XmlCursor, attrOf, parseXml, textOf, unescapeXml, type XmlElement } from './xml';
import type { ZipPackage } from './zip';

/**
 * What a refresh promises the user, checked on the package it wrote against the one it read:
 * every part BoardPlan does not own is byte for byte the same; the few it edits (the workbook
 * part, its relationships, the content types, docProps/app.xml, styles.xml, the plan sheets) differ
 * only by BoardPlan's additions, found by reading both and comparing everything else: the sheets
 * and their order, defined names, cells, formulas and cached values, validations, conditional
 * formats, merged areas, the widths of the user's columns, the user's formats.
 *
 * The host checks it before writing a file; the tests and `npm run corpus` check it on every
 * workbook they refresh.
 */

/** What BoardPlan owns: its columns on each plan sheet, and its own sheets (written or deleted). */
export interface Ownership {
  columns: Map<string, Set<number>>;
  sheets: Set<string>;
}

/** How the output differs from the input beyond BoardPlan's additions: empty when it keeps everything. */
export async function differences(before: ZipPackage, after: ZipPackage, own: Ownership): Promise<string[]> {
  const problems: string[] = [];
  const a = await readWorkbook(before);
  const b = await readWorkbook(after);
  const edited = new Set<string>([a.path, relsPathFor(a.path), '[Content_Types].xml']);
  const app = await appPath(before);
  if (app) edited.add(app);
  if (a.styles) edited.add(a.styles);
  const calcChain = a.rels.find((r) => relKind(r.type) === 'calcChain')?.path;
  const planPaths = new Map<string, string>();
  for (const [name] of own.columns) {
    const path = a.sheets.find((s) => s.name === name)?.path;
    if (path) planPaths.set(path, name);
  }
  const ownBefore = await ownParts(before, a, own.sheets);
  const ownAfter = await ownParts(after, b, own.sheets);

  for (const path of before.paths()) {
    if (ownBefore.has(path) || planPaths.has(path) || edited.has(path)) continue;
    if (path === calcChain && !after.has(path)) continue;
    const was = await before.readBytes(path);
    const now = after.has(path) ? await after.readBytes(path) : undefined;
    if (!now) problems.push(`the part ${path} is missing`);
    else if (!was!.equals(now)) problems.push(`the part ${path} changed`);
  }
  for (const path of after.paths()) {
    if (before.has(path) || ownAfter.has(path) || edited.has(path) || path === b.styles) continue;
    problems.push(`the part ${path} was added`);
  }

  problems.push(...compareWorkbooks(a, b, own.sheets));
  problems.push(...(await compareRels(before, after, relsPathFor(a.path), ownBefore, ownAfter, calcChain, b.styles)));
  problems.push(...(await compareContentTypes(before, after, ownBefore, ownAfter, calcChain, b.styles)));
  if (app) problems.push(...(await compareParts(before, after, app, (el) => el.local === 'HeadingPairs' || el.local === 'TitlesOfParts')));
  if (a.styles) problems.push(...(await compareStyles(before, after, a.styles, b.styles ?? a.styles)));
  for (const [path, name] of planPaths) {
    const was = (await before.read(path)) ?? '';
    const now = (await after.read(path)) ?? '';
    if (was !== now) problems.push(...comparePlanSheets(was, now, name, own.columns.get(name) ?? new Set()));
  }
  return problems;
}

async function appPath(zip: ZipPackage): Promise<string | undefined> {
  const rels = await zip.read(findPart(zip, '_rels/.rels') ?? '_rels/.rels');
  if (!rels) return undefined;
  const rel = parseXml(rels).children.find((c) => relKind(attrOf(c, 'Type') ?? '') === 'extended-properties');
  return rel ? findPart(zip, resolveTarget('', attrOf(rel, 'Target') ?? '')) : undefined;
}

/** BoardPlan's own sheets' parts and what hangs from them alone. */
async function ownParts(zip: ZipPackage, wb: WorkbookParts, names: Set<string>): Promise<Set<string>> {
  const roots = wb.sheets.filter((s) => names.has(s.name) && s.path).map((s) => s.path!);
  const parts = hangingFrom(await partGraph(zip), roots);
  for (const part of [...parts]) {
    const rels = findPart(zip, relsPathFor(part));
    if (rels) parts.add(rels);
  }
  return parts;
}

/** Where two texts first differ, for a message: a few words of each. */
export function whereDiffer(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (t: string) => t.slice(Math.max(0, i - 30), i + 50).replace(/\s+/g, ' ');
  return `"…${around(a)}…" became "…${around(b)}…"`;
}

// ---- trees ------------------------------------------------------------------------------------

/** An element and all it holds as one string, attributes in order of name: two equal elements give the same. */
function canonical(xml: string, el: XmlElement, skip?: (el: XmlElement) => boolean): string {
  const attrs = el.attrs
    .filter((at) => at.name !== 'xmlns' && !at.name.startsWith('xmlns:'))
    .map((at) => `${at.ns}|${at.local}=${at.value}`)
    .sort()
    .join(' ');
  const children = el.children.filter((c) => !skip?.(c));
  const body = el.children.length ? children.map((c) => canonical(xml, c, skip)).join('') : textOf(xml, el).trim();
  return `<${el.ns}|${el.local} ${attrs}>${body}</>`;
}

async function compareParts(before: ZipPackage, after: ZipPackage, path: string, skip: (el: XmlElement) => boolean): Promise<string[]> {
  const was = await before.read(path);
  const now = await after.read(path);
  if (was === now) return [];
  if (was === undefined || now === undefined) return [`the part ${path} is missing`];
  return canonical(was, parseXml(was), skip) === canonical(now, parseXml(now), skip) ? [] : [`the part ${path} changed beyond BoardPlan's additions`];
}

/** The workbook part: the same sheets (but BoardPlan's), names, settings; the active tab may move to a visible sheet. */
function compareWorkbooks(a: WorkbookParts, b: WorkbookParts, own: Set<string>): string[] {
  const shape = (wb: WorkbookParts) => {
    const names = wb.sheets.map((s) => s.name);
    const skip = (el: XmlElement): boolean => {
      if (!isMain(el)) return false;
      if (el.local === 'sheet') return own.has(attrOf(el, 'name') ?? '');
      if (el.local === 'definedName') {
        const local = attrOf(el, 'localSheetId');
        return local !== undefined && own.has(names[Number(local)] ?? '');
      }
      // A list of names that holds only BoardPlan's (one the workbook did not have) is BoardPlan's.
      if (el.local === 'definedNames') return el.children.every(skip);
      return false;
    };
    // A name local to a sheet is compared by the sheet's name, not its place.
    const text = canonical(wb.xml, wb.root, skip).replace(/\|localSheetId=(\d+)/g, (_, i: string) => `|localSheet=${names[Number(i)]}`);
    return text.replace(/\|(activeTab|firstSheet)=\d+/g, '');
  };
  const was = shape(a);
  const now = shape(b);
  return was === now ? [] : [`the workbook's list of sheets, names or settings (${whereDiffer(was, now)})`];
}

async function compareRels(
  before: ZipPackage,
  after: ZipPackage,
  path: string,
  ownBefore: Set<string>,
  ownAfter: Set<string>,
  calcChain: string | undefined,
  styles: string | undefined,
): Promise<string[]> {
  const list = async (zip: ZipPackage, own: Set<string>) => {
    const xml = await zip.read(findPart(zip, path) ?? path);
    if (!xml) return [];
    return parseXml(xml)
      .children.filter((el) => {
        const target = attrOf(el, 'TargetMode') === 'External' ? undefined : findPart(zip, resolveTarget(path.replace(/_rels\/([^/]*)\.rels$/, '$1'), attrOf(el, 'Target') ?? ''));
        return !(target && (own.has(target) || target === calcChain || target === styles));
      })
      .map((el) => canonical(xml, el));
  };
  const was = await list(before, ownBefore);
  const now = await list(after, ownAfter);
  return was.join('') === now.join('') ? [] : [`the workbook's relationships changed beyond BoardPlan's additions`];
}

async function compareContentTypes(
  before: ZipPackage,
  after: ZipPackage,
  ownBefore: Set<string>,
  ownAfter: Set<string>,
  calcChain: string | undefined,
  styles: string | undefined,
): Promise<string[]> {
  const list = async (zip: ZipPackage, own: Set<string>) => {
    const path = findPart(zip, '[Content_Types].xml');
    const xml = path ? await zip.read(path) : undefined;
    if (!xml) return [];
    const ours = new Set([...own, calcChain, styles].filter(Boolean).map((p) => `/${p}`.toLowerCase()));
    return parseXml(xml)
      .children.filter((el) => !(el.local === 'Override' && ours.has((attrOf(el, 'PartName') ?? '').toLowerCase())))
      .map((el) => canonical(xml, el));
  };
  const was = await list(before, ownBefore);
  const now = await list(after, ownAfter);
  return was.join('') === now.join('') ? [] : ['the content types changed beyond BoardPlan\'s additions'];
}

/** styles.xml: every list starts with the user's items as they were, and nothing else changed. */
async function compareStyles(before: ZipPackage, after: ZipPackage, pathBefore: string, pathAfter: string): Promise<string[]> {
  const was = await before.read(pathBefore);
  const now = await after.read(pathAfter);
  if (was === now) return [];
  if (!was || !now) return ['styles.xml is missing'];
  const a = parseXml(was);
  const b = parseXml(now);
  const problems: string[] = [];
  const lists = (root: XmlElement) => new Map(root.children.map((c) => [c.local, c]));
  const listsB = lists(b);
  for (const [local, el] of lists(a)) {
    const other = listsB.get(local);
    if (!other) {
      problems.push(`styles.xml lost its ${local}`);
      continue;
    }
    const items = el.children.map((c) => canonical(was, c));
    const kept = other.children.slice(0, items.length).map((c) => canonical(now, c));
    const attrs = (x: XmlElement, text: string) => canonical(text, { ...x, children: [] }).replace(/ [^ >]*\|count=\d+/, '');
    if (items.join('') !== kept.join('') || attrs(el, was) !== attrs(other, now)) problems.push(`styles.xml changed the ${local} the workbook had`);
  }
  return problems;
}

// ---- plan sheets ------------------------------------------------------------------------------

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
