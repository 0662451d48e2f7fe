import { daysBetween, endOfMonth, formatDate, isDateFormat, isMonthOnlyFormat, isoFromParts, isoToSerial, monthName, parseIso, serialToIso, type IsoDate } from './cells';
import { datePatterns, type Pattern } from './date-patterns';
import { findDates, RANGE_GAP, type DateMention } from './dates';
import { oneLine, stripMarkup } from './markup';
import type { PlanPeriod, Timescale, TimescaleKind } from './model';
import type { CellValue } from './snapshot';
import { yearlyDates } from './yearly';

/**
 * Reads the free-text timescales officers type ("End of Nov 15", "22.10.10", "Jan – Mar 2011",
 * "Quarterly", "On going", "2016-17") into a due date the engine can judge, from the date phrases
 * dates.ts finds in them: a range, several milestones, work that starts and goes on. Nothing here
 * throws: text that names no date becomes an 'unknown' timescale for the validator to point out.
 */

type Confidence = Timescale['confidence'];

const PLACEHOLDER = /\?{2,}|\bt\.?b\.?[cad]\b\.?|\bto\s+be\s+(?:confirmed|agreed|advised|arranged|decided|determined|set)\b|[a-z]\?/i;
const ONGOING = /\bon[\s-]?going\b|\bonwards\b|\bcontinu(?:ous|ously|al|ally|ing)\b/i;
const RECURRING =
  /\b(?:quarterly|monthly|weekly|fortnightly|termly|yearly|annual(?:ly)?|(?:bi|semi)[\s-]?annual(?:ly)?|(?:six|6|three|3|twelve|12)[\s-]monthly|half[\s-]yearly|(?:each|every)\s+(?:board\s+|sub[\s-]?group\s+)?(?:meeting|month|quarter|year|term)|regular(?:ly)?|routine(?:ly)?)\b/i;
/** Words before a date that make it the start of the work rather than a deadline. */
const START_BEFORE = /\b(?:from|since|starting|commencing|beginning|begins|starts)(?:\s+(?:in|on|from))?\s*$/i;
const ONGOING_AFTER = /^\s*(?:and\s+|[-–—,]\s*|to\s+)?(?:on[\s-]?going|onwards|continuing|continuous(?:ly)?)\b/i;

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const lowest = (cs: Confidence[]): Confidence => cs.reduce((a, b) => (RANK[b] < RANK[a] ? b : a), 'high');

/** A single phrase or two joined as a range. */
interface Item {
  kind: TimescaleKind;
  from: IsoDate;
  due: IsoDate;
  confidence: Confidence;
  index: number;
  end: number;
}

function items(text: string, mentions: DateMention[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    if (b && RANGE_GAP.test(text.slice(a.end, b.index)) && b.due >= a.from) {
      out.push({ kind: 'range', from: a.from, due: b.due, confidence: lowest([a.confidence, b.confidence]), index: a.index, end: b.end });
      i++;
    } else {
      // A bare year is read at month level (31 December), as a financial year would be read by its end.
      out.push({ kind: a.kind === 'year' ? 'month' : a.kind, from: a.from, due: a.due, confidence: a.confidence, index: a.index, end: a.end });
    }
  }
  return out;
}

function result(text: string, period: PlanPeriod, fields: Partial<Timescale>): Timescale {
  const milestones = fields.milestones ?? [];
  return {
    text,
    kind: 'unknown',
    due: null,
    confidence: 'low',
    placeholder: false,
    start: null,
    ...fields,
    milestones,
    outOfPeriod: [...new Set(milestones.filter((d) => d < period.start || d > period.end))],
  };
}

/** A span longer than a year ("2024-2027", "2015 to 2018"): the life of a plan rather than a deadline. */
const isYears = (item: Item) => (item.kind === 'fy' || item.kind === 'range') && daysBetween(item.from, item.due) > 366;

