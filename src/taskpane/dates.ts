import { isIsoDate, isoFromParts, isValidDate, parseIso, type IsoDate } from '../core/cells';

/**
 * Dates as a British officer types and reads them in the pane: day first, whatever language the
 * browser runs in ("31/03/2016", "31.3.16", "31 March 2016"), and the ISO form a date copied from
 * elsewhere may have. A browser's own date box would show 03/31/2016 in an American browser.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "31/03/2016", "31-3-16", "31.03.2016" */
const NUMERIC = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/;
/** "31 Mar 2016", "31st March 16", "31-Mar-2016" */
const NAMED = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{2}|\d{4})$/i;
/** "2016-03-31" */
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A year written with two digits is this century's: plans are dated from 2000 on. */
function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** "Mar", "March", "Sept" → 3, 3, 9; a word that is not a month's name or its start ("Marx") → 0. */
function monthOf(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((m) => m.startsWith(lower)) + 1;
}

function dateOf(year: number, month: number, day: number): IsoDate | null {
  return isValidDate(year, month, day) ? isoFromParts(year, month, day) : null;
}

/** The date a typed text names, read day first, or null when it names none. */
export function parseDayFirst(text: string): IsoDate | null {
  const t = text.trim();
  if (ISO.test(t)) return isIsoDate(t) ? t : null;
  const n = NUMERIC.exec(t);
  if (n) return dateOf(fullYear(n[3]), Number(n[2]), Number(n[1]));
  const m = NAMED.exec(t);
  if (m) {
    const month = monthOf(m[2]);
    return month ? dateOf(fullYear(m[3]), month, Number(m[1])) : null;
  }
  return null;
}

/** "2016-03-31" → "31/03/2016": how the pane's date boxes show a date. */
export function dayFirst(iso: IsoDate): string {
  const { year, month, day } = parseIso(iso);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}
