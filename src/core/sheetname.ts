/**
 * Sheet names Excel will accept, chosen so that BoardPlan never takes a name that belongs to one of
 * the user's sheets. Excel compares sheet names without regard to case.
 */

export const MAX_SHEET_NAME = 31;

/** Excel keeps "History" for its change-tracking sheet and refuses it as a name. */
const RESERVED = ['HISTORY'];

/** Slashes read as separators, so they become dashes; the other forbidden characters are dropped. */
const SLASHES = /[\/\\]/g;
const FORBIDDEN = /[\[\]:*?]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Excel's comparison key for a sheet name. */
export function sheetKey(name: string): string {
  return name.toUpperCase();
}

/** Cut text to at most `max` UTF-16 units without splitting a character. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of Array.from(text)) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Leading and trailing spaces and apostrophes removed: Excel refuses a name that starts or ends with an apostrophe. */
function tidyEnds(text: string): string {
  return text.replace(/^[\s']+|[\s']+$/g, '');
}

/**
 * The wanted name made acceptable to Excel, before any check against other sheets: slashes become
 * dashes, other forbidden characters go, no apostrophe at either end, at most 31 characters, never blank.
 */
export function cleanSheetName(wanted: string): string {
  const cleaned = tidyEnds(wanted.replace(CONTROL, ' ').replace(SLASHES, '-').replace(FORBIDDEN, '').replace(/\s+/g, ' '));
  const short = tidyEnds(cut(cleaned, MAX_SHEET_NAME));
  return short || 'Sheet';
}

/** `base` with " (n)" appended, the base shortened so the whole stays within 31 characters. */
function numbered(base: string, n: number): string {
  const suffix = ` (${n})`;
  const room = MAX_SHEET_NAME - suffix.length;
  return `${tidyEnds(cut(base, room)) || 'Sheet'}${suffix}`;
}

/**
 * A name for a sheet BoardPlan writes: `wanted` made safe, or, when a sheet BoardPlan does not own
 * already has that name, the same with " (2)", " (3)"… A sheet BoardPlan owns under the name may be
 * reused (it will be replaced).
 *
 * @param taken every sheet name in the workbook (and any already chosen in this run)
 * @param owned the sheets BoardPlan created, which it may replace
 */
export function safeSheetName(wanted: string, taken: Iterable<string>, owned: Iterable<string>): string {
  const takenKeys = new Set(Array.from(taken, sheetKey));
  const ownedKeys = new Set(Array.from(owned, sheetKey));
  const free = (name: string) => {
    const key = sheetKey(name);
    return !RESERVED.includes(key) && (!takenKeys.has(key) || ownedKeys.has(key));
  };
  const base = cleanSheetName(wanted);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const name = numbered(base, n);
    if (free(name)) return name;
  }
}
