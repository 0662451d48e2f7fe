import type ExcelJS from 'exceljs';

/**
 * Cell values and styles as Excel shows them through Office.js, on top of ExcelJS cells: reading
 * (dates as serial numbers, formulas as their results, empty as ""), writing (Excel's parsing of
 * typed text: "=…" is a formula, "12" a number, unless the cell is formatted as text "@") and
 * copy-on-write styles (ExcelJS shares style objects between cells read from a file).
 */

export type OfficeValue = string | number | boolean;

// ExcelJS.ValueType, without importing ExcelJS at runtime (the fake runs in the browser too).
const T = { Null: 0, Merge: 1, Number: 2, String: 3, Date: 4, Hyperlink: 5, Formula: 6, SharedString: 7, RichText: 8, Boolean: 9, Error: 10 };

const DAY_MS = 86_400_000;
const EPOCH_OFFSET = 25_569; // serial number of 1970-01-01

export function dateToSerial(d: Date): number {
  return Math.round((d.getTime() / DAY_MS + EPOCH_OFFSET) * 86_400) / 86_400;
}

/** Text of a rich-text or hyperlink value. */
function plainText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) {
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  }
  return v == null ? '' : String(v);
}

/** A non-anchor cell of a merged area: Excel shows nothing there. */
export function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return cell.type === T.Merge && cell.master !== cell;
}

function scalar(v: unknown): OfficeValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === 'object') {
    if ('error' in v) return String((v as { error: string }).error);
    if ('richText' in v) return plainText(v);
    if ('text' in v) return plainText((v as { text: unknown }).text);
  }
  return String(v);
}

/** What Range.values gives for a cell. */
export function readValue(cell: ExcelJS.Cell): OfficeValue {
  if (isMergeSlave(cell)) return '';
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    return scalar((v as { result?: unknown }).result);
  }
  return scalar(v);
}

/** What Range.formulas gives: "=…" for formula cells, else the value. */
export function readFormula(cell: ExcelJS.Cell): OfficeValue {
  if (isMergeSlave(cell)) return '';
  if (cell.type === T.Formula) return `=${cell.formula}`;
  return readValue(cell);
}

export function readValueType(cell: ExcelJS.Cell): string {
  if (isMergeSlave(cell)) return 'Empty';
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && 'error' in v) return 'Error';
  const s = readValue(cell);
  if (s === '') return 'Empty';
  if (typeof s === 'number') return 'Double';
  if (typeof s === 'boolean') return 'Boolean';
  return /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/.test(s) && cell.type === T.Formula ? 'Error' : 'String';
}

/** Number format as Excel reports it; a date with no format shows in the UK short date form. */
export function readNumberFormat(cell: ExcelJS.Cell): string {
  const f = cell.numFmt;
  if (f) return f;
  return cell.value instanceof Date ? 'dd/mm/yyyy' : 'General';
}

