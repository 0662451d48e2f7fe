import { daysInMonth, isValidDate } from './cells';
import type { QuarterNumber } from './quarters';

/**
 * What the date phrases officers write look like, one pattern per kind of phrase, each with an
 * example above it, most specific first: "31/03/2016", "Q3 2016/17", "Spring term 2015/16",
 * "End of Nov 15", "2016-17". A pattern says what its phrase names (a Spec); dates.ts finds the
 * phrases in a text and works out the days each covers. A board's new wording is a new row here.
 */

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** What a phrase says, before any missing year is supplied. */
export type Spec =
  | { t: 'day'; y: number | null; m: number; d: number }
  /** The working week that starts on a day ("w/c 12/01/26"). */
  | { t: 'week'; y: number | null; m: number; d: number }
  | { t: 'month'; y: number | null; m: number }
  | { t: 'quarter'; fy: number | null; q: QuarterNumber }
  | { t: 'fy'; from: number; to: number }
  | { t: 'season'; y: number | null; academic: boolean; season: Season; term: boolean }
  | { t: 'year'; y: number }
  | { t: 'period-end' }
  /** Looks like a date but is not one (31.02.16): the text is claimed so no part of it is misread. */
  | { t: 'none' };

/** A month's name, in full or cut short as officers write it: "Sept", "Dec.". */
const MON = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?`;
const ORD = String.raw`(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4}|\d{2})`;
/** Two years of a financial year: "2015/16", "2016-2017". */
const FY = String.raw`(\d{4})\s*[/\-–—]\s*(\d{4}|\d{2})`;

/** The same without a capture group. */
export const MON_NC = MON.replace('(jan', '(?:jan');
/** Not right after a month name and what may join it to a number ("Dec 15", "Dec-15", "Dec '15"); a spaced dash parts a range ("Nov – 10 Dec"). */
const NOT_AFTER_MONTH = String.raw`(?<!${MON_NC}(?:\s+|[\-–—]|\s*')?)`;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The month a name the patterns matched begins with: "Sept" → 9. */
function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A year as written: two digits mean the century nearest the plan ("15" → 2015); of two as near, the earlier. */
function fullYear(written: string, anchor: number): number {
  const n = Number(written);
  if (written.length !== 2) return n;
  let best = 1900 + n;
  for (let y = 2000 + n; y <= 2100 + n; y += 100) if (Math.abs(y - anchor) < Math.abs(best - anchor)) best = y;
  return best;
}

export const okYear = (y: number): boolean => Number.isInteger(y) && y >= 1900 && y <= 2199;

/** The second year of "2015/16" or "2015/2016" as a full year, or null when it is not the year after. */
function fyEnd(first: number, second: string, maxSpan: number): number | null {
  const to = second.length === 2 ? Math.floor(first / 100) * 100 + Number(second) + (Number(second) < first % 100 ? 100 : 0) : Number(second);
  return to > first && to - first <= maxSpan ? to : null;
}

function daySpec(y: number | null, m: number, d: number): Spec {
  if (m < 1 || m > 12 || d < 1) return { t: 'none' };
  if (y === null) return d <= daysInMonth(2000, m) ? { t: 'day', y, m, d } : { t: 'none' };
  return isValidDate(y, m, d) ? { t: 'day', y, m, d } : { t: 'none' };
}

/**
 * A day in figures with its year, day first, as in Britain: "22.10.10", "01/06/2016" (groups: day,
 * separator, month, year; the separator is group 2, so a pattern starts with it).
 */
const DAY_FIGURES = String.raw`(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b(?![./-]\d)`;
const dayInFigures = (m: RegExpMatchArray, at: number, anchor: number): Spec => daySpec(fullYear(m[at + 3], anchor), Number(m[at + 2]), Number(m[at]));

/** A day then a month's name, perhaps a year: "31st March 2016", "31-Mar-2016", "5th Feb" (groups: day, month, year). */
const DAY_NAMED = String.raw`(\d{1,2})${ORD}(?:\s+of)?[\s\-–—./]*${MON}(?:(?:,?\s+'?|[\-–—./]'?|')${YEAR}\b(?![./-]\d))?`;
const dayNamed = (m: RegExpMatchArray, at: number, anchor: number): Spec => daySpec(m[at + 2] ? fullYear(m[at + 2], anchor) : null, monthNumber(m[at + 1]), Number(m[at]));

export interface Pattern {
  re: RegExp;
  /** null: not a date after all; leave the text for the patterns that follow. */
  read: (m: RegExpMatchArray, anchor: number) => Spec | null;
}

/**
 * The patterns, most specific first: each pattern only reads text the earlier ones have left. Each
 * call builds regexes of its own: a read builds them once and looks for dates in all its cells with
 * them, rather than building them again for every cell.
 */
export function datePatterns(): Pattern[] {
  return [
    // The week commencing a day: "w/c 12/01/26", "W/C 5th Jan 2026", "week beginning 12 January".
    {
      re: new RegExp(String.raw`\b(?:w\s*/\s*c|week\s+(?:commencing|beginning|starting)(?:\s+on)?)\b[\s:.]*(?:${DAY_FIGURES}|${DAY_NAMED})`, 'gi'),
      read: (m, anchor) => {
        const day = m[1] ? dayInFigures(m, 1, anchor) : dayNamed(m, 5, anchor);
        return day.t === 'day' ? { ...day, t: 'week' } : day;
      },
    },
    // ISO: 2016-03-31
    {
      re: /\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\b/g,
      read: (m) => daySpec(Number(m[1]), Number(m[3]), Number(m[4])),
    },
    // Day first with a year, as in Britain: 22.10.10, 1/6/16, 01/06/2016. A year is required so that
    // "Section 2.1" is never a date.
    {
      re: new RegExp(String.raw`(?<!\d[./-])\b${DAY_FIGURES}`, 'g'),
      read: (m, anchor) => dayInFigures(m, 1, anchor),
    },
    // A month and a year in figures: 06/2016.
    {
      re: /(?<!\d[./-])\b(\d{1,2})\/(\d{4})\b(?![./-]\d)/g,
      read: (m) => {
        const month = Number(m[1]);
        const y = Number(m[2]);
        return month >= 1 && month <= 12 && okYear(y) ? { t: 'month', m: month, y } : { t: 'none' };
      },
    },
    // Quarters: Q3 2016/17, Q3 16/17, Quarter 2 2015-16, Q1 2016 (the financial year starting then), Q3.
    {
      re: new RegExp(String.raw`\b(?:q|quarter\s*)([1-4])\b(?:\s*(?:of\s+)?(?:fy\s*)?(?:${FY}|(\d{2})\s*/\s*(\d{2})|(\d{4}))\b)?`, 'gi'),
      read: (m, anchor) => {
        const q = Number(m[1]) as QuarterNumber;
        if (m[2]) return { t: 'quarter', q, fy: Number(m[2]) };
        if (m[4]) return { t: 'quarter', q, fy: fullYear(m[4], anchor) };
        if (m[6]) return { t: 'quarter', q, fy: Number(m[6]) };
        return { t: 'quarter', q, fy: null };
      },
    },
    {
      re: new RegExp(String.raw`\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?:\s*(?:of\s+)?(?:fy\s*)?${FY}\b)?`, 'gi'),
      read: (m) => {
        const q = (['first', 'second', 'third', 'fourth'].indexOf(m[1].toLowerCase()) + 1 || Number(m[1][0])) as QuarterNumber;
        return { t: 'quarter', q, fy: m[2] ? Number(m[2]) : null };
      },
    },
    // A month in a financial year: "March 2016/2017" is March 2017.
    {
      re: new RegExp(String.raw`\b${MON}[\s,]*${FY}\b`, 'gi'),
      read: (m) => {
        const from = Number(m[2]);
        if (fyEnd(from, m[3], 1) === null) return null;
        const month = monthNumber(m[1]);
        return { t: 'month', m: month, y: month >= 4 ? from : from + 1 };
      },
    },
    // Seasons and school terms: Spring 2016, Autumn term 2015, Winter 2015/16, Summer.
    {
      re: new RegExp(String.raw`\b(spring|summer|autumn|fall|winter)(\s+term)?\b(?:\s+(?:of\s+)?(?:${FY}|(\d{4}|\d{2}))\b)?`, 'gi'),
      read: (m, anchor) => {
        const season = (m[1].toLowerCase() === 'fall' ? 'autumn' : m[1].toLowerCase()) as Season;
        const term = Boolean(m[2]);
        if (m[3]) {
          // "Spring term 2015/16": the school or winter year that starts in the first year.
          const from = Number(m[3]);
          if (fyEnd(from, m[4], 1) === null) return { t: 'none' };
          return { t: 'season', season, term, y: from, academic: true };
        }
        if (m[5]) return { t: 'season', season, term, y: fullYear(m[5], anchor), academic: false };
        return { t: 'season', season, term, y: null, academic: false };
      },
    },
    // A day and a month name: 31st March 2016, 31 Mar 16, 5th Feb, 31-Mar-2016. Not a number that
    // directly follows a month name ("Dec 15 Jan 16" is two months).
    {
      // A spaced dash after the month starts a range ("25 Nov – 10 Dec 2023"), never the year.
      re: new RegExp(String.raw`${NOT_AFTER_MONTH}\b${DAY_NAMED}`, 'gi'),
      read: (m, anchor) => dayNamed(m, 1, anchor),
    },
    // A month name then the day: March 31st 2016, March 31 2016, March 31st.
    {
      re: new RegExp(String.raw`\b${MON}\s+(\d{1,2})(?:(?:st|nd|rd|th)?,?\s+(\d{4})\b|(st|nd|rd|th)\b)`, 'gi'),
      read: (m) => daySpec(m[3] ? Number(m[3]) : null, monthNumber(m[1]), Number(m[2])),
    },
    // A month and a year: June 2014, Jun-16, Dec 15, Sept 16, Mar '16.
    {
      re: new RegExp(String.raw`\b${MON}[\s\-–—,.'’]*${YEAR}\b(?![./-]\d)`, 'gi'),
      read: (m, anchor) => {
        const month = monthNumber(m[1]);
        const y = fullYear(m[2], anchor);
        // "June 30" in a 2015 plan is a day, not June 2030.
        if (m[2].length === 2 && Math.abs(y - anchor) > 10) return daySpec(null, month, Number(m[2]));
        return okYear(y) ? { t: 'month', m: month, y } : { t: 'none' };
      },
    },
    // The end of the plan's own year.
    {
      re: /\b(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:(?:financial|fiscal|municipal|business|plan|current)\s+)?year|(?:financial\s+)?year[\s-]end)\b(?!\s*(?:\d|fy\b))/gi,
      read: () => ({ t: 'period-end' }),
    },
    // Financial years: 2016-17, 2015/16, 2016/2017, FY 2015/16; a multi-year plan 2015-18.
    {
      re: new RegExp(String.raw`\b(?:fy\s*)?${FY}\b(?![./-]\d)`, 'gi'),
      read: (m) => {
        const from = Number(m[1]);
        const to = fyEnd(from, m[2], 5);
        return to !== null && okYear(from) && okYear(to) ? { t: 'fy', from, to } : { t: 'none' };
      },
    },
    {
      re: /\b(?:fy\s*(\d{2})\s*[/\-–—]|(\d{2})\s*\/)\s*(\d{2})\b(?![./-]\d)/gi,
      read: (m, anchor) => {
        const from = fullYear(m[1] ?? m[2], anchor);
        const to = fyEnd(from, m[3], 1);
        return to === null ? null : { t: 'fy', from, to };
      },
    },
    // A bare year: "Implementation in 2015".
    {
      re: /\b(19\d\d|20\d\d|21\d\d)\b(?![./-]\d)/g,
      read: (m) => ({ t: 'year', y: Number(m[1]) }),
    },
    // A month on its own: "October Board meeting". The modal verb "may" is not a month.
    {
      re: new RegExp(String.raw`\b${MON}`, 'gi'),
      read: (m) => (m[1].toLowerCase() === 'may' && m[1][0] === 'm' ? null : { t: 'month', m: monthNumber(m[1]), y: null }),
    },
  ];
}

