import type { CellValue, SheetSnapshot, TableSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { BUILT_IN_SHORT_DATE, DEFAULT_DATE_FORMAT, dateCellFormat, dateSerial, isoSerial } from './dates';
import { addressOf, parseRange, sheetFromCells, type FoundCell } from './grid';
import { NS, isMain, readRels, readWorkbook, type SheetEntry, type WorkbookParts } from './package';
import { XmlCursor } from './xml';
import { attrOf, parseXml } from './xml-tree';
import type { ZipPackage } from './zip';

/**
 * The snapshot of an .xlsx package read straight from its XML: each sheet's cell values and number
 * formats, and its tables; what a check and a refresh read. Formulas are read by their cached
 * results, rich text as its plain text without phonetic guides, a merged area's value in its
 * top-left cell only, dates (date-formatted numbers, and ISO dates in cells of type "d") as
 * 1900-system serial numbers with their format, whichever date system the workbook uses.
 *
 * What it holds costs what the filled cells cost: a sheet's merged areas and validations are not
 * expanded cell by cell, and the snapshot's grid is full only for a used range of ordinary size.
 */

export async function snapshotFromPackage(zip: ZipPackage, name: string, workbook?: WorkbookParts): Promise<WorkbookSnapshot> {
  const wb = workbook ?? (await readWorkbook(zip));
  const strings = wb.sharedStrings ? sharedStrings((await zip.read(wb.sharedStrings)) ?? '') : [];
  const styles = wb.styles ? cellStyles((await zip.read(wb.styles)) ?? '') : [];

  const sheets: SheetSnapshot[] = [];
  const tables: TableSnapshot[] = [];
  for (const entry of wb.sheets) {
    const read = await readSheet(zip, entry, strings, styles, wb.date1904);
    sheets.push(sheetFromCells(entry.name, entry.state, read.cells, read.tables));
    tables.push(...read.tables);
  }
  return { name, sheets, tables };
}

/**
 * A sheet's cells and tables. Sheets that hold no cells (chart sheets, dialog sheets) are read as
 * empty, so that their names are known to be taken.
 */
async function readSheet(
  zip: ZipPackage,
  entry: SheetEntry,
  strings: string[],
  styles: CellStyle[],
  date1904: boolean,
): Promise<{ cells: FoundCell[]; tables: TableSnapshot[] }> {
  if (!entry.path || (entry.kind !== 'worksheet' && entry.kind !== 'macrosheet')) return { cells: [], tables: [] };
  const xml = (await zip.read(entry.path)) ?? '';
  const { cells, merges, tableIds } = readCells(xml, strings, styles, date1904);
  const tables = tableIds.length ? await tablesOf(zip, entry.path, tableIds, entry.name) : [];
  return { cells: dropMerged(cells, merges), tables };
}

// ---- shared strings -------------------------------------------------------------------------

export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  if (!xml) return out;
  const cursor = new XmlCursor(xml);
  if (cursor.next() !== 'start') return out;
  while (cursor.next() !== 'eof') {
    if (cursor.kind === 'start' && cursor.depth === 1) {
      if (cursor.local === 'si' && isMain(cursor)) out.push(stringItem(cursor));
      else cursor.skip();
    }
  }
  return out;
}

/**
 * The text of a string item (<si> or <is>) at the cursor: its <t> elements, and those of its runs,
 * joined; phonetic guides (<rPh>) left out, as Excel shows the cell. The cursor ends on its end tag.
 */
function stringItem(cursor: XmlCursor): string {
  if (cursor.empty) return '';
  const depth = cursor.depth;
  let text = '';
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end') {
      if (cursor.depth === depth) break;
      continue;
    }
    if (!isMain(cursor)) cursor.skip();
    else if (cursor.local === 't') text += cursor.text();
    else if (cursor.local !== 'r') cursor.skip(); // rPh, phoneticPr, rPr
  }
  return decodeEscapes(text);
}

/** Characters an XML file cannot hold as such are written _xHHHH_ (e.g. _x000D_ for a carriage return). */
export function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

// ---- styles ---------------------------------------------------------------------------------

interface CellStyle {
  /** The number format's code; undefined for General. */
  format: string | undefined;
  isDate: boolean;
}

