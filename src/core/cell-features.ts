import type { IsoDate } from './cells';
import { datePatterns, type Pattern } from './date-patterns';
import { findDates } from './dates';
import { oneLine } from './markup';
import type { PlanPeriod } from './model';
import { parseRefCell } from './refs';
import { readCell, type Cell, type ShownSheet } from './sheet-cells';
import { parseTimescale } from './timescale';

/**
 * What a cell of a plan looks like to an officer skimming a column: a date or a timescale, a
 * numbered ref, a rating or a status word, a person or a team, a progress note, or a long free
 * text. column-evidence.ts counts these down a column; the header finder uses them to tell a row
 * of headings from a row of data. Each cell is looked at once per read (sheetFeatures).
 */

export interface CellFeatures {
  filled: boolean;
  /** The text on one line, as shown. */
  text: string;
  words: number;
  kind: 'blank' | 'text' | 'number' | 'date' | 'bool' | 'error';
  /** Reads as a timescale: a date, month, quarter, financial year, range, "ongoing", "quarterly". */
  timescale: boolean;
  /** The date the timescale is due by, to tell a start date from an end date. */
  due: IsoDate | null;
  /** The text names a date somewhere. */
  dated: boolean;
  /** A numbered ref alone: "1.1", "2a.3", "A2.1", "SV1", or a whole number. */
  ref: boolean;
  /** A long text that opens with a numbered ref: "1.1 Run a campaign …". */
  leadingRef: boolean;
  /** A whole number, for numbered keys (1–4) and numbered refs (41, 42 …). */
  integer: number | null;
  /** A percentage: a number in a % format, or "50%". */
  percent: boolean;
  /** A colour rating: Red, Amber, Green, Blue, R, A, G, "Amber/Green". */
  colour: boolean;
  /** A word boards rate or report with: Complete, On track, Behind schedule, Not started, Yes, Partly. */
  statusWord: boolean;
  /** Short and reads like a person, a role, a team or an agency. */
  person: boolean;
  /** Reads like a progress note: a dated opening, "complete", "on track", "delayed", "50% complete". */
  progress: boolean;
}

export const BLANK_FEATURES: CellFeatures = Object.freeze({
  filled: false,
  text: '',
  words: 0,
  kind: 'blank',
  timescale: false,
  due: null,
  dated: false,
  ref: false,
  leadingRef: false,
  integer: null,
  percent: false,
  colour: false,
  statusWord: false,
  person: false,
  progress: false,
});

/** Excel's error values: never a heading, never a field's text. */
export const EXCEL_ERROR = /^#(?:REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|UNKNOWN!|CONNECT!|BUSY!)$/i;

/** How much of a long note is looked at for dates. */
const NOTE_OPENING = 120;

/** Texts longer than this are notes, not timescales (a timescale cell is a phrase). */
const TIMESCALE_CHARS = 80;

/** A rating's colour in full, and the letters and pairs boards write for one ("A/G"). */
const COLOUR_NAMES = new Set(['red', 'amber', 'green', 'blue', 'grey', 'gray']);
const COLOUR_LETTERS = new Set(['r', 'a', 'g', 'b', 'a g', 'r a', 'g a', 'a r', 'ag', 'ra']);

/** Words boards rate or report an action with, as normalised ("on track"). What each means is the assessment's business. */
const STATUS_WORDS = new Set([
  'complete', 'completed', 'achieved', 'fully achieved', 'partially achieved', 'partly achieved', 'not achieved', 'done', 'closed', 'open',
  'on track', 'on target', 'off track', 'off target', 'in progress', 'ongoing', 'on going', 'behind schedule', 'behind', 'delayed', 'slipped',
  'slipping', 'not started', 'not due', 'not yet due', 'not yet started', 'started', 'at risk', 'overdue', 'on hold', 'yes', 'no', 'partly',
  'partial', 'partially', 'n a', 'na', 'cancelled', 'superseded', 'deferred', 'withdrawn', 'met', 'not met', 'some risk', 'some slippage',
]);

/** A percentage as a whole cell: "100%", "50% complete". */
const PERCENT = /^\s*\d{1,3}(?:\.\d+)?\s*%(?:\s*complete)?\s*$/i;

