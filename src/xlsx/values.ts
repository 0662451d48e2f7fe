import type { CellValue, SheetSnapshot, TableSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { parseRels, readText, relsPathFor, resolveTarget, sheetParts, tags, unescapeXml, type PackageParts } from './parts';
import { BUILT_IN_SHORT_DATE, DAY_MS, dateCellFormat, parseRange, serial, sheetFromCells, type FoundCell } from './snapshot';

/**
 * The snapshot of an .xlsx package read straight from its XML: each sheet's cell values and number
 * formats, and its tables. A check needs nothing else, so it need not build ExcelJS's model of
 * every cell, style and row. It reads what ExcelJS reads, the same way (tests/xlsx/snapshot.test.ts
 * runs every case through both, and tests/cli/cli-property.test.ts compares them on any workbook):
 * formulas by their cached results, rich text as its plain text without phonetic guides, a merged
 * area's value in its top-left cell only, dates as serial numbers with their format.
 */

export async function snapshotFromPackage(zip: PackageParts, name: string): Promise<WorkbookSnapshot> {
  const workbookXml = (await readText(zip, 'xl/workbook.xml')) ?? '';
  const wbRels = parseRels(await readText(zip, 'xl/_rels/workbook.xml.rels'));
  const relTarget = (type: string, fallback: string) => {
    const rel = wbRels.find((r) => r.Type.endsWith(`/${type}`));
    return rel ? resolveTarget('xl/workbook.xml', rel.Target) : fallback;
  };
  const strings = sharedStrings(await readText(zip, relTarget('sharedStrings', 'xl/sharedStrings.xml')));
  const styles = cellStyles(await readText(zip, relTarget('styles', 'xl/styles.xml')));
  const pr = tags(workbookXml, 'workbookPr')[0]?.attrs.date1904;
  const date1904 = pr === '1' || pr === 'true';
  const visibilityOf = new Map(tags(workbookXml, 'sheet').map(({ attrs }) => [attrs.name, attrs.state]));

  const sheets: SheetSnapshot[] = [];
  const tables: TableSnapshot[] = [];
  for (const part of await sheetParts(zip)) {
    const xml = await readText(zip, part.path);
    if (xml === undefined) continue;
    const sheetTables = await tablesOf(zip, part.path, xml, part.name);
    const state = visibilityOf.get(part.name);
    const visibility = state === 'hidden' || state === 'veryHidden' ? state : 'visible';
    sheets.push(sheetFromCells(part.name, visibility, cellsOf(xml, strings, styles, date1904), sheetTables));
    tables.push(...sheetTables);
  }
  return { name, sheets, tables };
}

// ---- shared strings -------------------------------------------------------------------------

function sharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (!xml) return out;
  for (let lt = xml.indexOf('<si'); lt >= 0; lt = xml.indexOf('<si', lt + 1)) {
    if (!isTag(xml, lt, 'si')) continue;
    const si = elementAt(xml, lt, 'si', xml.length);
    if (!si) break;
    out.push(textOf(xml, si.start, si.end));
    lt = si.end;
  }
  return out;
}

/**
 * The text of a string item (<si> or <is>) between `from` and `to`: its <t> elements joined, those
 * of phonetic guides (<rPh>) left out, as Excel shows the cell.
 */
function textOf(xml: string, from: number, to: number): string {
  let text = '';
  let lt = xml.indexOf('<', from);
  while (lt >= 0 && lt < to) {
    const isText = isTag(xml, lt, 't');
    if (isText || isTag(xml, lt, 'rPh')) {
      const element = elementAt(xml, lt, isText ? 't' : 'rPh', to);
      if (!element) break;
      if (isText) text += xml.slice(element.start, element.end);
      lt = xml.indexOf('<', element.after);
    } else {
      lt = xml.indexOf('<', lt + 1);
    }
  }
  return decodeEscapes(unescapeXml(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text));
}

/** Whether the tag starting at `lt` is named `name` (not merely a name beginning with it). */
function isTag(xml: string, lt: number, name: string): boolean {
  return xml.startsWith(name, lt + 1) && isNameEnd(xml.charCodeAt(lt + 1 + name.length));
}

/**
 * The content of the element `name` whose start tag is at `lt` (empty for an empty tag), no
 * further than `to`, and where the scan goes on after it; null for a tag left unclosed.
 */
function elementAt(xml: string, lt: number, name: string, to: number): { start: number; end: number; after: number } | null {
  const gt = xml.indexOf('>', lt);
  if (gt < 0 || gt >= to) return null;
  if (xml.charCodeAt(gt - 1) === 47 /* / */) return { start: gt + 1, end: gt + 1, after: gt + 1 };
  const close = xml.indexOf(`</${name}>`, gt);
  const end = close < 0 || close > to ? to : close;
  return { start: gt + 1, end, after: Math.min(to, end + name.length + 3) };
}

