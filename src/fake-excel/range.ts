import type ExcelJS from 'exceljs';
import { formatAddress, formatRect, intersects, MAX_COLS, MAX_ROWS, parseAddress, rectCols, rectRows, type Rect } from './address';
import { FakeObject, navFrom, type FakeContext, type FakeState, type Target } from './base';
import { displayText, isMergeSlave, readFormula, readNumberFormat, readValue, readValueType, setNumberFormat, writeValue, type OfficeValue } from './cells';
import { FakeConditionalFormatCollection } from './conditional';
import { FakeOfficeError } from './errors';
import { FakeWorksheet } from './worksheet';
import { FakeRangeFormat } from './format';
import { setCellProperties, setColumnProperties, setRowProperties, writeHyperlink } from './properties';
import { areasOf, assertWritable, eachCell, eachExisting, findCell, sheetAlive, type RangeTarget } from './walk';

export { assertWritable, isProtected, sheetAlive, type RangeTarget } from './walk';

function grid<V>(state: FakeState, t: RangeTarget, get: (cell: ExcelJS.Cell | undefined) => V): V[][] | null {
  if (rectRows(t.rect) * rectCols(t.rect) > state.limits.cellsPerRead) return null;
  const out: V[][] = [];
  for (let row = t.rect.top; row <= t.rect.bottom; row++) {
    const r = t.ws.findRow(row) as unknown as { findCell(c: number): ExcelJS.Cell | undefined } | undefined;
    const line: V[] = [];
    for (let col = t.rect.left; col <= t.rect.right; col++) line.push(get(r ? r.findCell(col) : undefined));
    out.push(line);
  }
  return out;
}

function hyperlinkOf(cell: ExcelJS.Cell | undefined): Excel.RangeHyperlink | null {
  if (!cell) return null;
  const v = cell.value as unknown;
  if (!v || typeof v !== 'object' || !('hyperlink' in v)) return null;
  const { text, hyperlink, tooltip } = v as { text: unknown; hyperlink: string; tooltip?: string };
  const textToDisplay = typeof text === 'string' ? text : readValue(cell).toString();
  const link: Excel.RangeHyperlink = hyperlink.startsWith('#')
    ? { documentReference: hyperlink.slice(1), textToDisplay }
    : { address: hyperlink, textToDisplay };
  if (tooltip) link.screenTip = tooltip;
  return link;
}

export class FakeRange extends FakeObject {
  readonly kind = 'Range';
  private formatObj?: FakeRangeFormat;
  private cfsObj?: FakeConditionalFormatCollection;
  private sheetObj?: FakeWorksheet;

  constructor(ctx: FakeContext, from?: ConstructorParameters<typeof FakeObject>[1]) {
    super(ctx, from);
  }

  protected override checkAlive(t: Target): void {
    if (!sheetAlive(this.state, (t as RangeTarget).ws)) throw new FakeOfficeError('ItemNotFound', undefined, 'Range');
  }

