import type ExcelJS from 'exceljs';
import { pointsToWidth, widthToPoints } from '../excel/units';
import { formatAddress, formatRect, intersects, MAX_COLS, MAX_ROWS, parseAddress, rectCols, rectRows, type Rect } from './address';
import { FakeObject, navFrom, type FakeContext, type FakeState, type Target } from './base';
import {
  argb, displayText, hexFromArgb, isMergeSlave, normaliseColour, readFormula, readNumberFormat, readValue,
  readValueType, setNumberFormat, updateStyle, writeValue, type OfficeValue,
} from './cells';
import { FakeConditionalFormatCollection } from './conditional';
import { FakeOfficeError } from './errors';
import { FakeWorksheet } from './worksheet';

/** What a Range points at: a rectangle of one sheet (a RangeAreas: several, within `rect`). */
export interface RangeTarget {
  ws: ExcelJS.Worksheet;
  rect: Rect;
  areas?: Rect[];
}

/** Each area of a target on its own: formats set on a RangeAreas apply to every area. */
function areasOf<T extends RangeTarget>(t: T): T[] {
  return t.areas ? t.areas.map((rect) => ({ ...t, rect, areas: undefined })) : [t];
}

/** Parts of a range's format: what they set applies to each area of a RangeAreas. */
abstract class FakeFormatPart extends FakeObject {
  protected override write(prop: string, value: unknown, apply: (t: Target) => void): void {
    super.write(prop, value, (t) => areasOf(t as RangeTarget).forEach(apply));
  }
  protected override call(name: string, args: unknown[], run: (t: Target) => void): void {
    super.call(name, args, (t) => areasOf(t as RangeTarget).forEach(run));
  }
}

export function sheetAlive(state: FakeState, ws: ExcelJS.Worksheet): boolean {
  return state.workbook.getWorksheet(ws.id) === ws;
}

export function isProtected(ws: ExcelJS.Worksheet): boolean {
  const p = (ws as unknown as { sheetProtection: { sheet?: boolean } | null }).sheetProtection;
  return !!p && p.sheet !== false;
}

/** Writes to cells, formats and conditional formats of a protected sheet fail as in Excel. */
export function assertWritable(ws: ExcelJS.Worksheet, where: string): void {
  if (isProtected(ws)) {
    throw new FakeOfficeError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet ('${ws.name}').`, where);
  }
}

/** Whole-row or whole-column rectangles are cut to the sheet's used extent when iterated. */
function bounded(ws: ExcelJS.Worksheet, r: Rect): Rect {
  return {
    top: r.top,
    left: r.left,
    bottom: r.bottom === MAX_ROWS ? Math.max(r.top, ws.rowCount) : r.bottom,
    right: r.right === MAX_COLS ? Math.max(r.left, ws.columnCount) : r.right,
  };
}

/** Cells of a rectangle that exist in the model (reads never create cells). */
function findCell(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.Cell | undefined {
  const r = ws.findRow(row);
  return r ? (r as unknown as { findCell(c: number): ExcelJS.Cell | undefined }).findCell(col) : undefined;
}

function eachExisting(ws: ExcelJS.Worksheet, rect: Rect, fn: (cell: ExcelJS.Cell, row: number, col: number) => void): void {
  const b = bounded(ws, rect);
  for (let row = b.top; row <= b.bottom; row++) {
    const r = ws.findRow(row);
    if (!r) continue;
    for (let col = b.left; col <= b.right; col++) {
      const c = (r as unknown as { findCell(c: number): ExcelJS.Cell | undefined }).findCell(col);
      if (c) fn(c, row, col);
    }
  }
}

function eachCell(ws: ExcelJS.Worksheet, rect: Rect, fn: (cell: ExcelJS.Cell, row: number, col: number) => void): void {
  const b = bounded(ws, rect);
  for (let row = b.top; row <= b.bottom; row++) {
    for (let col = b.left; col <= b.right; col++) fn(ws.getCell(row, col), row, col);
  }
}

/** One value for the whole range, or null when cells differ (as Office.js reports mixed formats). */
function common<V>(ws: ExcelJS.Worksheet, rect: Rect, get: (cell: ExcelJS.Cell | undefined) => V): V | null {
  const b = bounded(ws, rect);
  let first = true;
  let value: V | null = null;
  for (let row = b.top; row <= b.bottom; row++) {
    for (let col = b.left; col <= b.right; col++) {
      const v = get(findCell(ws, row, col));
      if (first) {
        value = v;
        first = false;
      } else if (JSON.stringify(v) !== JSON.stringify(value)) return null;
    }
  }
  return value;
}

/**
 * A property with a value per cell. Current Excel answers a range of more cells than it reads at a
 * time with null rather than an error, so a reader has to notice and read in blocks.
 */
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
    this.write('hyperlink', link, (target) => {
      const t = target as RangeTarget;
      assertWritable(t.ws, 'Range.hyperlink');
      if (!link || typeof link !== 'object' || (!link.address && !link.documentReference)) {
        throw new FakeOfficeError('InvalidArgument', 'A hyperlink needs an address or a documentReference.', 'Range.hyperlink');
      }
      const target2 = link.documentReference ? `#${link.documentReference}` : String(link.address);
      eachCell(t.ws, t.rect, (cell) => {
        if (isMergeSlave(cell)) return;
        const current = readValue(cell);
        const text = link.textToDisplay ?? (current === '' ? (link.address ?? link.documentReference ?? '') : String(current));
        cell.value = { text, hyperlink: target2, ...(link.screenTip ? { tooltip: link.screenTip } : {}) } as ExcelJS.CellHyperlinkValue;
      });
    });
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

