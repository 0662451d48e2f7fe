import type ExcelJS from 'exceljs';
import { pointsToWidth } from '../excel/units';
import { formatAddress, rectCols, rectRows } from './address';
import { argb, isMergeSlave, normaliseColour, readValue, updateStyle } from './cells';
import { H_ALIGN, V_ALIGN } from './format';
import { FakeOfficeError } from './errors';
import { assertWritable, eachCell, type RangeTarget } from './walk';

/**
 * Range.setCellProperties, setRowProperties and setColumnProperties (ExcelApi 1.9): many cells',
 * rows' or columns' properties in one call, one entry per cell, row or column of the range. As the
 * reference and Microsoft's sample say, an empty object leaves its cell as it is, and what an entry
 * does not name is not changed. The fake models what BoardPlan sends (a cell's hyperlink, fill,
 * font, wrapping and alignment, a row's height, a column's width) and refuses the rest, so a host
 * can never lean on something it does not model.
 */

/** A hyperlink written to every cell of a rectangle, as Range.hyperlink does; merged-over cells are skipped. */
export function writeHyperlink(t: RangeTarget, link: Excel.RangeHyperlink | null, where: string): void {
  assertWritable(t.ws, where);
  if (!link || typeof link !== 'object' || (!link.address && !link.documentReference)) {
    throw new FakeOfficeError('InvalidArgument', 'A hyperlink needs an address or a documentReference.', where);
  }
  const target = link.documentReference ? `#${link.documentReference}` : String(link.address);
  eachCell(t.ws, t.rect, (cell) => {
    if (isMergeSlave(cell)) return;
    const current = readValue(cell);
    const text = link.textToDisplay ?? (current === '' ? (link.address ?? link.documentReference ?? '') : String(current));
    cell.value = { text, hyperlink: target, ...(link.screenTip ? { tooltip: link.screenTip } : {}) } as ExcelJS.CellHyperlinkValue;
  });
}

function refuse(what: string, where: string): never {
  throw new FakeOfficeError('ApiNotFound', `The fake Excel does not model ${what} in ${where}.`, where);
}

function list(data: unknown, length: number, t: RangeTarget, where: string): unknown[] {
  if (!Array.isArray(data) || data.length !== length) {
    throw new FakeOfficeError('InvalidArgument', `The number of entries doesn't match the size of the range (${formatAddress(t.ws.name, t.rect)}).`, where);
  }
  return data;
}

function entries<T>(data: unknown, length: number, t: RangeTarget, where: string): T[] {
  return list(data, length, t, where).map((entry) => {
    // Excel once crashed on null entries (office-js issue 593); it refuses them now.
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new FakeOfficeError('InvalidArgument', 'Each entry must be an object ({} leaves its cell as it is).', where);
    return entry as T;
  });
}

const FONT: Record<string, (font: Partial<ExcelJS.Font>, value: unknown, where: string) => void> = {
  bold: (f, v) => (f.bold = !!v),
  italic: (f, v) => (f.italic = !!v),
  underline: (f, v) => (f.underline = v === 'None' ? false : 'single'),
  size: (f, v) => (f.size = Number(v)),
  name: (f, v) => (f.name = String(v)),
  color: (f, v, where) => (f.color = { argb: argb(colour(v, where)) }),
};

function colour(value: unknown, where: string): string {
  const hex = normaliseColour(value);
  if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(value)}' is not a colour Excel knows.`, where);
  return hex;
}

/** A cell's format as setCellProperties gives it: fill colour, font, wrapping and alignment. */
function writeCellFormat(cell: ExcelJS.Cell, format: Excel.CellPropertiesFormat, where: string): void {
  updateStyle(cell, (s) => {
    for (const [key, value] of Object.entries(format)) {
      switch (key) {
        case 'fill':
          for (const k of Object.keys(value ?? {})) if (k !== 'color') refuse(`a cell's format.fill.${k}`, where);
          if (value?.color !== undefined) s.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(colour(value.color, where)) } };
          break;
        case 'font': {
          const font = { ...(s.font ?? {}) } as Partial<ExcelJS.Font>;
          for (const [k, v] of Object.entries(value ?? {})) (FONT[k] ?? (() => refuse(`a cell's format.font.${k}`, where)))(font, v, where);
          s.font = font;
          break;
        }
        case 'wrapText':
          s.alignment = { ...s.alignment, wrapText: !!value };
          break;
        case 'horizontalAlignment':
          if (!(value in H_ALIGN)) throw new FakeOfficeError('InvalidArgument', `Unknown horizontal alignment '${value}'.`, where);
          s.alignment = { ...s.alignment, horizontal: H_ALIGN[value] as ExcelJS.Alignment['horizontal'] };
          break;
        case 'verticalAlignment':
          if (!(value in V_ALIGN)) throw new FakeOfficeError('InvalidArgument', `Unknown vertical alignment '${value}'.`, where);
          s.alignment = { ...s.alignment, vertical: V_ALIGN[value] as ExcelJS.Alignment['vertical'] };
          break;
        default:
          refuse(`a cell's format.${key}`, where);
      }
    }
  });
}

export function setCellProperties(t: RangeTarget, data: unknown): void {
  const where = 'Range.setCellProperties';
  assertWritable(t.ws, where);
  const rows = list(data, rectRows(t.rect), t, where);
  rows.forEach((row, i) => {
    entries<Excel.SettableCellProperties>(row, rectCols(t.rect), t, where).forEach((props, j) => {
      for (const key of Object.keys(props)) if (key !== 'hyperlink' && key !== 'format') refuse(`a cell's ${key}`, where);
      const at = { ws: t.ws, rect: { top: t.rect.top + i, left: t.rect.left + j, bottom: t.rect.top + i, right: t.rect.left + j } };
      if (props.format !== undefined) writeCellFormat(t.ws.getCell(at.rect.top, at.rect.left), props.format, where);
      if (props.hyperlink !== undefined) writeHyperlink(at, props.hyperlink, where);
    });
  });
}

export function setRowProperties(t: RangeTarget, data: unknown): void {
  const where = 'Range.setRowProperties';
  assertWritable(t.ws, where);
  entries<Excel.SettableRowProperties>(data, rectRows(t.rect), t, where).forEach((props, i) => {
    for (const key of Object.keys(props)) if (key !== 'format') refuse(`a row's ${key}`, where);
    for (const key of Object.keys(props.format ?? {})) if (key !== 'rowHeight') refuse(`a row's format.${key}`, where);
    const height = props.format?.rowHeight;
    if (height === undefined) return;
    if (typeof height !== 'number' || !(height >= 0 && height <= 409)) throw new FakeOfficeError('InvalidArgument', 'A row height must be between 0 and 409 points.', where);
    t.ws.getRow(t.rect.top + i).height = height;
  });
}

export function setColumnProperties(t: RangeTarget, data: unknown): void {
  const where = 'Range.setColumnProperties';
  assertWritable(t.ws, where);
  entries<Excel.SettableColumnProperties>(data, rectCols(t.rect), t, where).forEach((props, j) => {
    for (const key of Object.keys(props)) if (key !== 'format') refuse(`a column's ${key}`, where);
    for (const key of Object.keys(props.format ?? {})) if (key !== 'columnWidth') refuse(`a column's format.${key}`, where);
    const width = props.format?.columnWidth;
    if (width === undefined) return;
    if (typeof width !== 'number' || !(width >= 0)) throw new FakeOfficeError('InvalidArgument', 'A column width must be a number of points.', where);
    t.ws.getColumn(t.rect.left + j).width = pointsToWidth(width);
  });
}
