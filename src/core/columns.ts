import { columnLetter, columnNumber } from './cells';
import { FIELDS, type ColumnMatch, type Field } from './model';
import { OWNED_HEADERS } from './patch';
import { presetScheme, recogniseRating } from './schemes';
import type { ColumnOverride } from './settings';

/**
 * Which column of a plan holds which field. Boards head their columns in many ways ("Who will
 * lead?", "Sub group or Lead", "LEAD RESPONSIBILITY"), so headings are matched by meaning: first
 * against known headings, then by the words they contain; the cells under a heading can settle
 * what it leaves open ("Progress (RAG)" holding ratings is also the RAG column).
 *
 * The seam: regions.ts finds where a plan's header row is and asks here, with the row's headings
 * and the texts of the cells under each, which column is which field (recogniseColumns). The answer
 * is a field → column map, each column with the reason it was chosen; rows.ts then reads the rows.
 */

export interface HeaderCell {
  col: number;
  text: string;
}

export type ColumnMap = Record<Field, ColumnMatch | null>;

/** Lower-case, punctuation to spaces, one space between words: "Ref. no." → "ref no". */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^<>]*>/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "in 2014 5 we will", "actions for 2015 16" → "in year we will", "actions for year". */
function withoutYears(normalised: string): string {
  return normalised.replace(/\b(?:19|20)\d{2}(?: (?:19|20)?\d{1,2})?\b/g, 'year');
}

/** A heading as compared with the known ones: "In 2015/16 we will:" → "in year we will". */
function headingKey(text: string): string {
  return withoutYears(normaliseHeader(text));
}

/** Known headings per field, with how sure a match makes us (1 = certain). */
const SYNONYMS: Record<Field, [string, number][]> = {
  ref: [
    ...['ref', 'ref no', 'ref number', 'reference', 'reference no', 'reference number', 'no', 'number', 'item', 'item no', 'action no', 'action ref', 'id'].map(
      (s) => [s, 1] as [string, number],
    ),
    // "Issue" columns hold an item's number and title ("4. Gather assurance on …").
    ['issue', 0.8],
    ['issues', 0.8],
  ],
  action: [
    ...['in year we will', 'in year we will do', 'actions for year', 'action for year', 'action', 'actions', 'tasks', 'task', 'key activity', 'key activities', 'activity', 'activities', 'what we will do', 'what will we do', 'action required', 'actions required', 'planned action', 'planned actions', 'key actions', 'key action'].map(
      (s) => [s, 1] as [string, number],
    ),
    // Only when nothing better names the action.
    ['objective', 0.4],
    ['objectives', 0.4],
  ],
  outcome: ['outcome evidence measure', 'outcome', 'outcomes', 'desired outcome', 'desired outcomes', 'expected outcome', 'intended outcome', 'evidence', 'success measure', 'success measures', 'measure of success', 'measures of success', 'impact', 'outcome measure', 'outcome measures', 'success criteria'].map(
    (s) => [s, 1] as [string, number],
  ),
  lead: ['who will lead', 'sub group or lead', 'lead responsibility', 'responsible lead', 'lead', 'lead officer', 'lead officers', 'owner', 'responsible', 'lead agency', 'lead person', 'action owner', 'responsibility', 'who'].map(
    (s) => [s, 1] as [string, number],
  ),
  timescale: ['timescale', 'timescales', 'completion date', 'timescale progress review points', 'target date', 'due', 'due date', 'deadline', 'by when', 'when', 'timeframe', 'target completion date', 'date due', 'end date'].map(
    (s) => [s, 1] as [string, number],
  ),
  progress: ['progress', 'progress rag', 'progress update', 'progress updates', 'update', 'updates', 'comments', 'progress to date', 'progress comments', 'latest update', 'commentary', 'progress notes'].map(
    (s) => [s, 1] as [string, number],
  ),
  priority: ['priority', 'strategic priority area', 'key priority', 'theme', 'priority area', 'strategic priority', 'priorities', 'workstream', 'strategic priorities'].map(
    (s) => [s, 1] as [string, number],
  ),
  rag: ['rag', 'rag rating', 'rag status', 'rating', 'rag rated', 'status rag', 'current rag', 'rag rating agreed'].map((s) => [s, 1] as [string, number]),
  status: ['status', 'current status', 'action status'].map((s) => [s, 1] as [string, number]),
};