/** Characters an XML file cannot hold as such are written _xHHHH_ (e.g. _x000D_ for a carriage return). */
function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

// ---- styles ---------------------------------------------------------------------------------

interface CellStyle {
  /** The number format's code; undefined for General. */
  format: string | undefined;
  isDate: boolean;
}

/**
 * Excel's built-in number formats (those a file names by id alone), in the codes ExcelJS gives them:
 * 14 is the regional short date, read as a UK date (dateCellFormat).
 */
const BUILT_IN_FORMATS: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: BUILT_IN_SHORT_DATE,
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** A format shows a date or time when, outside its quoted text and [colour]/[locale] parts, it has a date or time code. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The cell formats (cellXfs), by the index a cell's `s` attribute gives. */
function cellStyles(xml: string | undefined): CellStyle[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  // Escaped characters ("mmm\-yy", as some programs write them) are read as themselves, as ExcelJS does.
  for (const { attrs } of tags(xml, 'numFmt')) custom.set(Number(attrs.numFmtId), (attrs.formatCode ?? '').replace(/\\(.)/g, '$1'));
  const from = xml.indexOf('<cellXfs');
  if (from < 0) return [];
  const to = xml.indexOf('</cellXfs>', from);
  return tags(xml.slice(from, to < 0 ? undefined : to), 'xf').map(({ attrs }) => {
    const id = Number(attrs.numFmtId);
    const format = id ? (custom.get(id) ?? BUILT_IN_FORMATS[id]) : undefined;
    return { format, isDate: isDateFormat(format) };
  });
}

// ---- cells ----------------------------------------------------------------------------------

/** The Unix epoch's Excel serial, in the arithmetic ExcelJS uses. */
const UNIX_EPOCH_SERIAL = 25569;
/** The 1904 date system counts from 1 Jan 1904, 1,462 days later. */
const DAYS_1904 = 1462;

/**
 * A date-formatted number as the serial ExcelJS's reading gives: the JavaScript date ExcelJS makes
 * of it (to the millisecond), then that date's serial as the other reader takes it (snapshot.ts).
 */
function dateSerial(value: number, date1904: boolean): number | null {
  return serial(new Date(Math.round((value - UNIX_EPOCH_SERIAL + (date1904 ? DAYS_1904 : 0)) * DAY_MS)));
}

/** The non-empty cells of a worksheet's <sheetData>, with a merged area's value in its top-left cell only. */
function cellsOf(xml: string, strings: string[], styles: CellStyle[], date1904: boolean): FoundCell[] {
  const found: FoundCell[] = [];
  const start = xml.indexOf('<sheetData');
  if (start < 0) return found;
  const close = xml.indexOf('</sheetData>', start);
  const end = close < 0 ? start : close;
  let row = 0;
  let col = 0;
  let at = start;
  for (;;) {
    const lt = xml.indexOf('<', at + 1);
    if (lt < 0 || lt >= end) break;
    const tagEnd = xml.indexOf('>', lt);
    if (tagEnd < 0) break;
    at = tagEnd;
    if (isTag(xml, lt, 'row')) {
      const r = attribute(xml, lt + 4, tagEnd, 'r');
      row = r ? parseInt(r, 10) || row + 1 : row + 1;
      col = 0;
      continue;
    }
    if (!isTag(xml, lt, 'c')) continue;
    const ref = attribute(xml, lt + 2, tagEnd, 'r');
    const at1 = ref ? addressOf(ref) : null;
    if (at1) {
      row = at1.row;
      col = at1.col;
    } else {
      col++;
    }
    if (xml.charCodeAt(tagEnd - 1) === 47 /* / */) continue; // <c …/>: no value
    const cellClose = xml.indexOf('</c>', tagEnd);
    const contentEnd = cellClose < 0 || cellClose > end ? end : cellClose;
    at = contentEnd;
    const type = attribute(xml, lt + 2, tagEnd, 't');
    const s = attribute(xml, lt + 2, tagEnd, 's');
    const style = s ? styles[parseInt(s, 10)] : undefined;
    const value = cellValueOf(xml, tagEnd + 1, contentEnd, type, style, strings, date1904);
    if (value === null || value === '') continue;
    const isDate = typeof value === 'number' && style?.isDate === true;
    found.push({ row, col, value, format: isDate ? dateCellFormat(style.format) : (style?.format ?? 'General') });
  }
  return dropMerged(xml, end, found);
}

