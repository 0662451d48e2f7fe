import { endOfMonth, isoFromParts, parseIso, type IsoDate } from './cells';
import type { PlanPeriod } from './model';

/**
 * The UK public-sector financial year runs 1 April – 31 March; boards report by its quarters:
 * Q1 = Apr–Jun, Q2 = Jul–Sep, Q3 = Oct–Dec, Q4 = Jan–Mar (of the following calendar year).
 */

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface Quarter {
  /** Calendar year the financial year starts in: 2015 for 2015/16. */
  fy: number;
  q: QuarterNumber;
  start: IsoDate;
  end: IsoDate;
  /** "Q3 2015/16" */
  label: string;
}

/** 2015 → "2015/16" */
export function fyLabel(fy: number): string {
  return `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
}

/** The financial year that starts in April of the given calendar year. */
function fyStartYear(date: IsoDate): number {
  const { year, month } = parseIso(date);
  return month >= 4 ? year : year - 1;
}

/** 1 April – 31 March containing the date. */
export function financialYear(date: IsoDate): PlanPeriod {
  const fy = fyStartYear(date);
  return { start: isoFromParts(fy, 4, 1), end: isoFromParts(fy + 1, 3, 31) };
}

export function quarter(fy: number, q: QuarterNumber): Quarter {
  // Q1 starts in April (month 4); Q4 wraps into January of the next calendar year.
  const firstMonth = 4 + (q - 1) * 3;
  const year = firstMonth > 12 ? fy + 1 : fy;
  const month = firstMonth > 12 ? firstMonth - 12 : firstMonth;
  return {
    fy,
    q,
    start: isoFromParts(year, month, 1),
    end: endOfMonth(year, month + 2),
    label: `Q${q} ${fyLabel(fy)}`,
  };
}

export function quarterOf(date: IsoDate): Quarter {
  const { month } = parseIso(date);
  const q = (month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4) as QuarterNumber;
  return quarter(fyStartYear(date), q);
}

export function previousQuarter(q: Quarter): Quarter {
  return q.q === 1 ? quarter(q.fy - 1, 4) : quarter(q.fy, (q.q - 1) as QuarterNumber);
}

export function nextQuarter(q: Quarter): Quarter {
  return q.q === 4 ? quarter(q.fy + 1, 1) : quarter(q.fy, (q.q + 1) as QuarterNumber);
}

/** End of the last quarter that has ended on or before asOf: asOf itself when it is a quarter's last day. */
export function lastCompletedQuarterEnd(asOf: IsoDate): IsoDate {
  const current = quarterOf(asOf);
  return current.end === asOf ? asOf : previousQuarter(current).end;
}

/** "Q3 2015/16", "Q3 2015-16" or "Q3 2015/2016" → that quarter; null for anything else. */
export function parseQuarterLabel(label: string): Quarter | null {
  const m = /^\s*Q([1-4])\s+(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})\s*$/i.exec(label);
  if (!m) return null;
  const fy = Number(m[2]);
  const next = m[3].length === 2 ? (fy + 1) % 100 : fy + 1;
  if (Number(m[3]) !== next) return null;
  return quarter(fy, Number(m[1]) as QuarterNumber);
}