/** Each known heading, with how sure it makes us of each field it names (the first listing in a field counts). */
const KNOWN_HEADINGS: ReadonlyMap<string, Partial<Record<Field, number>>> = new Map(
  FIELDS.flatMap((f) => SYNONYMS[f].map(([heading]) => heading)).map((heading) => [
    heading,
    Object.fromEntries(FIELDS.flatMap((f) => SYNONYMS[f].filter(([h]) => h === heading).slice(0, 1).map(([, score]) => [f, score]))),
  ]),
);

/** How sure a known heading makes us of a field, or undefined when it is not one of the field's. */
function knownScore(key: string, field: Field): number | undefined {
  return KNOWN_HEADINGS.get(key)?.[field];
}

/** Words that point to a field when the heading is not a known one ("Target completion", "Lead agency/officer"). */
const KEYWORDS: Record<Field, [RegExp, number][]> = {
  ref: [[/\bref\b|\breference\b/, 0.7]],
  action: [
    [/\bactions?\b|\btasks?\b|\bactivit/, 0.7],
    [/\bwe will\b/, 0.7],
  ],
  outcome: [
    [/\boutcomes?\b/, 0.75],
    [/\bevidence\b|\bimpact\b|\bsuccess\b|\bmeasures?\b/, 0.55],
  ],
  lead: [
    [/\blead\b|\bleads\b|\bresponsib/, 0.7],
    [/\bowner\b|\bwho\b/, 0.6],
  ],
  timescale: [
    [/\btimescales?\b|\bdeadline\b|\btimeframe\b/, 0.75],
    [/\bdue\b|\bdates?\b|\bwhen\b|\bcompletion\b/, 0.55],
  ],
  progress: [
    [/\bprogress\b/, 0.75],
    [/\bupdates?\b|\bcomments?\b/, 0.55],
  ],
  priority: [[/\bpriorit|\btheme\b/, 0.65]],
  rag: [[/\brag\b/, 0.8]],
  status: [[/\bstatus\b/, 0.5]],
};

/** Long cells are data, not headings: keywords count only in short texts. */
const MAX_KEYWORD_WORDS = 7;
const MAX_KEYWORD_CHARS = 50;

const OWNED = Object.values(OWNED_HEADERS).map(normaliseHeader);

/** BoardPlan's own column headings ("RAG (proposed)", "RAG reason"): never a user's field. */
export function isOwnedHeader(text: string): boolean {
  return OWNED.includes(normaliseHeader(text));
}

/** Which owned column a heading names, if any. */
export function ownedHeaderKind(text: string): keyof typeof OWNED_HEADERS | null {
  const n = normaliseHeader(text);
  for (const [kind, header] of Object.entries(OWNED_HEADERS) as [keyof typeof OWNED_HEADERS, string][]) {
    if (normaliseHeader(header) === n) return kind;
  }
  return null;
}

/** Whether the heading is one of a field's known headings for certain (score 0.8 or more; not merely a keyword hit). */
export function isKnownHeading(text: string): boolean {
  const key = headingKey(text);
  return FIELDS.some((field) => (knownScore(key, field) ?? 0) >= 0.8);
}

/** What a heading says about a field: how sure it makes us (1 = certain) and why. */
interface Evidence {
  score: number;
  reason: string;
}

/** What a heading says about each field it may name: a known heading, else the words in it. */
function headingEvidence(text: string): Partial<Record<Field, Evidence>> {
  const evidence: Partial<Record<Field, Evidence>> = {};
  const n = normaliseHeader(text);
  if (!n || OWNED.includes(n)) return evidence;
  const k = withoutYears(n);
  const shown = text.trim();
  const short = k.length <= MAX_KEYWORD_CHARS && k.split(' ').length <= MAX_KEYWORD_WORDS;
  for (const field of FIELDS) {
    const score = knownScore(k, field);
    if (score !== undefined) {
      evidence[field] = { score, reason: `heading '${shown}'` };
      continue;
    }
    if (!short) continue;
    for (const [word, score] of KEYWORDS[field]) {
      const m = word.exec(k);
      if (m && score > (evidence[field]?.score ?? 0)) evidence[field] = { score, reason: `the word '${m[0]}' in heading '${shown}'` };
    }
  }
  return evidence;
}