// ---- RangeFormat and its parts ------------------------------------------------------------------

const H_ALIGN: Record<string, string | undefined> = {
  General: undefined, Left: 'left', Center: 'center', Right: 'right', Fill: 'fill', Justify: 'justify',
  CenterAcrossSelection: 'centerContinuous', Distributed: 'distributed',
};
const V_ALIGN: Record<string, string> = { Top: 'top', Center: 'middle', Bottom: 'bottom', Justify: 'justify', Distributed: 'distributed' };

function styleWrite(ws: ExcelJS.Worksheet, rect: Rect, where: string, change: (style: Partial<ExcelJS.Style>) => void): void {
  assertWritable(ws, where);
  eachCell(ws, rect, (cell) => updateStyle(cell, change));
}

export class FakeRangeFormat extends FakeFormatPart {
  readonly kind = 'RangeFormat';
  private fillObj?: FakeRangeFill;
  private fontObj?: FakeRangeFont;
  private bordersObj?: FakeRangeBorderCollection;

  protected scalars(): string[] {
    return ['columnWidth', 'rowHeight', 'wrapText', 'horizontalAlignment', 'verticalAlignment'];
  }

  protected scalar(prop: string, target: Target): unknown {
    const { ws, rect } = target as RangeTarget;
    switch (prop) {
      case 'columnWidth': {
        const b = bounded(ws, rect);
        const widths = new Set<number>();
        for (let c = b.left; c <= b.right; c++) widths.add(widthToPoints(ws.getColumn(c).width ?? 9.140625));
        return widths.size === 1 ? [...widths][0] : null;
      }
      case 'rowHeight': {
        const b = bounded(ws, rect);
        const heights = new Set<number>();
        for (let r = b.top; r <= b.bottom; r++) heights.add(ws.findRow(r)?.height ?? 15);
        return heights.size === 1 ? [...heights][0] : null;
      }
      case 'wrapText':
        return common(ws, rect, (c) => !!c?.alignment?.wrapText);
      case 'horizontalAlignment':
        return common(ws, rect, (c) => {
          const h = c?.alignment?.horizontal;
          return Object.keys(H_ALIGN).find((k) => H_ALIGN[k] === h) ?? 'General';
        });
      case 'verticalAlignment':
        return common(ws, rect, (c) => {
          const v = c?.alignment?.vertical;
          return Object.keys(V_ALIGN).find((k) => V_ALIGN[k] === v) ?? 'Bottom';
        });
      default:
        throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on RangeFormat.`);
    }
  }

  protected override nav(prop: string): FakeObject | undefined {
    if (prop === 'fill') return this.fill;
    if (prop === 'font') return this.font;
    if (prop === 'borders') return this.borders;
    return undefined;
  }

  get fill(): FakeRangeFill {
    return (this.fillObj ??= new FakeRangeFill(this.ctx, navFrom(this)));
  }
  get font(): FakeRangeFont {
    return (this.fontObj ??= new FakeRangeFont(this.ctx, navFrom(this)));
  }
  get borders(): FakeRangeBorderCollection {
    return (this.bordersObj ??= new FakeRangeBorderCollection(this.ctx, navFrom(this)));
  }

  set columnWidth(points: number) {
    this.write('columnWidth', points, (target) => {
      const { ws, rect } = target as RangeTarget;
      assertWritable(ws, 'RangeFormat.columnWidth');
      if (typeof points !== 'number' || !(points >= 0)) throw new FakeOfficeError('InvalidArgument', 'A column width must be a number of points.', 'RangeFormat.columnWidth');
      const b = bounded(ws, rect);
      for (let c = b.left; c <= b.right; c++) ws.getColumn(c).width = pointsToWidth(points);
    });
  }

  set rowHeight(points: number) {
    this.write('rowHeight', points, (target) => {
      const { ws, rect } = target as RangeTarget;
      assertWritable(ws, 'RangeFormat.rowHeight');
      const b = bounded(ws, rect);
      for (let r = b.top; r <= b.bottom; r++) ws.getRow(r).height = points;
    });
  }

  set wrapText(on: boolean) {
    this.write('wrapText', on, (target) => {
      const { ws, rect } = target as RangeTarget;
      styleWrite(ws, rect, 'RangeFormat.wrapText', (s) => (s.alignment = { ...s.alignment, wrapText: !!on }));
    });
  }

  set horizontalAlignment(a: string) {
    this.write('horizontalAlignment', a, (target) => {
      const { ws, rect } = target as RangeTarget;
      if (!(a in H_ALIGN)) throw new FakeOfficeError('InvalidArgument', `Unknown horizontal alignment '${a}'.`, 'RangeFormat.horizontalAlignment');
      styleWrite(ws, rect, 'RangeFormat.horizontalAlignment', (s) => {
        s.alignment = { ...s.alignment, horizontal: H_ALIGN[a] as ExcelJS.Alignment['horizontal'] };
      });
    });
  }

  set verticalAlignment(a: string) {
    this.write('verticalAlignment', a, (target) => {
      const { ws, rect } = target as RangeTarget;
      if (!(a in V_ALIGN)) throw new FakeOfficeError('InvalidArgument', `Unknown vertical alignment '${a}'.`, 'RangeFormat.verticalAlignment');
      styleWrite(ws, rect, 'RangeFormat.verticalAlignment', (s) => {
        s.alignment = { ...s.alignment, vertical: V_ALIGN[a] as ExcelJS.Alignment['vertical'] };
      });
    });
  }

  /** Widths to fit the longest text shown in each column of the range. */
  autofitColumns(): void {
    this.call('autofitColumns', Array.from(arguments), (target) => {
      const { ws, rect } = target as RangeTarget;
      assertWritable(ws, 'RangeFormat.autofitColumns');
      const b = bounded(ws, rect);
      for (let c = b.left; c <= b.right; c++) {
        let longest = 0;
        for (let r = b.top; r <= b.bottom; r++) {
          const cell = findCell(ws, r, c);
          if (cell && !cell.alignment?.wrapText) longest = Math.max(longest, displayText(readValue(cell), readNumberFormat(cell)).length);
        }
        ws.getColumn(c).width = Math.min(255, Math.max(longest + 1.7, 9.140625));
      }
    });
  }

  autofitRows(): void {
    this.call('autofitRows', Array.from(arguments), () => undefined);
  }
}

export class FakeRangeFill extends FakeFormatPart {
  readonly kind = 'RangeFill';
  protected scalars(): string[] {
    return ['color'];
  }
  protected scalar(_prop: string, target: Target): unknown {
    const { ws, rect } = target as RangeTarget;
    return common(ws, rect, (c) => {
      const f = c?.fill as ExcelJS.FillPattern | undefined;
      return f && f.type === 'pattern' && f.pattern !== 'none' ? hexFromArgb(f.fgColor) ?? '#FFFFFF' : '#FFFFFF';
    });
  }
  set color(value: string) {
    this.write('color', value, (target) => {
      const { ws, rect } = target as RangeTarget;
      const hex = normaliseColour(value);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(value)}' is not a colour Excel knows.`, 'RangeFill.color');
      styleWrite(ws, rect, 'RangeFill.color', (s) => (s.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } }));
    });
  }
  clear(): void {
    this.call('clear', Array.from(arguments), (target) => {
      const { ws, rect } = target as RangeTarget;
      styleWrite(ws, rect, 'RangeFill.clear', (s) => delete s.fill);
    });
  }
}

