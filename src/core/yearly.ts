import { daysInMonth, isoFromParts, parseIso, type IsoDate } from './cells';
import { MON_NC } from './date-patterns';
import type { DateMention } from './dates';
import type { Plan, Timescale, YearlyDate } from './model';

/**
 * Tasks that come round every year: the annual report each August, the self-assessment every
 * October ("31 August (annually)", "March (annually)", "Every August", "each April", "Every May and
 * November"). Such a task is due on its next occurrence on or after the as-of date, and is at risk
 * when the last occurrence has passed with no update since.
 */

/** Words that make the months of a timescale come round every year, each with an example. */
const YEARLY_WORDS: RegExp[] = [
  // "31 August (annually)", "March annually", "Yearly – June", "June each year", "once a year in May"
  /\b(?:annually|yearly|(?:each|every)\s+year|per\s+annum|once\s+a\s+year)\b/i,
  // "October (annual)"
  /\(\s*annual\s*\)/i,
  // "Every August", "each April", "Every May and November"
  new RegExp(String.raw`\b(?:each|every)\s+${MON_NC}`, 'i'),
];

/**
 * The days of the year a yearly timescale names, or null when it is not one: a yearly word, and
 * only months or days without a year ("Reviewed annually – March 2016" is a deadline).
 */
export function yearlyDates(text: string, mentions: DateMention[]): YearlyDate[] | null {
  if (!mentions.length || !YEARLY_WORDS.some((re) => re.test(text))) return null;
  if (!mentions.every((m) => !m.yearGiven && (m.kind === 'month' || m.kind === 'date'))) return null;
  const dates: YearlyDate[] = mentions.map((m) => {
    const { month, day } = parseIso(m.from);
    return { month, day: m.kind === 'date' ? day : null };
  });
  return dates.filter((d, i) => dates.findIndex((e) => e.month === d.month && e.day === d.day) === i);
}

/** The day a yearly date falls on in a year: the month's end when no day is given; 29 February is the 28th in other years. */
function inYear(date: YearlyDate, year: number): IsoDate {
  const last = daysInMonth(year, date.month);
  return isoFromParts(year, date.month, Math.min(date.day ?? last, last));
}

/** The first occurrence of any of the dates on or after a day. */
export function nextOccurrence(dates: YearlyDate[], onOrAfter: IsoDate): IsoDate | null {
  const { year } = parseIso(onOrAfter);
  if (!dates.length || !Number.isFinite(year)) return null;
  const all = dates.flatMap((d) => [inYear(d, year), inYear(d, year + 1)]).filter((d) => d >= onOrAfter);
  return all.reduce((a, b) => (b < a ? b : a));
}

/** The last occurrence of any of the dates before a day. */
export function lastOccurrence(dates: YearlyDate[], before: IsoDate): IsoDate | null {
  const { year } = parseIso(before);
  if (!dates.length || !Number.isFinite(year)) return null;
  const all = dates.flatMap((d) => [inYear(d, year - 1), inYear(d, year)]).filter((d) => d < before);
  return all.reduce((a, b) => (b > a ? b : a));
}

/** The date an action is due by as of a day: a yearly task's next occurrence, else the timescale's due date. */
export function dueAsOf(ts: Timescale, asOf: IsoDate): IsoDate | null {
  return ts.yearly?.length ? nextOccurrence(ts.yearly, asOf) : ts.due;
}

/** A plan as of a day: each yearly task gets its next occurrence as its due date; other actions are left as they are. */
export function planAsOf(plan: Plan, asOf: IsoDate): Plan {
  if (!plan.actions.some((a) => a.timescale.yearly?.length)) return plan;
  const actions = plan.actions.map((a) => (a.timescale.yearly?.length ? { ...a, timescale: { ...a.timescale, due: nextOccurrence(a.timescale.yearly, asOf) } } : a));
  return { ...plan, actions };
}