function emptyColumnMap(): ColumnMap {
  return Object.fromEntries(FIELDS.map((f) => [f, null])) as ColumnMap;
}

function match(col: number, headers: HeaderCell[], reason: string): ColumnMatch {
  const h = headers.find((x) => x.col === col);
  return { col, letter: columnLetter(col), header: h ? h.text.trim() : '', reason };
}

/**
 * Field → column by the headings alone: one column per field and one field per column, best
 * matches first. Letters in the override win; an override of null says the plan has no such column.
 */
export function mapColumns(headers: HeaderCell[], override?: ColumnOverride): ColumnMap {
  const result = emptyColumnMap();
  const usedCols = new Set<number>();
  const decided = new Set<Field>();

  if (override) {
    for (const field of FIELDS) {
      if (!(field in override)) continue;
      const letter = override[field];
      decided.add(field);
      if (letter) {
        const col = columnNumber(letter);
        result[field] = match(col, headers, "set in BoardPlan's Columns settings");
        usedCols.add(col);
      }
    }
  }

  const candidates: { field: Field; col: number; score: number; reason: string }[] = [];
  for (const h of headers) {
    if (usedCols.has(h.col)) continue;
    const evidence = headingEvidence(h.text);
    for (const field of FIELDS) {
      const e = evidence[field];
      if (!decided.has(field) && e) candidates.push({ field, col: h.col, score: e.score, reason: e.reason });
    }
  }
  // Best score first; on a tie the leftmost column, then the field listed first.
  candidates.sort((a, b) => b.score - a.score || a.col - b.col || FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
  for (const c of candidates) {
    if (result[c.field] || usedCols.has(c.col)) continue;
    result[c.field] = match(c.col, headers, c.reason);
    usedCols.add(c.col);
  }
  return result;
}

const BRAG = presetScheme('brag')!;

/**
 * A "Progress (RAG)" column whose cells are mostly ratings ("Green", "A") is also the plan's RAG
 * column, when the headings name no other: boards that keep one column for both rate in it.
 */
function ratingsInProgress(columns: ColumnMap, cellsUnder: (col: number) => string[]): ColumnMap {
  const progress = columns.progress;
  if (columns.rag || !progress || !/\brag\b/.test(normaliseHeader(progress.header))) return columns;
  const filled = cellsUnder(progress.col).filter((text) => text !== '');
  const ratings = filled.filter((text) => recogniseRating(BRAG, text)).length;
  if (filled.length === 0 || ratings / filled.length <= 0.5) return columns;
  return { ...columns, rag: { ...progress, reason: `heading '${progress.header}', and its cells are ratings: ${ratings} of ${filled.length}` } };
}

/**
 * Which column of a plan holds which field, from its header row's headings and the texts of the
 * cells under each (in the plan's rows), with the officer's override applied.
 */
export function recogniseColumns(headings: HeaderCell[], cellsUnder: (col: number) => string[], override?: ColumnOverride): ColumnMap {
  return ratingsInProgress(mapColumns(headings, override), cellsUnder);
}

/** Headings from a row of cell texts, columns numbered from firstCol. */
export function headerCells(texts: string[], firstCol = 1): HeaderCell[] {
  return texts.map((text, i) => ({ col: firstCol + i, text })).filter((h) => h.text.trim() !== '');
}

/** Two header rows read the same fields from the same columns: the second is a repeat, not a new plan. */
export function sameLayout(a: ColumnMap, b: ColumnMap): boolean {
  let shared = 0;
  for (const f of FIELDS) {
    const x = a[f];
    const y = b[f];
    if (x && y) {
      if (x.col !== y.col) return false;
      shared++;
    }
  }
  return shared >= 3;
}

export const FIELD_LABELS: Record<Field, string> = {
  ref: 'Ref',
  action: 'Action',
  outcome: 'Outcome',
  lead: 'Lead',
  timescale: 'Timescale',
  progress: 'Progress',
  priority: 'Priority',
  rag: 'RAG',
  status: 'Status',
};