export function hasValue(cell: ExcelJS.Cell): boolean {
  return cell.type !== T.Null && cell.type !== T.Merge;
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^[+-]?(\d+(\.\d*)?|\.\d+)%$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Write one value the way Excel stores what Range.values receives. In a cell formatted as text
 * ("@") a string is kept as it is; elsewhere Excel parses it as if typed: "=…", and "+…"/"-…" that
 * are not numbers, become formulas; numbers, percentages, TRUE/FALSE and ISO dates are converted;
 * a leading apostrophe forces text. "" clears the cell.
 */
export function writeValue(cell: ExcelJS.Cell, input: OfficeValue): void {
  if (input === '') {
    cell.value = null;
    return;
  }
  if (typeof input !== 'string') {
    cell.value = input;
    return;
  }
  if (cell.numFmt === '@') {
    cell.value = input;
    return;
  }
  const s = input;
  if (s.startsWith("'")) {
    cell.value = s.slice(1);
    return;
  }
  const t = s.trim();
  if (NUMERIC.test(t)) {
    cell.value = Number(t);
    return;
  }
  if (PERCENT.test(t)) {
    cell.value = Number(t.slice(0, -1)) / 100;
    if (!cell.numFmt || cell.numFmt === 'General') setNumberFormat(cell, '0%');
    return;
  }
  if (/^(true|false)$/i.test(t)) {
    cell.value = t.toLowerCase() === 'true';
    return;
  }
  const iso = ISO_DATE.exec(t);
  if (iso) {
    const ms = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    const d = new Date(ms);
    if (d.getUTCMonth() === Number(iso[2]) - 1) {
      cell.value = dateToSerial(d);
      if (!cell.numFmt || cell.numFmt === 'General') setNumberFormat(cell, 'yyyy-mm-dd');
      return;
    }
  }
  if (s.startsWith('=')) {
    cell.value = { formula: s.slice(1) } as ExcelJS.CellFormulaValue;
    return;
  }
  if (s.startsWith('+') || s.startsWith('-')) {
    cell.value = { formula: s } as ExcelJS.CellFormulaValue;
    return;
  }
  cell.value = s;
}

// ---- styles (copy on write) -----------------------------------------------------------------

type Style = Partial<ExcelJS.Style>;

export function updateStyle(cell: ExcelJS.Cell, change: (style: Style) => void): void {
  const style: Style = { ...(cell.style as Style) };
  change(style);
  cell.style = style as ExcelJS.Style;
}

export function setNumberFormat(cell: ExcelJS.Cell, format: string): void {
  updateStyle(cell, (s) => {
    if (format === '' || format === 'General') delete s.numFmt;
    else s.numFmt = format;
  });
}

export function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

export function hexFromArgb(c: { argb?: string } | undefined): string | null {
  if (!c || !c.argb) return null;
  return `#${c.argb.slice(-6).toUpperCase()}`;
}

const NAMED: Record<string, string> = {
  black: '#000000', white: '#FFFFFF', red: '#FF0000', green: '#008000', blue: '#0000FF',
  yellow: '#FFFF00', orange: '#FFA500', grey: '#808080', gray: '#808080',
};

/** "#RRGGBB" or a colour name, as Office.js accepts them; null when Excel would refuse it. */
export function normaliseColour(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^#[0-9A-Fa-f]{6}$/.test(value)) return value.toUpperCase();
  return NAMED[value.toLowerCase()] ?? null;
}

// ---- display text -----------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function isDateFormat(f: string): boolean {
  const g = f.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return /[dy]/i.test(g) || /mmm/i.test(g);
}

/** Range.text: the value as the cell shows it, for the formats BoardPlan meets (General, text, dates, fixed decimals, percentages). */
export function displayText(value: OfficeValue, format: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const f = format.split(';')[0];
  if (f === '@') return String(value);
  if (isDateFormat(f)) return formatDate(value, f);
  const pct = /^0(\.0+)?%$/.exec(f);
  if (pct) return `${(value * 100).toFixed(pct[1] ? pct[1].length - 1 : 0)}%`;
  const fixed = /^#?,?#*0(\.0+)?$/.exec(f);
  if (fixed) return value.toFixed(fixed[1] ? fixed[1].length - 1 : 0);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}

function formatDate(serial: number, f: string): string {
  const d = new Date((Math.floor(serial) - EPOCH_OFFSET) * DAY_MS);
  const Y = d.getUTCFullYear();
  const M = d.getUTCMonth();
  const D = d.getUTCDate();
  return f.replace(/"([^"]*)"|\\(.)|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d/gi, (tok, lit: string, esc: string) => {
    if (lit !== undefined) return lit;
    if (esc !== undefined) return esc;
    switch (tok.toLowerCase()) {
      case 'yyyy': return String(Y);
      case 'yy': return String(Y % 100).padStart(2, '0');
      case 'mmmm': return MONTHS[M];
      case 'mmm': return MONTHS[M].slice(0, 3);
      case 'mm': return String(M + 1).padStart(2, '0');
      case 'm': return String(M + 1);
      case 'dddd': return DAYS[d.getUTCDay()];
      case 'ddd': return DAYS[d.getUTCDay()].slice(0, 3);
      case 'dd': return String(D).padStart(2, '0');
      default: return String(D);
    }
  });
}