function fromText(raw: string, period: PlanPeriod, patterns: Pattern[]): Timescale {
  const text = oneLine(stripMarkup(raw).text);
  const placeholder = PLACEHOLDER.test(text);
  const mentions = findDates(text, period, period, patterns);
  // "31 August (annually)", "each April": due on each year's date, worked out as of a day (yearly.ts).
  const yearly = yearlyDates(text, mentions);
  if (yearly) return result(text, period, { kind: 'recurring', placeholder, confidence: 'medium', yearly });
  const found = items(text, mentions);
  const recurring = RECURRING.test(text);
  if (found.length === 0) {
    const kind: TimescaleKind = ONGOING.test(text) ? 'ongoing' : recurring ? 'recurring' : 'unknown';
    return result(text, period, { kind, placeholder });
  }
  // "2024-2027 Quarterly": work that recurs through those years, not a financial year that ends.
  if (recurring && found.every(isYears)) return result(text, period, { kind: 'recurring', placeholder, start: found[0].from, confidence: found[0].confidence });
  const isStart = (item: Item, i: number): boolean =>
    START_BEFORE.test(text.slice(i > 0 ? found[i - 1].end : 0, item.index)) || ONGOING_AFTER.test(text.slice(item.end));
  const starts = found.filter(isStart);
  const deadlines = found.filter((item, i) => !isStart(item, i));
  // "From 01.04.11" and "April 2015 onwards" describe work that keeps going; a "from" date among
  // deadlines ("Implemented from October 2014 … January 2015") is just another milestone.
  const ongoing = starts.length > 0 && (ONGOING.test(text) || deadlines.length === 0);
  const start = ongoing ? starts[0].from : found.length === 1 && found[0].kind === 'range' ? found[0].from : null;
  if (ongoing && deadlines.length === 0) return result(text, period, { kind: 'ongoing', placeholder, start, confidence: starts[0].confidence });
  const dated = ongoing ? deadlines : found;
  const milestones = dated.map((item) => item.due);
  return result(text, period, {
    kind: dated.length === 1 ? dated[0].kind : 'multi',
    due: milestones.reduce((a, b) => (b > a ? b : a)),
    milestones,
    confidence: lowest(dated.map((item) => item.confidence)),
    placeholder,
    start,
  });
}

const FIRST_SERIAL = isoToSerial('1900-01-01');
const LAST_SERIAL = isoToSerial('2199-12-31');

function fromNumber(value: number, numberFormat: string, period: PlanPeriod): Timescale {
  if (!Number.isFinite(value)) return result(String(value), period, {});
  if (isDateFormat(numberFormat)) {
    if (value < FIRST_SERIAL || value > LAST_SERIAL) return result(String(value), period, {});
    const day = serialToIso(value);
    if (isMonthOnlyFormat(numberFormat)) {
      // "Jun-16" shown from a date: the officer meant the month.
      const { year, month } = parseIso(day);
      const due = endOfMonth(year, month);
      return result(`${monthName(month)} ${year}`, period, { kind: 'month', due, milestones: [due], confidence: 'medium' });
    }
    return result(formatDate(day), period, { kind: 'date', due: day, milestones: [day], confidence: 'high' });
  }
  if (Number.isInteger(value) && value >= 1900 && value <= 2200) {
    const due = isoFromParts(value, 12, 31);
    return result(String(value), period, { kind: 'month', due, milestones: [due], confidence: 'low' });
  }
  return result(String(value), period, {});
}

/** Reads a timescale cell. Never throws: anything without a date is 'unknown'. A plan's reader passes the date patterns it built once. */
export function parseTimescale(value: CellValue, numberFormat: string, period: PlanPeriod, patterns: Pattern[] = datePatterns()): Timescale {
  if (typeof value === 'number') return fromNumber(value, typeof numberFormat === 'string' ? numberFormat : 'General', period);
  if (typeof value === 'boolean') return result(value ? 'TRUE' : 'FALSE', period, {});
  if (typeof value !== 'string') return result('', period, {});
  return fromText(value, period, patterns);
}
