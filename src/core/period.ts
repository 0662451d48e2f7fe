import { endOfMonth, formatDate, isoFromParts, type IsoDate } from './cells';
import type { PlanPeriod } from './model';
import { ownedHeaderKind } from './columns';
import { quarterOf } from './quarters';
import { isStateSheet } from './state';
import type { CellValue, WorkbookSnapshot } from './snapshot';

const isBlank = (v: CellValue | undefined) => v === null || v === undefined || v === '';

/**
 * The period a plan covers, read from its title ("Business Plan 2014-15", "Business Plan October
 * 2010 – March 2011"). Years without months are UK financial years: 1 April to 31 March.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const SPAN = '\\s*(?:-|–|—|to|until)\\s*';

const MONTH_RANGE = new RegExp(`\\b${MONTH}\\s+((?:19|20)\\d{2})${SPAN}${MONTH}\\s+((?:19|20)\\d{2})\\b`, 'i');
// "2014-15", "2014/5", "2015-18", "2015 - 2017", "2016/2017"
const YEAR_RANGE = /(?<![\d/.-])((?:19|20)\d{2})\s*(?:-|–|—|\/|to)\s*(\d{4}|\d{1,2})(?![\d/.-])/i;

/** Longest plan a title can name; anything longer is more likely two unrelated numbers. */
const MAX_YEARS = 5;

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The period named in a piece of text, or null. */
export function periodFromText(text: string): PlanPeriod | null {
  const m = MONTH_RANGE.exec(text);
  if (m) {
    const start = isoFromParts(Number(m[2]), monthIndex(m[1]), 1);
    const end = endOfMonth(Number(m[4]), monthIndex(m[3]));
    if (start < end && Number(m[4]) - Number(m[2]) <= MAX_YEARS) return { start, end };
  }
  const y = YEAR_RANGE.exec(text);
  if (y) {
    const first = Number(y[1]);
    const tail = y[2];
    // The second year is written in full, by its last two digits, or (as in "2014/5") its last digit.
    const base = tail.length === 4 ? 0 : tail.length === 2 ? Math.floor(first / 100) * 100 : Math.floor(first / 10) * 10;
    let last = base + Number(tail);
    if (tail.length < 4 && last <= first) last += tail.length === 2 ? 100 : 10;
    if (last > first && last - first <= MAX_YEARS) return { start: isoFromParts(first, 4, 1), end: isoFromParts(last, 3, 31) };
  }
  return null;
}

/** How many rows at the top of each sheet may hold the title. */
const TITLE_ROWS = 10;

/**
 * The plan period from the title text in the first rows of the workbook's sheets (sheet names
 * too, as a last resort). Text that mentions a plan wins over other text such as review dates.
 * BoardPlan's own sheets (`owned`, and its state sheet) are not read: their titles name the
 * quarter of the last refresh, which a later quarter's refresh must not take for the plan's.
 */
export function planPeriodFromWorkbook(snapshot: WorkbookSnapshot, owned: readonly string[] = []): PlanPeriod | null {
  const skip = new Set(owned);
  let best: { period: PlanPeriod; score: number } | null = null;
  const consider = (text: string, score: number) => {
    const period = periodFromText(text);
    if (!period) return;
    const lower = text.toLowerCase();
    if (/\bplan\b/.test(lower)) score += 10;
    if (/\bbusiness plan\b/.test(lower)) score += 3;
    if (/\bpriorit/.test(lower)) score += 2;
    if (!best || score > best.score) best = { period, score };
  };
  snapshot.sheets.forEach((sheet, s) => {
    if (sheet.visibility === 'veryHidden' || isStateSheet(sheet) || skip.has(sheet.name)) return;
    // Counted from the sheet's first row, so that a cell typed above the used range moves no title out
    // of reach. BoardPlan's own rating and reason beside a plan (a pair under its headings, both
    // filled, as every refresh writes them) are no title; what the officer typed there is read.
    const owned: { proposed?: number; reason?: number } = {};
    sheet.values.slice(0, Math.max(0, TITLE_ROWS + 1 - sheet.top)).forEach((row, r) => {
      const kinds = row.map((v) => (typeof v === 'string' ? ownedHeaderKind(v) : null));
      const written = (col: number | undefined) => col !== undefined && !isBlank(row[col - sheet.left]) && !kinds[col - sheet.left];
      const isOurs = (col: number) => (col === owned.proposed || col === owned.reason) && written(owned.proposed) && written(owned.reason);
      row.forEach((v, i) => {
        if (typeof v === 'string' && !kinds[i] && !isOurs(sheet.left + i)) consider(v, -s - (sheet.top + r) / 100);
      });
      // BoardPlan's headings on this row head the rows below it.
      kinds.forEach((kind, i) => kind && (owned[kind] = sheet.left + i));
    });
    consider(sheet.name, -s - 1);
  });
  return (best as { period: PlanPeriod } | null)?.period ?? null;
}

/** "1 Apr 2015 to 31 Mar 2016" */
export function periodText(period: PlanPeriod): string {
  return `${formatDate(period.start)} to ${formatDate(period.end)}`;
}

/**
 * "Rated as of 6 Dec 2026, after the plan period ended on 31 Mar 2016", or null when the as-of date
 * is within the period. A new user who leaves the date at today rates last year's plan all Red;
 * each host adds how to choose the date.
 */
export function asOfOutsidePeriod(asOf: IsoDate, period: PlanPeriod): string | null {
  if (asOf > period.end) return `Rated as of ${formatDate(asOf)}, after the plan period ended on ${formatDate(period.end)}`;
  if (asOf < period.start) return `Rated as of ${formatDate(asOf)}, before the plan period started on ${formatDate(period.start)}`;
  return null;
}

/**
 * "Q3 2026/27 is outside the plan period (1 Apr 2015 to 31 Mar 2016)", or null when the as-of
 * date's quarter overlaps the period: its ratings would be recorded against a year the plan does not cover.
 */
export function quarterOutsidePeriod(asOf: IsoDate, period: PlanPeriod): string | null {
  const q = quarterOf(asOf);
  if (q.end >= period.start && q.start <= period.end) return null;
  return `${q.label} is outside the plan period (${periodText(period)})`;
}
