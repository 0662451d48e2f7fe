import { isValidDate, monthName } from './cells';

/**
 * A date format a heading gives for its cells: "Target date (MM/YY)", "Date (dd/mm/yy)",
 * "Due (mm/dd/yyyy)". Cells under such a heading are read in that order ("06/20" is June 2020,
 * not the 6th of something), whatever the reader would otherwise guess.
 */

export type DatePart = 'd' | 'm' | 'y';

/** The order of day, month and year the heading gives. */
export type FormatHint = DatePart[];

const PART = String.raw`(dd?|mm?|yy(?:yy)?)`;
const HINT = new RegExp(String.raw`(?:^|[^a-z])${PART}([/.\-])${PART}(?:\2${PART})?(?![a-z])`, 'i');

/** The format a heading gives its dates, or null when it gives none. */
export function formatHint(header: string): FormatHint | null {
  const m = HINT.exec(header);
  if (!m) return null;
  const parts = [m[1], m[3], m[4]].filter((p): p is string => !!p).map((p) => p[0].toLowerCase() as DatePart);
  // Each of day, month and year at most once, and a month always: "mm/yy", "dd/mm/yyyy".
  if (new Set(parts).size !== parts.length || !parts.includes('m')) return null;
  return parts;
}

const NUMBERS = /\b(\d{1,4})([/.\-])(\d{1,4})(?:\2(\d{1,4}))?\b/g;

function fullYear(written: string): number {
  const n = Number(written);
  return written.length <= 2 ? 2000 + n : n;
}

/**
 * The text with each date written in the hinted order spelt out ("06/20" → "Jun 2020",
 * "30/06/18" → "30 Jun 2018"), for the timescale reader; null when no date in it fits the hint.
 */
export function spellByHint(text: string, hint: FormatHint): string | null {
  let changed = false;
  const spelt = text.replace(NUMBERS, (whole, a: string, _sep: string, b: string, c: string | undefined) => {
    const values = [a, b, c].filter((v): v is string => v !== undefined);
    if (values.length !== hint.length) return whole;
    const part = (p: DatePart) => values[hint.indexOf(p)];
    const month = Number(part('m'));
    const year = hint.includes('y') ? fullYear(part('y')) : null;
    const day = hint.includes('d') ? Number(part('d')) : null;
    if (year === null || !isValidDate(year, month, day ?? 1)) return whole;
    changed = true;
    return day === null ? `${monthName(month)} ${year}` : `${day} ${monthName(month)} ${year}`;
  });
  return changed ? spelt : null;
}
