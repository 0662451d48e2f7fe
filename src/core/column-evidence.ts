import type { IsoDate } from './cells';
import type { CellFeatures } from './cell-features';
import { vocabularyKey } from './cell-features';
import type { Field } from './model';

/**
 * What the cells under a heading say about the field the column holds, counted down the column:
 * mostly timescales → timescale; short names that repeat → lead; long notes with dated openings
 * or progress words → progress; a few words repeated → the board's own rating or status; numbered
 * refs → ref; the longest free texts that are none of those → action; the same few titles in
 * runs → priority. Each piece of evidence says why, with the count ("cells read as dates or
 * timescales: 11 of 12"). Cells can also rule a field out: a column of numbers holds no outcome.
 */

export interface ColumnProfile {
  /** Rows of the plan looked at (rows that hold an action or its continuation). */
  rows: number;
  filled: number;
  timescale: number;
  dated: number;
  progress: number;
  ref: number;
  /** Whole numbers each larger than the one above: a running number. */
  ascending: number;
  leadingRef: number;
  colour: number;
  statusWord: number;
  percent: number;
  /** Whole numbers from 0 to 10: a numbered key. */
  smallNumber: number;
  numbers: number;
  person: number;
  /** Texts of four words or more. */
  long: number;
  words: number;
  /** How many different values, and how many cells repeat the filled cell above them. */
  distinct: number;
  repeats: number;
  /** The values of a short vocabulary, most used first. */
  vocabulary: string[];
  /** Each looked-at row's due date, when the cell reads as one. */
  dues: (IsoDate | null)[];
}

/** A column's cells counted, from the features of its cells in the plan's rows (blanks included). */
export function profileColumn(cells: CellFeatures[]): ColumnProfile {
  const p: ColumnProfile = {
    rows: cells.length,
    filled: 0,
    timescale: 0,
    dated: 0,
    progress: 0,
    ref: 0,
    ascending: 0,
    leadingRef: 0,
    colour: 0,
    statusWord: 0,
    percent: 0,
    smallNumber: 0,
    numbers: 0,
    person: 0,
    long: 0,
    words: 0,
    distinct: 0,
    repeats: 0,
    vocabulary: [],
    dues: [],
  };
  const counts = new Map<string, number>();
  let previous: CellFeatures | null = null;
  let lastInteger: number | null = null;
  for (const c of cells) {
    p.dues.push(c.timescale ? c.due : null);
    if (!c.filled) continue;
    p.filled++;
    if (c.timescale) p.timescale++;
    if (c.dated) p.dated++;
    if (c.progress) p.progress++;
    if (c.ref) p.ref++;
    if (c.leadingRef) p.leadingRef++;
    if (c.colour) p.colour++;
    if (c.statusWord) p.statusWord++;
    if (c.percent) p.percent++;
    if (c.kind === 'number') p.numbers++;
    if (c.integer !== null && c.integer >= 0 && c.integer <= 10) p.smallNumber++;
    if (c.integer !== null && lastInteger !== null && c.integer > lastInteger) p.ascending++;
    if (c.integer !== null) lastInteger = c.integer;
    if (c.person) p.person++;
    if (c.words >= 4) p.long++;
    p.words += c.words;
    const key = vocabularyKey(c.text);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (previous && vocabularyKey(previous.text) === key) p.repeats++;
    previous = c;
  }
  p.distinct = counts.size;
  p.vocabulary = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return p;
}

export interface ContentEvidence {
  score: number;
  reason: string;
}

const of = (n: number, p: ColumnProfile) => `${n} of ${p.filled}`;
const share = (n: number, p: ColumnProfile) => (p.filled ? n / p.filled : 0);

/** At most this many different values make a column's vocabulary small: a board's own ratings or status words. */
const SMALL_VOCABULARY = 6;

/** Whether a column holds a board's own rating or status: a few short values, said again and again. */
function isSmallVocabulary(p: ColumnProfile): boolean {
  return p.filled >= 3 && p.distinct <= SMALL_VOCABULARY && p.distinct * 2 <= p.filled + 1 && p.words / p.filled <= 3;
}

