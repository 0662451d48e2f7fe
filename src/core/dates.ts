import { addDays, endOfMonth, isoFromParts, isValidDate, parseIso, type IsoDate } from './cells';
import { datePatterns, okYear, type Pattern, type Season, type Spec } from './date-patterns';
import type { PlanPeriod, Timescale } from './model';
import { quarter } from './quarters';

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
  /** The phrase, or the list it stands in, names its year ("31 August" and "Q3" do not). */
  yearGiven: boolean;
}

interface Token {
  index: number;
  end: number;
  spec: Spec;
  /** The year came from a neighbouring phrase ("Jan – Mar 2011"). */
  borrowed: boolean;
}

/** Text between two phrases that makes them one list or range, so a year given once serves both. */
const LIST_GAP = /^\s*(?:,|&|\/|and|to|until|till|through|-|–|—)?\s*(?:and\s*)?$/i;
/** Text between two phrases that makes them a range: "Jan – Mar 2011", "Nov 15 to Jan 16". */
export const RANGE_GAP = /^\s*(?:-|–|—|to|until|till|through)\s*$/i;

/** Whether any character from index to end is already part of a phrase (a text holds few). */
function isTaken(tokens: Token[], index: number, end: number): boolean {
  return tokens.some((t) => t.index < end && index < t.end);
}

function tokenise(text: string, anchor: number, patterns: Pattern[]): Token[] {
  const tokens: Token[] = [];
  for (const { re, read } of patterns) {
    // The pattern's own regex, searched from the text's start (matchAll would build a copy per text).
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const index = m.index;
      const end = index + m[0].length;
      // A phrase is never empty; were a pattern to match nothing, the search moves on, as matchAll's does.
      if (end === index) re.lastIndex++;
      if (isTaken(tokens, index, end)) continue;
      const spec = read(m, anchor);
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

function mention(token: Token, kind: DateMention['kind'], span: Span | null, confidence: Confidence, yearGiven = true): DateMention | null {
  return span && { index: token.index, end: token.end, kind, ...span, confidence, yearGiven };
}

function resolve(token: Token, period: PlanPeriod, window: PlanPeriod, anchor: number): DateMention | null {
  const { spec } = token;
  const given: Confidence = 'medium';
  switch (spec.t) {
    case 'day': {
      const dayIn = (y: number): Span | null => (isValidDate(y, spec.m, spec.d) ? { from: isoFromParts(y, spec.m, spec.d), due: isoFromParts(y, spec.m, spec.d) } : null);
      const span = spec.y === null ? firstInWindow(dayIn, window, anchor) : dayIn(spec.y);
      return mention(token, 'date', span, spec.y === null ? 'low' : token.borrowed ? given : 'high', spec.y !== null);
    }
    case 'week': {
      // Due by the Friday of the week it starts.
      const weekFrom = (y: number): Span | null => (isValidDate(y, spec.m, spec.d) ? { from: isoFromParts(y, spec.m, spec.d), due: addDays(isoFromParts(y, spec.m, spec.d), 4) } : null);
      const span = spec.y === null ? firstInWindow(weekFrom, window, anchor) : weekFrom(spec.y);
      return mention(token, 'date', span, spec.y === null ? 'low' : token.borrowed ? given : 'high', spec.y !== null);
    }
    case 'month': {
      const monthIn = (y: number): Span | null => (okYear(y) ? { from: isoFromParts(y, spec.m, 1), due: endOfMonth(y, spec.m) } : null);
      const span = spec.y === null ? firstInWindow(monthIn, window, anchor) : monthIn(spec.y);
      return mention(token, 'month', span, spec.y === null ? 'low' : given, spec.y !== null);
    }
    case 'quarter': {
      const quarterIn = (fy: number): Span | null => {
        if (!okYear(fy) || !okYear(fy + 1)) return null;
        const q = quarter(fy, spec.q);
        return { from: q.start, due: q.end };
      };
      const span = spec.fy === null ? firstInWindow(quarterIn, window, anchor) : quarterIn(spec.fy);
      return mention(token, 'quarter', span, spec.fy === null ? 'low' : given, spec.fy !== null);
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
      return mention(token, 'season', span, spec.y === null ? 'low' : given, spec.y !== null);
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
 * one that ends inside `window` (the plan period unless said otherwise). A read that looks in many
 * texts passes the patterns it built once (datePatterns).
 */
export function findDates(text: string, period: PlanPeriod, window: PlanPeriod = period, patterns: Pattern[] = datePatterns()): DateMention[] {
  const startYear = parseIso(period.start).year;
  const anchor = Number.isFinite(startYear) ? startYear : 2000;
  const mentions: DateMention[] = [];
  for (const token of tokenise(text, anchor, patterns)) {
    const mention = resolve(token, period, window, anchor);
    if (mention) mentions.push(mention);
  }
  return mentions;
}
