import { daysInMonth, endOfMonth, isoFromParts, isValidDate, parseIso, type IsoDate } from './cells';
import type { PlanPeriod, Timescale } from './model';
import { quarter, type QuarterNumber } from './quarters';

/**
 * Finds the date phrases officers write in timescales and progress notes ("End of Nov 15",
 * "22.10.10", "Jan – Mar 2011", "Q3 2016/17", "Spring term 2015/16") and the span of days each
 * covers. Dates are read day-first, as they are written in Britain.
 */

type Confidence = Timescale['confidence'];

/** One date phrase found in a piece of text, resolved to the span of days it covers. */
export interface DateMention {
  /** Position of the phrase in the text searched. */
  index: number;
  end: number;
  kind: 'date' | 'month' | 'quarter' | 'fy' | 'season' | 'year';
  /** First and last day the phrase covers ("June 2014": 1 and 30 June). */
  from: IsoDate;
  due: IsoDate;
  confidence: Confidence;
}

// ---- reading date phrases --------------------------------------------------------------------

type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** What a phrase says, before any missing year is supplied. */
type Spec =
  | { t: 'day'; y: number | null; m: number; d: number }
  | { t: 'month'; y: number | null; m: number }
  | { t: 'quarter'; fy: number | null; q: QuarterNumber }
  | { t: 'fy'; from: number; to: number }
  | { t: 'season'; y: number | null; academic: boolean; season: Season; term: boolean }
  | { t: 'year'; y: number }
  | { t: 'period-end' }
  /** Looks like a date but is not one (31.02.16): the text is claimed so no part of it is misread. */
  | { t: 'none' };

interface Token {
  index: number;
  end: number;
  spec: Spec;
  /** The year came from a neighbouring phrase ("Jan – Mar 2011"). */
  borrowed: boolean;
}

const MON = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?`;
const ORD = String.raw`(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4}|\d{2})`;
/** Two years of a financial year: "2015/16", "2016-2017". */
const FY = String.raw`(\d{4})\s*[/\-–—]\s*(\d{4}|\d{2})`;

/** The same without a capture group. */
const MON_NC = MON.replace('(jan', '(?:jan');
/** Not right after a month name and what may join it to a number ("Dec 15", "Dec-15", "Dec '15"). */
const NOT_AFTER_MONTH = String.raw`(?<!${MON_NC}[\s\-–—']*)`;

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

const okYear = (y: number): boolean => Number.isInteger(y) && y >= 1900 && y <= 2199;

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

interface Pattern {
  re: RegExp;
  /** null: not a date after all; leave the text for the patterns that follow. */
  read: (m: RegExpMatchArray, anchor: number) => Spec | null;
}

/** Most specific first: each pattern only reads text the earlier ones have left. */
const PATTERNS: Pattern[] = [
  // ISO: 2016-03-31
  {
    re: /\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})\b/g,
    read: (m) => daySpec(Number(m[1]), Number(m[3]), Number(m[4])),
  },
  // Day first with a year, as in Britain: 22.10.10, 1/6/16, 01/06/2016. A year is required so that
  // "Section 2.1" is never a date.
  {
    re: /(?<!\d[./-])\b(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b(?![./-]\d)/g,
    read: (m, anchor) => daySpec(fullYear(m[4], anchor), Number(m[3]), Number(m[1])),
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
    re: new RegExp(String.raw`${NOT_AFTER_MONTH}\b(\d{1,2})${ORD}(?:\s+of)?[\s\-–—./]*${MON}(?:,?[\s\-–—./']*${YEAR}\b(?![./-]\d))?`, 'gi'),
    read: (m, anchor) => {
      const y = m[3] ? fullYear(m[3], anchor) : null;
      return daySpec(y, monthNumber(m[2]), Number(m[1]));
    },
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

/** Text between two phrases that makes them one list or range, so a year given once serves both. */
const LIST_GAP = /^\s*(?:,|&|\/|and|to|until|till|through|-|–|—)?\s*(?:and\s*)?$/i;
/** Text between two phrases that makes them a range: "Jan – Mar 2011", "Nov 15 to Jan 16". */
export const RANGE_GAP = /^\s*(?:-|–|—|to|until|till|through)\s*$/i;

/** Whether any character from index to end is already part of a phrase (a text holds few). */
function isTaken(tokens: Token[], index: number, end: number): boolean {
  return tokens.some((t) => t.index < end && index < t.end);
}

function tokenise(text: string, anchor: number): Token[] {
  const tokens: Token[] = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern.re)) {
      const index = m.index;
      const end = index + m[0].length;
      if (isTaken(tokens, index, end)) continue;
      const spec = pattern.read(m, anchor);
      if (spec) tokens.push({ index, end, spec, borrowed: false });
    }
  }
  tokens.sort((a, b) => a.index - b.index);
  // Right to left, so "June, September and December 2014" passes the year along the list.
  for (let i = tokens.length - 2; i >= 0; i--) {
    const a = tokens[i].spec;
    const b = tokens[i + 1].spec;
    if ((a.t === 'month' || a.t === 'day') && a.y === null && (b.t === 'month' || b.t === 'day') && b.y !== null) {
      if (!LIST_GAP.test(text.slice(tokens[i].end, tokens[i + 1].index))) continue;
      // "Nov – Jan 2016" starts in the year before.
      tokens[i].spec = { ...a, y: a.m > b.m ? b.y - 1 : b.y };
      tokens[i].borrowed = true;
    }
  }
  return tokens;
}