/**
 * Excel's built-in number formats (those a file names by id alone), in the codes Excel shows for
 * them: 14 is the regional short date, read as a UK date (dateCellFormat).
 */
export const BUILT_IN_FORMATS: Record<number, string> = {
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
function cellStyles(xml: string): CellStyle[] {
  if (!xml) return [];
  const root = parseXml(xml);
  const custom = new Map<number, string>();
  const numFmts = root.children.find((c) => c.local === 'numFmts' && isMain(c));
  // Escaped characters ("mmm\-yy", as some programs write them) are read as themselves.
  for (const el of numFmts?.children ?? []) custom.set(Number(attrOf(el, 'numFmtId')), (attrOf(el, 'formatCode') ?? '').replace(/\\(.)/g, '$1'));
  const cellXfs = root.children.find((c) => c.local === 'cellXfs' && isMain(c));
  return (cellXfs?.children ?? [])
    .filter((el) => el.local === 'xf')
    .map((el) => {
      const id = Number(attrOf(el, 'numFmtId'));
      const format = id ? (custom.get(id) ?? BUILT_IN_FORMATS[id]) : undefined;
      return { format, isDate: isDateFormat(format) };
    });
}

// ---- cells ----------------------------------------------------------------------------------

interface SheetCells {
  cells: FoundCell[];
  merges: string[];
  /** The relationship ids of the sheet's tables. */
  tableIds: string[];
}

/** The non-empty cells of a worksheet, its merged areas and its tables' relationship ids. */
export function readCells(xml: string, strings: string[], styles: CellStyle[], date1904: boolean): SheetCells {
  const out: SheetCells = { cells: [], merges: [], tableIds: [] };
  const cursor = new XmlCursor(xml);
  if (cursor.next() !== 'start') return out;
  while (cursor.next() !== 'eof') {
    if (cursor.kind !== 'start' || cursor.depth !== 1) continue;
    if (!isMain(cursor)) cursor.skip();
    else if (cursor.local === 'sheetData') readRows(cursor, strings, styles, date1904, out.cells);
    else if (cursor.local === 'mergeCells') out.merges.push(...childAttributes(cursor, 'mergeCell', 'ref'));
    else if (cursor.local === 'tableParts') out.tableIds.push(...childAttributes(cursor, 'tablePart', 'id', cursorRelNs(cursor)));
    else cursor.skip();
  }
  return out;
}

/** The namespace of r:id attributes, transitional or strict, as the sheet declares it. */
function cursorRelNs(cursor: XmlCursor): string {
  return cursor.prefixesOf(NS.strictRelationships).length ? NS.strictRelationships : NS.relationships;
}

/** One attribute of each child `local` of the element at the cursor; the cursor ends on its end tag. */
function childAttributes(cursor: XmlCursor, local: string, attr: string, ns = ''): string[] {
  const out: string[] = [];
  if (cursor.empty) return out;
  const depth = cursor.depth;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end' && cursor.depth === depth) break;
    if (kind !== 'start' || cursor.depth !== depth + 1) continue;
    if (cursor.local === local && isMain(cursor)) {
      const value = cursor.attr(attr, ns);
      if (value) out.push(value);
    }
    cursor.skip();
  }
  return out;
}

function readRows(cursor: XmlCursor, strings: string[], styles: CellStyle[], date1904: boolean, found: FoundCell[]): void {
  if (cursor.empty) return;
  const depth = cursor.depth;
  let row = 0;
  let col = 0;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end') {
      if (cursor.depth === depth) return;
      continue;
    }
    if (!isMain(cursor)) {
      cursor.skip();
      continue;
    }
    if (cursor.depth === depth + 1) {
      if (cursor.local === 'row') {
        const r = Number(cursor.attr('r'));
        row = Number.isInteger(r) && r > 0 ? r : row + 1;
        col = 0;
      } else {
        cursor.skip();
      }
      continue;
    }
    if (cursor.local !== 'c') {
      cursor.skip();
      continue;
    }
    const ref = cursor.attr('r');
    const at = ref ? addressOf(ref) : null;
    if (at) {
      // A cell's own address wins over the row's.
      row = at.row;
      col = at.col;
    } else {
      col++;
    }
    if (cursor.empty) continue;
    const type = cursor.attr('t');
    const s = cursor.attr('s');
    const style = s ? styles[Number(s)] : undefined;
    const value = cellValue(cursor, type, style, strings, date1904);
    if (value === null || value === '') continue;
    let format: string;
    if (type === 'd' && typeof value === 'number') format = style?.isDate ? dateCellFormat(style.format) : DEFAULT_DATE_FORMAT;
    else if (typeof value === 'number' && style?.isDate) format = dateCellFormat(style.format);
    else format = style?.format ?? 'General';
    found.push({ row, col, value, format });
  }
}