function cellValueOf(
  xml: string,
  from: number,
  to: number,
  type: string | undefined,
  style: CellStyle | undefined,
  strings: string[],
  date1904: boolean,
): CellValue {
  if (type === 'inlineStr') {
    const is = childAt(xml, from, to, 'is');
    return is >= 0 ? textOf(xml, is, to) : null;
  }
  const v = elementText(xml, from, to, 'v');
  const formula = childAt(xml, from, to, 'f') >= 0;
  // A formula shows its cached result; one never calculated shows nothing.
  if (v === undefined) return null;
  switch (type) {
    case 's':
      return formula ? numberOf(v, style, date1904) : (strings[parseInt(v, 10)] ?? null);
    case 'str':
      return unescapeXml(v);
    case 'b':
      return parseInt(v, 10) !== 0;
    case 'e':
      return unescapeXml(v);
    default:
      return numberOf(v, style, date1904);
  }
}

function numberOf(text: string, style: CellStyle | undefined, date1904: boolean): number | null {
  const n = parseFloat(text);
  if (!Number.isFinite(n)) return null;
  return style?.isDate ? dateSerial(n, date1904) : n;
}

/** The text of a cell's first child element `name`; undefined when it has none or it is empty. */
function elementText(xml: string, from: number, to: number, name: string): string | undefined {
  const lt = childAt(xml, from, to, name);
  const element = lt < 0 ? null : elementAt(xml, lt, name, to);
  return element && element.end > element.start ? xml.slice(element.start, element.end) : undefined;
}

/**
 * Where the cell's content (from `from` to its `</c>` at `to`) has a start tag `name`, or -1. It
 * steps from tag to tag, never searching past the cell: a search for a tag the cell lacks must not
 * run on through the rest of the sheet.
 */
function childAt(xml: string, from: number, to: number, name: string): number {
  for (let lt = xml.indexOf('<', from); lt >= 0 && lt < to; lt = xml.indexOf('<', lt + 1)) {
    if (isTag(xml, lt, name)) return lt;
  }
  return -1;
}

/** After a tag's name: a space, the tag's end, or the slash of an empty tag. */
function isNameEnd(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** An attribute's value within a start tag (between `from` and the tag's `>`), unescaped. */
function attribute(xml: string, from: number, to: number, name: string): string | undefined {
  let at = from;
  for (;;) {
    const eq = xml.indexOf('=', at);
    if (eq < 0 || eq >= to) return undefined;
    let nameEnd = eq;
    while (nameEnd > at && isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > at && !isSpace(xml.charCodeAt(nameStart - 1))) nameStart--;
    let q = eq + 1;
    while (q < to && isSpace(xml.charCodeAt(q))) q++;
    const quote = xml.charCodeAt(q);
    if (quote !== 34 && quote !== 39) return undefined;
    const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (valueEnd < 0 || valueEnd > to) return undefined;
    if (nameEnd - nameStart === name.length && xml.startsWith(name, nameStart)) return unescapeXml(xml.slice(q + 1, valueEnd));
    at = valueEnd + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** "AB12" → row 12, column 28; null for anything else. */
function addressOf(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  if (i === 0 || i === ref.length) return null;
  const row = Number(ref.slice(i));
  return Number.isInteger(row) && row > 0 ? { row, col } : null;
}

/** A merged area shows its top-left cell's value over the whole area: the cells under it are not read. */
function dropMerged(xml: string, from: number, found: FoundCell[]): FoundCell[] {
  if (xml.indexOf('<mergeCell ', from) < 0) return found;
  const areas = tags(xml.slice(from), 'mergeCell').flatMap(({ attrs }) => {
    const range = parseRange(attrs.ref ?? '');
    return range ? [range] : [];
  });
  return found.filter((f) => !areas.some((a) => f.row >= a.top && f.row <= a.bottom && f.col >= a.left && f.col <= a.right && (f.row > a.top || f.col > a.left)));
}

// ---- tables ---------------------------------------------------------------------------------

async function tablesOf(zip: PackageParts, sheetPath: string, sheetXml: string, sheet: string): Promise<TableSnapshot[]> {
  const parts = tags(sheetXml.slice(Math.max(0, sheetXml.lastIndexOf('</sheetData>'))), 'tablePart');
  if (!parts.length) return [];
  const rels = parseRels(await readText(zip, relsPathFor(sheetPath)));
  const out: TableSnapshot[] = [];
  for (const { attrs } of parts) {
    const rel = rels.find((r) => r.Id === attrs['r:id']);
    if (!rel) continue;
    const xml = await readText(zip, resolveTarget(sheetPath, rel.Target));
    const table = xml ? tags(xml, 'table')[0]?.attrs : undefined;
    const range = table ? parseRange(table.ref ?? '') : null;
    if (!table || !range) continue;
    // Excel leaves out headerRowCount when the table has its header row, the schema's default.
    const headers = table.headerRowCount === undefined || table.headerRowCount === '1';
    out.push({ name: table.displayName || table.name || '', sheet, ...range, showHeaders: headers });
  }
  return out;
}
