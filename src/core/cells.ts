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
  // The usual form ("D12", as the engine writes addresses) is read by character codes: findings
  // are sorted by their cells, thousands at a time. Anything else goes through the pattern.
  let col = 0;
  let i = 0;
  for (; i < address.length && i < 3; i++) {
    const c = address.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  const digitsFrom = i;
  let row = 0;
  for (; i < address.length; i++) {
    const d = address.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  if (digitsFrom > 0 && i > digitsFrom && i === address.length) return { row, col };
  const m = A1_ADDRESS.exec(address.trim());
  if (!m) return null;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  return `${a1(top, left)}:${a1(bottom, right)}`;
}

/** A sheet name quoted for use in a formula or a hyperlink location. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The sheet last quoted by sheetAddress: findings come sheet by sheet, so each is quoted once. */
let lastQuoted = { sheet: '', text: quoteSheet(''), prefix: `${quoteSheet('')}!` };

function quoted(sheet: string): { text: string; prefix: string } {
  if (lastQuoted.sheet !== sheet) {
    const text = quoteSheet(sheet);
    lastQuoted = { sheet, text, prefix: `${text}!` };
  }
  return lastQuoted;
}

/** A sheet, and a cell on it when there is one, as Excel writes them: 'Children''s Plan'!G6. */
export function sheetAddress(sheet: string, cell?: string | null): string {
  return cell ? `${quoted(sheet).prefix}${cell}` : quoted(sheet).text;
}

/** What comes before the cell in sheetAddress(sheet, cell): 'Children''s Plan'! */
export function cellAddressPrefix(sheet: string): string {
  return quoted(sheet).prefix;
}

// ---- dates ---------------------------------------------------------------------------------

export type IsoDate = string;

const DAY_MS = 86_400_000;
/** Excel's day 0 is 1899-12-30 once its fictitious 29 Feb 1900 is accounted for. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * ISO texts by day. A plan names the same few hundred days again and again (month ends, quarter
 * ends, each candidate year of a yearless "March"), so each is spelt once and shared: no strings
 * to make, and a shared text compares and hashes as one.
 */
const isoTexts = new Map<number, IsoDate>();

export function isoFromParts(year: number, month: number, day: number): IsoDate {
  // Only whole numbers in range have a place in the cache; anything else is spelt out as it is.
  const inRange = year >= 0 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  if (!inRange || !Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return spellIso(year, month, day);
  const key = (year * 16 + month) * 32 + day;
  let text = isoTexts.get(key);
  if (text === undefined) {
    if (isoTexts.size >= 100_000) isoTexts.clear();
    isoTexts.set(key, (text = spellIso(year, month, day)));
  }
  return text;
}

function spellIso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Years Date.UTC reads as written (it maps 0–99 to 1900–1999) and integer arithmetic can serve. */
const plainYear = (year: number): boolean => Number.isInteger(year) && year >= 100 && year <= 9999;
const plainMonth = (month: number): boolean => Number.isInteger(month) && month >= 1 && month <= 12;

export function daysInMonth(year: number, month: number): number {
  // Integer arithmetic: dates are read for every action, and Date objects are slow to make.
  if (plainYear(year) && plainMonth(month)) return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function endOfMonth(year: number, month: number): IsoDate {
  return isoFromParts(year, month, daysInMonth(year, month));
}

export function parseIso(iso: IsoDate): { year: number; month: number; day: number } {
  // Dates are taken apart everywhere: the usual form is read by character codes, without substrings.
  if (iso.length === 10 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45) {
    const year = digitsAt(iso, 0, 4);
    const month = digitsAt(iso, 5, 7);
    const day = digitsAt(iso, 8, 10);
    if (year >= 0 && month >= 0 && day >= 0) return { year, month, day };
  }
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

/** Whether a text is a day of the calendar written YYYY-MM-DD: "2016-02-30" is not. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const { year, month, day } = parseIso(text);
  return isValidDate(year, month, day);
}

/** The number written in text[from, to), or -1 when a character there is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, by whole-number arithmetic
 * (the "days from civil" method: years counted from March, so the leap day ends each year).
 */
function daysFromEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of daysFromEpoch. */
function dateFromEpochDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const EXCEL_EPOCH_DAYS = daysFromEpoch(1899, 12, 30);
/** Serials of 1 Jan 0100 and 31 Dec 9999: between them integer arithmetic gives what Date gives. */
const FIRST_PLAIN_SERIAL = daysFromEpoch(100, 1, 1) - EXCEL_EPOCH_DAYS;
const LAST_PLAIN_SERIAL = daysFromEpoch(9999, 12, 31) - EXCEL_EPOCH_DAYS;

export function isoToSerial(iso: IsoDate): number {
  const { year, month, day } = parseIso(iso);
  if (plainYear(year) && plainMonth(month) && Number.isInteger(day)) return daysFromEpoch(year, month, day) - EXCEL_EPOCH_DAYS;
  return Math.round((Date.UTC(year, month - 1, day) - EXCEL_EPOCH_MS) / DAY_MS);
}

export function serialToIso(serial: number): IsoDate {
  const whole = Math.floor(serial);
  if (whole >= FIRST_PLAIN_SERIAL && whole <= LAST_PLAIN_SERIAL) {
    const { year, month, day } = dateFromEpochDays(whole + EXCEL_EPOCH_DAYS);
    return isoFromParts(year, month, day);
  }
  const d = new Date(EXCEL_EPOCH_MS + whole * DAY_MS);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return serialToIso(isoToSerial(iso) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return isoToSerial(to) - isoToSerial(from);
}

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Dates shown in reasons and messages: a plan names a few hundred, each spelt out once. */
const shownDates = new Map<IsoDate, string>();

/** "2015-11-30" → "30 Nov 2015", the form used in reasons and summaries. */
export function formatDate(iso: IsoDate): string {
  let shown = shownDates.get(iso);
  if (shown === undefined) {
    const { year, month, day } = parseIso(iso);
    shown = `${day} ${MONTHS_SHORT[month - 1]} ${year}`;
    if (shownDates.size >= 10_000) shownDates.clear();
    shownDates.set(iso, shown);
  }
  return shown;
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

/** A workbook uses a handful of formats over thousands of cells: each is looked at once. */
const dateFormats = new Map<string, { date: boolean; monthOnly: boolean }>();

function formatKind(numberFormat: string): { date: boolean; monthOnly: boolean } {
  let kind = dateFormats.get(numberFormat);
  if (!kind) {
    const f = formatTokens(numberFormat);
    kind = {
      date: /[dy]/i.test(f) || /m{3,}/i.test(f) || (/m/i.test(f) && !/[hs]/i.test(f) && /[\/\-.]/.test(f)),
      monthOnly: /m/i.test(f) && /y/i.test(f) && !/d/i.test(f) && !/[hs]/i.test(f),
    };
    if (dateFormats.size >= 1000) dateFormats.clear();
    dateFormats.set(numberFormat, kind);
  }
  return kind;
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