/** The value of the cell whose start tag is at the cursor; the cursor ends on its end tag. */
function cellValue(cursor: XmlCursor, type: string | undefined, style: CellStyle | undefined, strings: string[], date1904: boolean): CellValue {
  const depth = cursor.depth;
  let v: string | undefined;
  let inline: string | undefined;
  let formula = false;
  for (let kind = cursor.next(); kind !== 'eof'; kind = cursor.next()) {
    if (kind === 'end') {
      if (cursor.depth === depth) break;
      continue;
    }
    if (!isMain(cursor)) cursor.skip();
    else if (cursor.local === 'v') v = cursor.text();
    else if (cursor.local === 'is') inline = stringItem(cursor);
    else {
      if (cursor.local === 'f') formula = true;
      cursor.skip();
    }
  }
  if (type === 'inlineStr') return inline ?? null;
  // A formula shows its cached result; one never calculated shows nothing.
  if (v === undefined || v === '') return null;
  switch (type) {
    case 's':
      return formula ? numberOf(v, style, date1904) : (strings[Number(v)] ?? null);
    case 'str':
    case 'e':
      return v;
    case 'b':
      return Number(v) !== 0;
    case 'd':
      return isoSerial(v) ?? v;
    default:
      return numberOf(v, style, date1904);
  }
}

function numberOf(text: string, style: CellStyle | undefined, date1904: boolean): number | null {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return null;
  return style?.isDate ? dateSerial(n, date1904) : n;
}

/**
 * A merged area shows its top-left cell's value over the whole area: the cells under it are not
 * read. Merged areas never overlap, so walking down the rows, those covering a row are few, and
 * kept in column order: each cell costs a search among them, whatever the areas' size.
 */
function dropMerged(found: FoundCell[], refs: string[]): FoundCell[] {
  if (!refs.length || !found.length) return found;
  const areas = refs.flatMap((ref) => parseRange(ref) ?? []).sort((a, b) => a.top - b.top);
  const cells = [...found].sort((a, b) => a.row - b.row || a.col - b.col);
  const active: typeof areas = [];
  let next = 0;
  let row = 0;
  return cells.filter((cell) => {
    if (cell.row !== row) {
      row = cell.row;
      for (let i = active.length - 1; i >= 0; i--) if (active[i].bottom < row) active.splice(i, 1);
      for (; next < areas.length && areas[next].top <= row; next++) {
        const area = areas[next];
        if (area.bottom < row) continue;
        let at = 0;
        while (at < active.length && active[at].left < area.left) at++;
        active.splice(at, 0, area);
      }
    }
    // The last area starting at or before the cell's column.
    let lo = 0;
    let hi = active.length - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (active[mid].left <= cell.col) {
        hit = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const area = hit >= 0 ? active[hit] : undefined;
    if (!area || cell.col > area.right) return true;
    return cell.row === area.top && cell.col === area.left;
  });
}

// ---- tables ---------------------------------------------------------------------------------

async function tablesOf(zip: ZipPackage, sheetPath: string, ids: string[], sheet: string): Promise<TableSnapshot[]> {
  const rels = await readRels(zip, sheetPath);
  const out: TableSnapshot[] = [];
  for (const id of ids) {
    const rel = rels.find((r) => r.id === id);
    const xml = rel?.path ? await zip.read(rel.path) : undefined;
    if (!xml) continue;
    const table = parseXml(xml);
    const range = parseRange(attrOf(table, 'ref') ?? '');
    if (table.local !== 'table' || !range) continue;
    // Excel leaves out headerRowCount when the table has its header row, the schema's default.
    const headers = attrOf(table, 'headerRowCount');
    out.push({ name: attrOf(table, 'displayName') || attrOf(table, 'name') || '', sheet, ...range, showHeaders: headers === undefined || headers !== '0' });
  }
  return out;
}