interface Span {
  from: IsoDate;
  due: IsoDate;
}

function seasonSpan(season: Season, term: boolean, year: number): Span | null {
  if (!okYear(year) || !okYear(year + 1)) return null;
  if (term) {
    // School terms: autumn Sep–Dec, spring Jan–Mar, summer Apr–Jul.
    if (season === 'autumn') return { from: isoFromParts(year, 9, 1), due: isoFromParts(year, 12, 31) };
    if (season === 'spring') return { from: isoFromParts(year, 1, 1), due: isoFromParts(year, 3, 31) };
    if (season === 'summer') return { from: isoFromParts(year, 4, 1), due: isoFromParts(year, 7, 31) };
    return { from: isoFromParts(year, 12, 1), due: endOfMonth(year + 1, 2) };
  }
  if (season === 'spring') return { from: isoFromParts(year, 3, 1), due: isoFromParts(year, 5, 31) };
  if (season === 'summer') return { from: isoFromParts(year, 6, 1), due: isoFromParts(year, 8, 31) };
  if (season === 'autumn') return { from: isoFromParts(year, 9, 1), due: isoFromParts(year, 11, 30) };
  return { from: isoFromParts(year, 12, 1), due: endOfMonth(year + 1, 2) };
}

/** For a phrase without a year: the first occurrence that ends inside the window, else the first after its start. */
function firstInWindow(spanFor: (year: number) => Span | null, window: PlanPeriod, anchor: number): Span | null {
  const startYear = Number.isFinite(parseIso(window.start).year) ? parseIso(window.start).year : anchor;
  let after: Span | null = null;
  for (let y = startYear - 1; y <= startYear + 2; y++) {
    const span = spanFor(y);
    if (!span) continue;
    if (span.due >= window.start && span.due <= window.end) return span;
    if (!after && span.due >= window.start) after = span;
  }
  return after;
}

function mention(token: Token, kind: DateMention['kind'], span: Span | null, confidence: Confidence): DateMention | null {
  return span && { index: token.index, end: token.end, kind, ...span, confidence };
}

function resolve(token: Token, period: PlanPeriod, window: PlanPeriod, anchor: number): DateMention | null {
  const { spec } = token;
  const given: Confidence = 'medium';
  switch (spec.t) {
    case 'day': {
      const dayIn = (y: number): Span | null => (isValidDate(y, spec.m, spec.d) ? { from: isoFromParts(y, spec.m, spec.d), due: isoFromParts(y, spec.m, spec.d) } : null);
      const span = spec.y === null ? firstInWindow(dayIn, window, anchor) : dayIn(spec.y);
      return mention(token, 'date', span, spec.y === null ? 'low' : token.borrowed ? given : 'high');
    }
    case 'month': {
      const monthIn = (y: number): Span | null => (okYear(y) ? { from: isoFromParts(y, spec.m, 1), due: endOfMonth(y, spec.m) } : null);
      const span = spec.y === null ? firstInWindow(monthIn, window, anchor) : monthIn(spec.y);
      return mention(token, 'month', span, spec.y === null ? 'low' : given);
    }
    case 'quarter': {
      const quarterIn = (fy: number): Span | null => {
        if (!okYear(fy) || !okYear(fy + 1)) return null;
        const q = quarter(fy, spec.q);
        return { from: q.start, due: q.end };
      };
      const span = spec.fy === null ? firstInWindow(quarterIn, window, anchor) : quarterIn(spec.fy);
      return mention(token, 'quarter', span, spec.fy === null ? 'low' : given);
    }
    case 'fy':
      return mention(token, 'fy', { from: isoFromParts(spec.from, 4, 1), due: isoFromParts(spec.to, 3, 31) }, spec.to - spec.from === 1 ? given : 'low');
    case 'season': {
      const inYear = (y: number) => seasonSpan(spec.season, spec.term, y);
      let span: Span | null;
      if (spec.y === null) span = firstInWindow(inYear, window, anchor);
      // In a school year "2015/16" only the autumn term falls in 2015.
      else if (spec.academic && spec.season !== 'winter' && !(spec.term && spec.season === 'autumn')) span = inYear(spec.y + 1);
      else span = inYear(spec.y);
      return mention(token, 'season', span, spec.y === null ? 'low' : given);
    }
    case 'year':
      return mention(token, 'year', { from: isoFromParts(spec.y, 1, 1), due: isoFromParts(spec.y, 12, 31) }, 'low');
    case 'period-end':
      return mention(token, 'season', { from: period.start, due: period.end }, given);
    case 'none':
      return null;
  }
}

/**
 * Every date phrase in the text, in order of appearance. A two-digit year takes the century
 * nearest the plan period; a phrase without a year (a month, a quarter, a season) is the first
 * one that ends inside `window` (the plan period unless said otherwise).
 */
export function findDates(text: string, period: PlanPeriod, window: PlanPeriod = period): DateMention[] {
  const startYear = parseIso(period.start).year;
  const anchor = Number.isFinite(startYear) ? startYear : 2000;
  const mentions: DateMention[] = [];
  for (const token of tokenise(text, anchor)) {
    const mention = resolve(token, period, window, anchor);
    if (mention) mentions.push(mention);
  }
  return mentions;
}