export class FakeRangeFont extends FakeFormatPart {
  readonly kind = 'RangeFont';
  protected scalars(): string[] {
    return ['bold', 'italic', 'color', 'size', 'name', 'underline'];
  }
  protected scalar(prop: string, target: Target): unknown {
    const { ws, rect } = target as RangeTarget;
    return common(ws, rect, (c) => {
      const f = (c?.font ?? {}) as Partial<ExcelJS.Font>;
      switch (prop) {
        case 'bold': return !!f.bold;
        case 'italic': return !!f.italic;
        case 'color': return hexFromArgb(f.color as { argb?: string }) ?? '#000000';
        case 'size': return f.size ?? 11;
        case 'name': return f.name ?? 'Calibri';
        default: return f.underline ? 'Single' : 'None';
      }
    });
  }
  private update(prop: string, value: unknown, change: (font: Partial<ExcelJS.Font>) => void): void {
    this.write(prop, value, (target) => {
      const { ws, rect } = target as RangeTarget;
      styleWrite(ws, rect, `RangeFont.${prop}`, (s) => {
        const font = { ...(s.font ?? {}) } as Partial<ExcelJS.Font>;
        change(font);
        s.font = font;
      });
    });
  }
  set bold(v: boolean) { this.update('bold', v, (f) => (f.bold = !!v)); }
  set italic(v: boolean) { this.update('italic', v, (f) => (f.italic = !!v)); }
  set size(v: number) { this.update('size', v, (f) => (f.size = v)); }
  set name(v: string) { this.update('name', v, (f) => (f.name = v)); }
  set underline(v: string) { this.update('underline', v, (f) => (f.underline = v === 'None' ? false : 'single')); }
  set color(v: string) {
    this.update('color', v, (f) => {
      const hex = normaliseColour(v);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(v)}' is not a colour Excel knows.`, 'RangeFont.color');
      f.color = { argb: argb(hex) };
    });
  }
}

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];
const LINE: Record<string, ExcelJS.BorderStyle | undefined> = {
  None: undefined, Continuous: 'thin', Dash: 'dashed', DashDot: 'dashDot', DashDotDot: 'dashDotDot', Dot: 'dotted', Double: 'double', SlantDashDot: 'slantDashDot',
};

