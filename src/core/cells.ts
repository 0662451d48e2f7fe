/** A1 addresses, column letters and dates as plain ISO strings (YYYY-MM-DD), so the core never depends on time zones. */

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

const A1_ADDRESS = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** "B3" → {row: 3, col: 2}; null when the text is not a single-cell A1 address. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = A1_ADDRESS.exec(address.trim());
  return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : null;
}

export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  return `${a1(top, left)}:${a1(bottom, right)}`;
}

/** A sheet name quoted for use in a formula or a hyperlink location. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A sheet, and a cell on it when there is one, as Excel writes them: 'Children''s Plan'!G6. */
export function sheetAddress(sheet: string, cell?: string | null): string {
  return cell ? `${quoteSheet(sheet)}!${cell}` : quoteSheet(sheet);
}

// ---- dates ---------------------------------------------------------------------------------

export type IsoDate = string;

const DAY_MS = 86_400_000;
/** Excel's day 0 is 1899-12-30 once its fictitious 29 Feb 1900 is accounted for. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function isoFromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function endOfMonth(year: number, month: number): IsoDate {
  return isoFromParts(year, month, daysInMonth(year, month));
}

export function parseIso(iso: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

/** Whether a text is a day of the calendar written YYYY-MM-DD: "2016-02-30" is not. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const { year, month, day } = parseIso(text);
  return isValidDate(year, month, day);
}

export function isoToSerial(iso: IsoDate): number {
  const { year, month, day } = parseIso(iso);
  return Math.round((Date.UTC(year, month - 1, day) - EXCEL_EPOCH_MS) / DAY_MS);
}

export function serialToIso(serial: number): IsoDate {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return serialToIso(isoToSerial(iso) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return isoToSerial(to) - isoToSerial(from);
}

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2015-11-30" → "30 Nov 2015", the form used in reasons and summaries. */
export function formatDate(iso: IsoDate): string {
  const { year, month, day } = parseIso(iso);
  return `${day} ${MONTHS_SHORT[month - 1]} ${year}`;
}

export function monthName(month: number): string {
  return MONTHS_SHORT[month - 1];
}

/** Today's date in the local time zone of the machine (the officer's), as ISO. */
export function todayIso(now: Date = new Date()): IsoDate {
  return isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Drops quoted literals, escaped characters and colour/condition brackets, leaving the format's tokens. */
function formatTokens(numberFormat: string): string {
  return numberFormat.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

/** Whether a number format shows a date, and whether it shows a month and year but no day. */
function formatKind(numberFormat: string): { date: boolean; monthOnly: boolean } {
  const f = formatTokens(numberFormat);
  return {
    date: /[dy]/i.test(f) || /m{3,}/i.test(f) || (/m/i.test(f) && !/[hs]/i.test(f) && /[\/\-.]/.test(f)),
    monthOnly: /m/i.test(f) && /y/i.test(f) && !/d/i.test(f) && !/[hs]/i.test(f),
  };
}

/** Whether a number format shows a date (not a plain number or a time only). */
export function isDateFormat(numberFormat: string): boolean {
  return formatKind(numberFormat).date;
}

/** Excel's last date, 31 Dec 9999. */
const LAST_EXCEL_DATE = 2_958_465;

/**
 * Whether Excel can show a number as a date: from its day 0 to 31 Dec 9999. Beyond, a cell with a
 * date format shows ##### in Excel; BoardPlan then reads the number as a number.
 */
export function isDateSerial(value: number): boolean {
  return value >= 0 && value < LAST_EXCEL_DATE + 1;
}

/** A date format that shows a month and year but no day ("mmm-yy", "mmmm yyyy"): the cell means the month. */
export function isMonthOnlyFormat(numberFormat: string): boolean {
  return formatKind(numberFormat).monthOnly;
}