/** The evidence the cells give for each field they point to. */
export function contentEvidence(p: ColumnProfile): Partial<Record<Field, ContentEvidence>> {
  const found: Partial<Record<Field, ContentEvidence>> = {};
  // One cell says nothing about a column.
  if (p.filled < 2) return found;
  const avgWords = p.words / p.filled;
  const set = (field: Field, score: number, reason: string) => {
    if (score > (found[field]?.score ?? 0)) found[field] = { score: Math.min(0.9, score), reason };
  };

  const timescales = share(p.timescale, p);
  if (timescales >= 0.5 && p.filled >= 2) set('timescale', 0.45 + 0.45 * timescales, `cells read as dates or timescales: ${of(p.timescale, p)}`);

  const refs = share(p.ref, p);
  const numbered = p.numbers > 0 ? p.ascending / Math.max(1, p.numbers - 1) : 1;
  if (refs >= 0.6 && p.distinct >= 0.8 * p.filled && numbered >= 0.7) set('ref', 0.45 + 0.4 * refs, `cells are numbered refs: ${of(p.ref, p)}`);

  const colours = share(p.colour, p);
  const rated = p.statusWord + p.percent + p.smallNumber + p.colour;
  const vocabulary = p.vocabulary.slice(0, 4).join(', ');
  if (colours >= 0.6) set('rag', 0.5 + 0.35 * colours, `cells are RAG ratings: ${of(p.colour, p)}`);
  else if (share(rated, p) >= 0.6 && avgWords <= 4 && (isSmallVocabulary(p) || share(p.statusWord + p.percent, p) >= 0.6)) {
    set('status', 0.5 + 0.3 * share(rated, p), `cells are the board's own ratings (${vocabulary}): ${of(rated, p)}`);
  } else if (isSmallVocabulary(p) && share(p.person, p) < 0.5 && share(p.timescale, p) < 0.3) {
    set('status', 0.45, `cells are a few values repeated (${vocabulary}): ${p.distinct} values over ${p.filled} rows`);
  }

  const people = share(p.person, p);
  if (people >= 0.6 && avgWords <= 8) {
    const repeat = p.distinct < p.filled ? 0.1 : 0;
    set('lead', 0.45 + 0.3 * people + repeat, `cells look like people, roles or agencies: ${of(p.person, p)}`);
  }

  const notes = share(p.progress + 0.5 * Math.max(0, p.dated - p.progress), p);
  if (avgWords >= 3 && notes >= 0.35 && timescales < 0.5) {
    set('progress', 0.4 + 0.45 * notes, `cells read as progress notes (dated, or saying how the work stands): ${of(Math.max(p.progress, Math.min(p.filled, p.dated)), p)}`);
  }

  const longShare = share(p.long + p.leadingRef, p);
  if (longShare >= 0.6 && p.distinct >= 0.8 * p.filled && share(p.progress, p) < 0.5 && people < 0.5 && timescales < 0.3) {
    set('action', 0.45 + Math.min(0.25, avgWords / 50) - 0.2 * share(p.progress, p), `the longest free texts, not dates, names or notes: ${avgWords.toFixed(0)} words on average over ${p.filled} rows`);
  }

  const grouped = p.filled >= 2 && p.distinct * 2 <= p.filled + 1 && p.repeats * 2 >= p.filled - p.distinct;
  const merged = p.rows >= 4 && p.filled >= 2 && p.filled * 2 <= p.rows && p.distinct === p.filled;
  if ((grouped || merged) && avgWords >= 1.5 && avgWords <= 15 && people < 0.5 && share(p.statusWord + p.colour + p.timescale + p.numbers, p) < 0.3) {
    set('priority', 0.5, `cells group the rows: ${p.distinct} titles over ${p.rows} rows`);
  }
  return found;
}

/** How urgent a task is, as task lists rank it ("High", "Medium", "Low"): an importance, not a priority of the plan. */
const URGENCY = new Set(['high', 'medium', 'med', 'low', 'urgent', 'important', 'critical', 'normal', 'minor', 'major', 'very high', 'very low']);

/**
 * How far the cells rule a field out, as a factor on the heading's word (1: not at all). A column
 * of numbers or ratings holds no outcome, action or note; a column of prose holds no ref, lead or
 * rating; a column of dates holds no action.
 */
export function contentAgainst(p: ColumnProfile, field: Field, headingCertain: boolean): number {
  if (p.filled < 3) return 1;
  const avgWords = p.words / p.filled;
  const terse = share(p.numbers + p.colour + p.statusWord + p.percent, p) >= 0.7;
  const prose = share(p.long, p) >= 0.6 && avgWords >= 6;
  switch (field) {
    case 'action':
    case 'outcome':
      return terse || (!headingCertain && (share(p.timescale, p) >= 0.6 || share(p.person, p) >= 0.7)) ? 0.2 : 1;
    case 'progress':
      return terse && !headingCertain ? 0.2 : 1;
    case 'priority':
      // A priority groups actions: a column whose every row has a text of its own is no grouping,
      // and one that ranks each task High, Medium or Low says how urgent it is, not what it is for.
      if (p.vocabulary.length && p.vocabulary.every((v) => URGENCY.has(v))) return 0.2;
      return terse ? 0.2 : p.distinct === p.filled && p.filled * 5 >= p.rows * 4 ? 0.3 : 1;
    case 'lead':
      return prose || terse ? 0.3 : 1;
    case 'ref':
      // "Activity No/Title" holds prose; an "Issue" column's long cells open with their number ("4. Gather …").
      return share(Math.max(0, p.long - p.leadingRef), p) >= 0.5 ? 0.3 : 1;
    case 'rag':
    case 'status':
      return avgWords >= 5 ? 0.3 : 1;
    case 'timescale':
      return !headingCertain && share(p.timescale, p) < 0.2 ? 0.4 : 1;
  }
}
