/**
 * Dates in a workbook's cells. Excel counts days from 1899-12-30 (serial 0), or from 1904-01-01 in
 * a workbook saved with the 1904 date system; the snapshot always holds the first kind, so a
 * timescale reads the same whichever system the workbook uses.
 */

/** Excel's serial day 0 (1899-12-30), in UTC. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
export const DAY_MS = 86_400_000;
/** The 1904 date system counts from 1 Jan 1904, 1,462 days after the 1900 system's day 0. */
export const DAYS_1904 = 1462;
/** Used for a date cell that carries no date format of its own. */
export const DEFAULT_DATE_FORMAT = 'dd/mm/yyyy';
/** Excel's built-in format 14 ("short date", shown in the reader's regional form): 31/03/2016 in a UK workbook. */
export const BUILT_IN_SHORT_DATE = 'mm-dd-yy';

/** The format a date cell is shown with: its own, or the UK short date for Excel's regional one. */
export function dateCellFormat(numFmt: string | undefined): string {
  return !numFmt || numFmt === BUILT_IN_SHORT_DATE ? DEFAULT_DATE_FORMAT : numFmt;
}

/** A JavaScript date (taken as UTC) as an Excel serial, keeping any time of day, to the second. */
export function serial(date: Date): number | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  return Math.round(((ms - EXCEL_EPOCH_MS) / DAY_MS) * 86_400) / 86_400;
}

/** A date-formatted number of the workbook as a 1900-system serial, to the second. */
export function dateSerial(value: number, date1904: boolean): number {
  const days = value + (date1904 ? DAYS_1904 : 0);
  return Math.round(days * 86_400) / 86_400;
}

/**
 * An ISO 8601 date or time as a cell with t="d" holds it ("2021-03-04", "2021-03-04T10:30:00Z",
 * "10:30:00"), as a 1900-system serial; null when it is not one.
 */
export function isoSerial(text: string): number | null {
  const m = /^\s*(?:(\d{4})-(\d{2})-(\d{2}))?(?:[T ]?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/.exec(text);
  if (!m || (!m[1] && !m[4])) return null;
  const [year, month, day] = m[1] ? [Number(m[1]), Number(m[2]), Number(m[3])] : [1899, 12, 30];
  const ms = Date.UTC(year, month - 1, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Math.round(Number(`0.${m[7] ?? '0'}`) * 1000));
  const check = new Date(ms);
  if (m[1] && (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)) return null;
  // A time zone is not Excel's: the clock time written is the time the cell shows.
  return serial(check);
}