/** Words in a progress note that report where the work stands. */
const PROGRESS_WORDS =
  /\b(?:complete[ds]?|achieved|on\s+track|on\s+target|off\s+track|in\s+progress|under\s+way|underway|delayed|slipped|slippage|behind\s+schedule|not\s+(?:yet\s+)?(?:started|due|achieved|met)|on\s+hold|awaiting|so\s+far|to\s+date|signed\s+off|in\s+place|postponed|deferred)\b|\d{1,3}\s*%\s*(?:complete|done)?/i;
/** A note that opens with the word Update or a date: "Update Dec 15:", "March 2014 –", "Q3 2013/14:", "31/03/14 –". */
const UPDATE_OPENING = /^\s*(?:<[^>]*>\s*)?updated?\b/i;

/** Words that name a role, a team or an agency. */
const ROLE_WORDS =
  /\b(?:head|heads|manager|managers|officer|officers|director|directors|chair|chief|lead|leads|leader|coordinator|co-ordinator|nurse|doctor|clinician|commissioner|commissioning|analyst|adviser|advisor|worker|team|teams|service|services|council|councils|police|constabulary|board|boards|group|groups|sub-group|subgroup|partnership|partners|partner|trust|nhs|health|school|schools|agency|agencies|unit|panel|forum|department|directorate|authority|practitioners|executive|committee|secretary|administrator|holder|designated|principal|inspector|superintendent|probation|charity|all)\b/i;
/** Words that join the words of a name: "Head of Service", "Police and schools". */
const JOINERS = new Set(['of', 'and', 'the', 'for', 'or', 'in', 'with', 'to', 'at', 'on', 'by', '&']);
const ACRONYM = /^[A-Z]{2,6}s?$/;

/** The normalised form of a short text, as status words are compared. */
export function vocabularyKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ').trim();
}

/**
 * A person, a role, a team or an agency: a few words, named with capitals ("Head of Early Help",
 * "District Council – ASB Team", "PPPG") or with a word for a role or a body ("Police and schools").
 * A sentence that mentions the police ("Map known hotspots with the police") is not one.
 */
function looksLikePerson(text: string, words: number): boolean {
  if (words === 0 || words > 8 || /[.;:!?]$/.test(text) || text.length > 70) return false;
  // A hyphen joins a word ("sub-group", "co-ordinator"); a dash or a spaced hyphen parts a name ("Council – ASB Team").
  const tokens = text.split(/[\s/,()–—]+/).filter((w) => w && w !== '-' && !JOINERS.has(w.toLowerCase()));
  const named = ROLE_WORDS.test(text) || tokens.some((w) => ACRONYM.test(w));
  if (tokens.length <= 1) return named;
  if (tokens.length <= 3 && named) return true;
  // The first word of a sentence has its capital too: the words after it, less the roles and bodies
  // ("Chair of the QA sub-group"), say whether this is a name.
  const rest = tokens.slice(1).filter((w) => !ACRONYM.test(w) && !ROLE_WORDS.test(w));
  const capitalised = rest.length ? rest.filter((w) => /^\p{Lu}/u.test(w)).length / rest.length : 1;
  return capitalised >= 0.5 && (named || /^\p{Lu}/u.test(tokens[0]));
}

/**
 * A timescale cell is a phrase about time ("End of Nov 15", "Plan by July 2023; report each July"),
 * not a sentence that happens to name a month ("Invoices sent in April. Two partners have not paid.").
 */
function isPhrase(text: string, words: number, period: PlanPeriod, patterns: Pattern[]): boolean {
  // "Venue booked for 9 September." is a sentence: a note that names a date.
  if (words >= 3 && /\.$/.test(text) && !/\b[a-z]{2,4}\.$/i.test(text)) return false;
  if (isDatedNote(text, period, patterns)) return false;
  if (words <= 6) return true;
  if (words > 16) return false;
  const dates = findDates(text, period, period, patterns);
  // "Review the threshold document with partners by the end of the year" is an action that says when:
  // a timescale names its time near its start ("Plan by July 2023; report each July").
  if (!dates.length || text.slice(0, dates[0].index).trim().split(/\s+/).length > 4) return false;
  const covered = dates.reduce((n, m) => n + m.end - m.index, 0);
  return covered / text.length >= 0.3;
}

/**
 * "Jan 2016 – delayed by staffing", "Jan 2016 – complete", "Q2: draft shared", "Q2 update – draft
 * shared": a date (perhaps named an update), a dash or a colon, then words that are no time of their
 * own: an update dated by its opening. "Mar 2016 – ongoing" and "April 2015 - March 2016" stay timescales.
 */