interface BorderTarget extends RangeTarget {
  edge: string;
}

export class FakeRangeBorderCollection extends FakeFormatPart {
  readonly kind = 'RangeBorderCollection';
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on RangeBorderCollection.`);
  }
  getItem(index: string): FakeRangeBorder {
    return this.make('getItem', Array.from(arguments), new FakeRangeBorder(this.ctx), (t) => {
      if (!EDGES.includes(index)) throw new FakeOfficeError('InvalidArgument', `Unknown border '${index}'.`, 'RangeBorderCollection.getItem');
      return { ...(t as RangeTarget), edge: index } satisfies BorderTarget;
    });
  }
}

export class FakeRangeBorder extends FakeFormatPart {
  readonly kind = 'RangeBorder';
  protected scalars(): string[] {
    return ['style', 'color'];
  }
  protected scalar(prop: string, target: Target): unknown {
    const { ws, rect, edge } = target as BorderTarget;
    const side = edge === 'EdgeTop' ? 'top' : edge === 'EdgeBottom' ? 'bottom' : edge === 'EdgeLeft' ? 'left' : 'right';
    return common(ws, rect, (c) => {
      const b = (c?.border as Record<string, ExcelJS.Border | undefined> | undefined)?.[side];
      if (prop === 'color') return hexFromArgb(b?.color as { argb?: string }) ?? '#000000';
      return Object.keys(LINE).find((k) => LINE[k] === b?.style) ?? 'None';
    });
  }
  private apply(prop: string, value: unknown, border: (current: ExcelJS.Border | undefined) => ExcelJS.Border | undefined): void {
    this.write(prop, value, (target) => {
      const { ws, rect, edge } = target as BorderTarget;
      assertWritable(ws, `RangeBorder.${prop}`);
      eachCell(ws, rect, (cell, row, col) => {
        const sides: string[] = [];
        if (edge === 'EdgeTop' && row === rect.top) sides.push('top');
        if (edge === 'EdgeBottom' && row === rect.bottom) sides.push('bottom');
        if (edge === 'EdgeLeft' && col === rect.left) sides.push('left');
        if (edge === 'EdgeRight' && col === rect.right) sides.push('right');
        if (edge === 'InsideHorizontal') {
          if (row > rect.top) sides.push('top');
          if (row < rect.bottom) sides.push('bottom');
        }
        if (edge === 'InsideVertical') {
          if (col > rect.left) sides.push('left');
          if (col < rect.right) sides.push('right');
        }
        if (!sides.length) return;
        updateStyle(cell, (s) => {
          const b = { ...(s.border ?? {}) } as Record<string, ExcelJS.Border | undefined>;
          for (const side of sides) {
            const next = border(b[side]);
            if (next) b[side] = next;
            else delete b[side];
          }
          s.border = b as Partial<ExcelJS.Borders>;
        });
      });
    });
  }
  set style(v: string) {
    this.apply('style', v, (cur) => {
      if (!(v in LINE)) throw new FakeOfficeError('InvalidArgument', `Unknown border style '${v}'.`, 'RangeBorder.style');
      const style = LINE[v];
      return style ? ({ ...(cur ?? {}), style } as ExcelJS.Border) : undefined;
    });
  }
  set color(v: string) {
    this.apply('color', v, (cur) => {
      const hex = normaliseColour(v);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(v)}' is not a colour Excel knows.`, 'RangeBorder.color');
      return { style: cur?.style ?? 'thin', color: { argb: argb(hex) } };
    });
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
    return prop === 'format' ? this.format : undefined;
  }
  get format(): FakeRangeFormat {
    return (this.formatObj ??= new FakeRangeFormat(this.ctx, navFrom(this)));
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