  protected scalars(): string[] {
    return ['address', 'addressLocal', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount', 'values', 'numberFormat', 'text', 'valueTypes', 'formulas', 'hyperlink'];
  }

  protected scalar(prop: string, target: Target): unknown {
    const t = target as RangeTarget;
    switch (prop) {
      case 'address':
      case 'addressLocal':
        return formatAddress(t.ws.name, t.rect);
      case 'rowIndex':
        return t.rect.top - 1;
      case 'columnIndex':
        return t.rect.left - 1;
      case 'rowCount':
        return rectRows(t.rect);
      case 'columnCount':
        return rectCols(t.rect);
      case 'cellCount':
        return rectRows(t.rect) * rectCols(t.rect);
      case 'values':
        return grid(this.state, t, (c) => (c ? readValue(c) : ''));
      case 'formulas':
        return grid(this.state, t, (c) => (c ? readFormula(c) : ''));
      case 'numberFormat':
        return grid(this.state, t, (c) => (c ? readNumberFormat(c) : 'General'));
      case 'valueTypes':
        return grid(this.state, t, (c) => (c ? readValueType(c) : 'Empty'));
      case 'text':
        return grid(this.state, t, (c) => (c ? displayText(readValue(c), readNumberFormat(c)) : ''));
      case 'hyperlink':
        return hyperlinkOf(findCell(t.ws, t.rect.top, t.rect.left));
      default:
        throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on Range.`);
    }
  }

  protected override nav(prop: string): FakeObject | undefined {
    if (prop === 'format') return this.format;
    if (prop === 'worksheet') return this.worksheet;
    if (prop === 'conditionalFormats') return this.conditionalFormats;
    return undefined;
  }

  // ---- properties ----------------------------------------------------------------------------


  set values(v: OfficeValue[][]) {
    let empty: TableModel[] = [];
    this.write('values', v, (t) => (empty = tablesWithEmptyNeighbour(t as RangeTarget)));
    this.writeCells('values', v, (cell, value) => writeValue(cell, value as OfficeValue));
    this.write('values', v, (t) => growTables(t as RangeTarget, empty));
  }

  set formulas(v: OfficeValue[][]) {
    this.writeCells('formulas', v, (cell, value) => {
      if (typeof value === 'string' && value.startsWith('=')) cell.value = { formula: value.slice(1) } as ExcelJS.CellFormulaValue;
      else writeValue(cell, value as OfficeValue);
    });
  }

  set numberFormat(v: string[][]) {
    this.writeCells('numberFormat', v, (cell, value) => {
      if (typeof value !== 'string') throw new FakeOfficeError('InvalidArgument', 'A number format must be text.', 'Range.numberFormat');
      setNumberFormat(cell, value);
    });
  }

  set hyperlink(link: Excel.RangeHyperlink | null) {
    this.write('hyperlink', link, (target) => writeHyperlink(target as RangeTarget, link, 'Range.hyperlink'));
  }

  setCellProperties(data: Excel.SettableCellProperties[][]): void {
    this.call('setCellProperties', [data], (target) => setCellProperties(target as RangeTarget, data));
  }

  setRowProperties(data: Excel.SettableRowProperties[]): void {
    this.call('setRowProperties', [data], (target) => setRowProperties(target as RangeTarget, data));
  }

  setColumnProperties(data: Excel.SettableColumnProperties[]): void {
    this.call('setColumnProperties', [data], (target) => setColumnProperties(target as RangeTarget, data));
  }

  /**
   * values / numberFormat / formulas: a 2-D array the shape of the range, null leaving a cell as it
   * is; or a single value, which Excel applies to every cell of the range (null is not one).
   */
  private writeCells(prop: string, v: unknown, each: (cell: ExcelJS.Cell, value: unknown) => void): void {
    this.write(prop, v, (target) => {
      const t = target as RangeTarget;
      assertWritable(t.ws, `Range.${prop}`);
      const rows = rectRows(t.rect);
      const cols = rectCols(t.rect);
      if (v === null || v === undefined) {
        throw new FakeOfficeError('InvalidArgument', `Range.${prop} cannot be set to null for the whole range.`, `Range.${prop}`);
      }
      if (!Array.isArray(v)) {
        eachCell(t.ws, t.rect, (cell) => {
          if (!isMergeSlave(cell)) each(cell, v);
        });
        return;
      }
      const ok = v.length === rows && v.every((r) => Array.isArray(r) && r.length === cols);
      if (!ok) {
        throw new FakeOfficeError(
          'InvalidArgument',
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${formatAddress(t.ws.name, t.rect)}).`,
          `Range.${prop}`,
        );
      }
      const arr = v as unknown[][];
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const value = arr[i][j];
          if (value === null || value === undefined) continue;
          const cell = t.ws.getCell(t.rect.top + i, t.rect.left + j);
          if (isMergeSlave(cell)) continue;
          each(cell, value);
        }
      }
    });
  }

  // ---- navigation ---------------------------------------------------------------------------

  get format(): FakeRangeFormat {
    return (this.formatObj ??= new FakeRangeFormat(this.ctx, navFrom(this)));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.cfsObj ??= new FakeConditionalFormatCollection(this.ctx, navFrom(this)));
  }

  get worksheet(): FakeWorksheet {
    return (this.sheetObj ??= new FakeWorksheet(this.ctx, navFrom(this, (t) => (t as RangeTarget).ws)));
  }

  // ---- methods returning ranges ---------------------------------------------------------------

  private derived(name: string, args: unknown[], rect: (r: Rect) => Rect): FakeRange {
    return this.make(name, args, new FakeRange(this.ctx), (target) => {
      const t = target as RangeTarget;
      const r = rect(t.rect);
      const ok = r.top >= 1 && r.left >= 1 && r.bottom <= MAX_ROWS && r.right <= MAX_COLS && r.top <= r.bottom && r.left <= r.right;
      if (!ok) throw new FakeOfficeError('InvalidArgument', `The range would fall outside the sheet.`, `Range.${name}`);
      return { ws: t.ws, rect: r } satisfies RangeTarget;
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived('getCell', Array.from(arguments), (r) => ({ top: r.top + row, left: r.left + column, bottom: r.top + row, right: r.left + column }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived('getOffsetRange', Array.from(arguments), (r) => ({
      top: r.top + rowOffset, left: r.left + columnOffset, bottom: r.bottom + rowOffset, right: r.right + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived('getResizedRange', Array.from(arguments), (r) => ({ ...r, bottom: r.bottom + deltaRows, right: r.right + deltaColumns }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this.derived('getAbsoluteResizedRange', Array.from(arguments), (r) => ({ ...r, bottom: r.top + numRows - 1, right: r.left + numColumns - 1 }));
  }

  getRow(row: number): FakeRange {
    return this.derived('getRow', Array.from(arguments), (r) => ({ ...r, top: r.top + row, bottom: r.top + row }));
  }

  getColumn(column: number): FakeRange {
    return this.derived('getColumn', Array.from(arguments), (r) => ({ ...r, left: r.left + column, right: r.left + column }));
  }

  /** The smallest range that holds both. */
  getBoundingRect(other: FakeRange): FakeRange {
    return this.derived('getBoundingRect', Array.from(arguments), (r) => {
      const o = (other.target() as RangeTarget).rect;
      return { top: Math.min(r.top, o.top), left: Math.min(r.left, o.left), bottom: Math.max(r.bottom, o.bottom), right: Math.max(r.right, o.right) };
    });
  }

  /** The client's check, before it splits a large write of values into slices, that the array fits the range. */
  _ValidateArraySize(rows: number, columns: number): void {
    this.call('_ValidateArraySize', Array.from(arguments), (target) => {
      const { rect } = target as RangeTarget;
      if (rows !== rectRows(rect) || columns !== rectCols(rect)) {
        throw new FakeOfficeError('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.", 'Range._ValidateArraySize');
      }
    });
  }

  getEntireColumn(): FakeRange {
    return this.derived('getEntireColumn', Array.from(arguments), (r) => ({ ...r, top: 1, bottom: MAX_ROWS }));
  }

  getEntireRow(): FakeRange {
    return this.derived('getEntireRow', Array.from(arguments), (r) => ({ ...r, left: 1, right: MAX_COLS }));
  }

  // ---- actions --------------------------------------------------------------------------------

  clear(applyTo: 'All' | 'Formats' | 'Contents' | 'Hyperlinks' = 'All'): void {
    this.call('clear', Array.from(arguments), (target) => {
      const t = target as RangeTarget;
      assertWritable(t.ws, 'Range.clear');
      if (!['All', 'Formats', 'Contents', 'Hyperlinks'].includes(applyTo)) {
        throw new FakeOfficeError('InvalidArgument', `Unknown clear option '${applyTo}'.`, 'Range.clear');
      }
      if (applyTo === 'All' || applyTo === 'Formats') unmergeWithin(t.ws, t.rect);
      eachExisting(t.ws, t.rect, (cell) => {
        if (applyTo === 'Hyperlinks') {
          const link = hyperlinkOf(cell);
          if (link) cell.value = readValue(cell) === '' ? null : String(readValue(cell));
          return;
        }
        if (applyTo === 'All' || applyTo === 'Contents') cell.value = null;
        if (applyTo === 'All' || applyTo === 'Formats') cell.style = {} as ExcelJS.Style;
      });
    });
  }

  select(): void {
    this.call('select', Array.from(arguments), (target) => {
      const t = target as RangeTarget;
      if (t.ws.state !== 'visible') throw new FakeOfficeError('InvalidOperation', `Sheet '${t.ws.name}' is hidden, so nothing on it can be selected.`, 'Range.select');
      this.state.activeSheet = t.ws.name;
      this.state.selection = { sheet: t.ws.name, address: formatRect(t.rect) };
    });
  }

  merge(across = false): void {
    this.call('merge', Array.from(arguments), (target) => {
      const t = target as RangeTarget;
      assertWritable(t.ws, 'Range.merge');
      const rows = across ? Array.from({ length: rectRows(t.rect) }, (_, i) => t.rect.top + i) : [t.rect.top];
      for (const top of rows) {
        const bottom = across ? top : t.rect.bottom;
        if (top === bottom && t.rect.left === t.rect.right) continue;
        try {
          t.ws.mergeCells(top, t.rect.left, bottom, t.rect.right);
        } catch {
          throw new FakeOfficeError('InvalidOperation', `Cannot merge ${formatRect(t.rect)}: it overlaps cells that are already merged.`, 'Range.merge');
        }
      }
    });
  }

  unmerge(): void {
    this.call('unmerge', Array.from(arguments), (target) => {
      const t = target as RangeTarget;
      assertWritable(t.ws, 'Range.unmerge');
      unmergeWithin(t.ws, t.rect);
    });
  }
}

/** Merged areas of a sheet, from ExcelJS's index of them. */
export function mergesOf(ws: ExcelJS.Worksheet): Rect[] {
  const merges = (ws as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges;
  return Object.values(merges)
    .filter(Boolean)
    .map((m) => ({ top: m.model.top, left: m.model.left, bottom: m.model.bottom, right: m.model.right }));
}

function unmergeWithin(ws: ExcelJS.Worksheet, rect: Rect): void {
  for (const m of mergesOf(ws)) {
    if (intersects(m, rect)) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  }
}

interface TableModel {
  table: { name: string; tableRef?: string; ref?: string; headerRow?: boolean; columns?: { name: string }[] };
}

/** The tables whose neighbouring column (just right of them, within their rows) the write reaches while it is empty. */
function tablesWithEmptyNeighbour({ ws, rect }: RangeTarget): TableModel[] {
  return Object.values((ws as unknown as { tables?: Record<string, TableModel> }).tables ?? {}).filter(({ table }) => {
    const t = parseAddress(table.tableRef ?? table.ref ?? '')?.rect;
    if (!t || t.right + 1 < rect.left || t.right + 1 > rect.right || rect.bottom < t.top || rect.top > t.bottom) return false;
    for (let row = t.top; row <= t.bottom; row++) {
      const cell = findCell(ws, row, t.right + 1);
      if (cell && readValue(cell) !== '') return false;
    }
    return true;
  });
}

/**
 * Table AutoExpansion, which applies to the API's writes as to typing: a value written into the
 * empty column just right of a table, within its rows, makes the table take that column in (its
 * header from the cell above, or "ColumnN").
 */
function growTables({ ws }: RangeTarget, candidates: TableModel[]): void {
  for (const { table } of candidates) {
    const parsed = parseAddress(table.tableRef ?? table.ref ?? '');
    if (!parsed) continue;
    const t = parsed.rect;
    const col = t.right + 1;
    let written = false;
    for (let row = t.top; row <= t.bottom; row++) {
      const cell = findCell(ws, row, col);
      if (cell && readValue(cell) !== '') written = true;
    }
    if (!written) continue;
    const grown = formatRect({ ...t, right: col });
    table.tableRef = grown;
    table.ref = grown;
    const header = table.headerRow !== false ? findCell(ws, t.top, col) : undefined;
    const columns = (table.columns ??= []);
    columns.push({ name: header && readValue(header) !== '' ? String(readValue(header)) : `Column${columns.length + 1}` });
  }
}

/** Range proxies that hosts create from an address on a sheet (Worksheet.getRange and friends). */
export function rangeFromAddress(ws: ExcelJS.Worksheet, address: string | undefined, where: string): RangeTarget {
  if (address === undefined || address === '') return { ws, rect: { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS } };
  const parsed = parseAddress(address);
  if (!parsed || (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== ws.name.toLowerCase())) {
    throw new FakeOfficeError('InvalidArgument', `'${address}' is not an address on sheet '${ws.name}'.`, where);
  }
  return { ws, rect: parsed.rect };
}

/** Several rectangles of one sheet (Worksheet.getRanges, ExcelApi 1.9), formatted together. */
export class FakeRangeAreas extends FakeObject {
  readonly kind = 'RangeAreas';
  private formatObj?: FakeRangeFormat;
  private cfsObj?: FakeConditionalFormatCollection;

  protected override checkAlive(t: Target): void {
    if (!sheetAlive(this.state, (t as RangeTarget).ws)) throw new FakeOfficeError('ItemNotFound', undefined, 'RangeAreas');
  }
  protected scalars(): string[] {
    return ['address', 'areaCount'];
  }
  protected scalar(prop: string, target: Target): unknown {
    const t = target as RangeTarget;
    return prop === 'areaCount' ? t.areas?.length ?? 1 : areasOf(t).map((a) => formatAddress(a.ws.name, a.rect)).join(',');
  }
  protected override nav(prop: string): FakeObject | undefined {
    return prop === 'format' ? this.format : prop === 'conditionalFormats' ? this.conditionalFormats : undefined;
  }
  get format(): FakeRangeFormat {
    return (this.formatObj ??= new FakeRangeFormat(this.ctx, navFrom(this)));
  }
  /** The conditional formats touching any of the areas; one added applies to all of them (ExcelApi 1.9). */
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.cfsObj ??= new FakeConditionalFormatCollection(this.ctx, navFrom(this)));
  }
}

/** "A1:B2, D4" on a sheet → its areas, or an error Excel would give. */
export function areasFromAddress(ws: ExcelJS.Worksheet, address: string, where: string): RangeTarget {
  const areas = address.split(',').map((a) => rangeFromAddress(ws, a.trim(), where).rect);
  const rect = {
    top: Math.min(...areas.map((a) => a.top)),
    left: Math.min(...areas.map((a) => a.left)),
    bottom: Math.max(...areas.map((a) => a.bottom)),
    right: Math.max(...areas.map((a) => a.right)),
  };
  return { ws, rect, areas };
}