function isDatedNote(text: string, period: PlanPeriod, patterns: Pattern[]): boolean {
  const first = findDates(text.slice(0, 40), period, period, patterns)[0];
  if (!first || first.index > 2) return false;
  const rest = /^\s*(?:updated?\s*)?[–—:-]\s*(.*)$/i.exec(text.slice(first.end));
  if (!rest || !rest[1].trim()) return false;
  return findDates(rest[1], period, period, patterns).length === 0 && parseTimescale(rest[1], 'General', period, patterns).kind === 'unknown';
}

function textFeatures(cell: Cell, period: PlanPeriod, patterns: Pattern[]): CellFeatures {
  const text = oneLine(cell.text);
  if (!text) return BLANK_FEATURES;
  const words = text.split(/\s+/).length;
  if (EXCEL_ERROR.test(text)) return { ...BLANK_FEATURES, filled: true, text, words, kind: 'error' };
  const key = vocabularyKey(text);
  const ts = text.length <= TIMESCALE_CHARS ? parseTimescale(text, 'General', period, patterns) : null;
  // A long note's dates are looked for in its opening, where boards date their updates.
  const dated = ts ? ts.milestones.length > 0 || ts.start !== null : findDates(text.slice(0, NOTE_OPENING), period, period, patterns).length > 0;
  const parsedRef = parseRefCell(text);
  const statusWord = STATUS_WORDS.has(key) || PERCENT.test(text);
  const colour = words <= 4 && (COLOUR_LETTERS.has(key) || COLOUR_NAMES.has(key.split(' ')[0]));
  // "Quarterly", "Every board meeting": without a date, only a few words are a timescale ("Publish the annual report" is an action).
  const timescale = !!ts && ts.kind !== 'unknown' && !statusWord && (dated ? isPhrase(text, words, period, patterns) : words <= 4);
  const firstDate = !timescale && dated ? findDates(text.slice(0, 30), period, period, patterns)[0] : undefined;
  return {
    ...BLANK_FEATURES,
    filled: true,
    text,
    words,
    kind: 'text',
    timescale,
    due: ts?.due ?? null,
    dated,
    ref: parsedRef.ref !== null && parsedRef.title === '' && words === 1,
    leadingRef: parsedRef.ref !== null && parsedRef.title !== '',
    percent: PERCENT.test(text),
    colour,
    statusWord,
    person: !statusWord && !colour && !timescale && !dated && looksLikePerson(text, words),
    progress: words >= 2 && !timescale && (PROGRESS_WORDS.test(text) || UPDATE_OPENING.test(text) || (firstDate !== undefined && firstDate.index <= 2)),
  };
}

/** What a cell looks like. Never throws. A sheet's reader passes the date patterns it built once. */
export function cellFeatures(cell: Cell, period: PlanPeriod, patterns: Pattern[] = datePatterns()): CellFeatures {
  const { value } = cell;
  if (value === null || value === '') return BLANK_FEATURES;
  if (typeof value === 'boolean') return { ...BLANK_FEATURES, filled: true, text: cell.text, words: 1, kind: 'bool', statusWord: true };
  if (typeof value === 'number') {
    const ts = parseTimescale(value, cell.format, period, patterns);
    if (ts.kind === 'date' || ts.kind === 'month') return { ...BLANK_FEATURES, filled: true, text: cell.text, words: cell.text.split(/\s+/).length, kind: 'date', timescale: true, due: ts.due, dated: true };
    const percent = /%/.test(cell.format);
    const integer = Number.isInteger(value) && !percent ? value : null;
    return { ...BLANK_FEATURES, filled: true, text: cell.text, words: 1, kind: 'number', integer, percent, ref: integer !== null && integer > 0 && integer < 10_000 };
  }
  return textFeatures(cell, period, patterns);
}

/** A sheet's cells' features, each worked out when first asked for and kept for the rest of the read. */
export type SheetFeatures = (row: number, col: number) => CellFeatures;

export function sheetFeatures(sheet: ShownSheet, period: PlanPeriod): SheetFeatures {
  const seen = new Map<number, CellFeatures>();
  const patterns = datePatterns();
  const width = sheet.right + 1;
  return (row, col) => {
    const key = row * width + col;
    let found = seen.get(key);
    if (!found) {
      found = cellFeatures(readCell(sheet, row, col), period, patterns);
      seen.set(key, found);
    }
    return found;
  };
}
