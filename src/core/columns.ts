import { columnLetter, columnNumber } from './cells';
import { FIELDS, type ColumnMatch, type Field } from './model';
import { OWNED_HEADERS } from './patch';
import type { ColumnOverride } from './settings';

/**
 * Which column of a plan holds which field. Boards head their columns in many ways ("Who will
 * lead?", "Sub group or Lead", "LEAD RESPONSIBILITY"), so headers are matched by meaning: first
 * against known headings, then by the words they contain.
 */

/** Lower-case, punctuation to spaces, one space between words: "Ref. no." → "ref no". */
export function normaliseHeader(text: string): string {
  const lower = text.toLowerCase();
  return (lower.includes('<') ? lower.replace(/<[^<>]*>/g, ' ') : lower).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Years start 19 or 20: text without either has none to replace. */
const YEARISH = /19|20/;

/** "in 2014 5 we will", "actions for 2015 16" → "in year we will", "actions for year". */
function withoutYears(normalised: string): string {
  if (!YEARISH.test(normalised)) return normalised;
  return normalised.replace(/\b(?:19|20)\d{2}(?: (?:19|20)?\d{1,2})?\b/g, 'year');
}

function key(text: string): string {
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

/** Each known heading with the score it gives each field (the first listing of it in a field counts). */
const EXACT = new Map<string, Partial<Record<Field, number>>>();
for (const field of FIELDS) {
  for (const [s, score] of SYNONYMS[field]) {
    const scores = EXACT.get(s) ?? {};
    if (scores[field] === undefined) scores[field] = score;
    EXACT.set(s, scores);
  }
}

/** Headings that are known for certain (score 0.8 or more) in some field. */
const KNOWN = new Set(FIELDS.flatMap((f) => SYNONYMS[f].filter(([, score]) => score >= 0.8).map(([s]) => s)));

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

const OWNED = new Set(Object.values(OWNED_HEADERS).map(normaliseHeader));

/** BoardPlan's own column headings ("RAG (proposed)", "RAG reason"): never a user's field. */
export function isOwnedHeader(text: string): boolean {
  return OWNED.has(normaliseHeader(text));
}

/** Which owned column a heading names, if any. */
export function ownedHeaderKind(text: string): keyof typeof OWNED_HEADERS | null {
  const n = normaliseHeader(text);
  for (const [kind, header] of Object.entries(OWNED_HEADERS) as [keyof typeof OWNED_HEADERS, string][]) {
    if (normaliseHeader(header) === n) return kind;
  }
  return null;
}

/** How well a heading names each field: 1 for a known heading, less for keywords, 0 for no match. */
export function headerScores(text: string): Record<Field, number> {
  const scores = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  if (!text.trim()) return scores;
  const n = normaliseHeader(text);
  if (OWNED.has(n)) return scores;
  const k = withoutYears(n);
  const short = k.length <= MAX_KEYWORD_CHARS && k.split(' ').length <= MAX_KEYWORD_WORDS;
  const exact = EXACT.get(k);
  for (const field of FIELDS) {
    const known = exact?.[field];
    if (known !== undefined) scores[field] = known;
    else if (short) for (const [re, score] of KEYWORDS[field]) if (re.test(k)) scores[field] = Math.max(scores[field], score);
  }
  return scores;
}

/**
 * The known headings as a tree of their characters, held as a table: row n of NEXT gives, for each
 * character the headings use (numbered by CHAR), the node it leads to from node n (0 for none; no
 * edge leads back to the root). A table look-up per character lets every cell be asked cheaply.
 */
const KNOWN_KEYS = [...KNOWN].filter((k) => /^[\x00-\x7f]*$/.test(k)); // others are reached by knownKey
const CHAR = new Uint8Array(128);
let charCount = 1;
for (const k of KNOWN_KEYS) for (let i = 0; i < k.length; i++) CHAR[k.charCodeAt(i)] ||= charCount++;
const WIDTH = charCount;
const { NEXT, ENDS } = (() => {
  const next = new Uint32Array(WIDTH * (1 + KNOWN_KEYS.reduce((n, k) => n + k.length, 0)));
  const ends: number[] = [];
  let nodes = 1;
  for (const k of KNOWN_KEYS) {
    let node = 0;
    for (let i = 0; i < k.length; i++) {
      const at = node * WIDTH + CHAR[k.charCodeAt(i)];
      if (!next[at]) next[at] = nodes++;
      node = next[at];
    }
    ends.push(node);
  }
  /** Nodes where a known heading ends. */
  const endAt = new Uint8Array(nodes);
  for (const node of ends) endAt[node] = 1;
  return { NEXT: next.slice(0, nodes * WIDTH), ENDS: endAt };
})();

/** The node an ASCII character leads to from a node, or 0 when it leads nowhere. */
function step(node: number, c: number): number {
  const k = CHAR[c];
  return k ? NEXT[node * WIDTH + k] : 0;
}

/** What isKnownHeading answers, the plain way: the text's key is a known heading. */
export function knownKey(text: string): boolean {
  return KNOWN.has(key(text));
}

const SPACE = 32;
const LETTER_Y = 0x79;

/**
 * Whether the heading is one of a field's known headings (not merely a keyword hit): whether its
 * key (see key()) is a known heading. Every cell of every row is asked when looking for header rows,
 * and almost none is a heading, so the text is walked down the tree of known headings, folding case
 * and punctuation as key() does, and most cells are turned away after a character or two. What the
 * walk cannot fold alone (tags, characters beyond ASCII, a year where "year" could follow) goes to
 * key() itself.
 */
export function isKnownHeading(text: string): boolean {
  let node = 0;
  let gap = false; // punctuation or spaces since the last letter: one space in the key
  let started = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c >= 0x61 && c <= 0x7a) {
      if (gap && started) {
        node = step(node, SPACE);
        if (!node) return false;
      }
      node = step(node, c);
      if (!node) return false;
      gap = false;
      started = true;
    } else if (c >= 0x30 && c <= 0x39) {
      // A digit stays in the key unless it starts a year, which the key spells "year".
      let at = node;
      if (gap && started) {
        at = step(node, SPACE);
        if (!at) return false;
      }
      return step(at, LETTER_Y) !== 0 && knownKey(text);
    } else if (c < 0x80 && c !== 0x3c) gap = true;
    else return knownKey(text);
  }
  return ENDS[node] === 1;
}

export interface HeaderCell {
  col: number;
  text: string;
}

export type ColumnMap = Record<Field, ColumnMatch | null>;

export function emptyColumnMap(): ColumnMap {
  return Object.fromEntries(FIELDS.map((f) => [f, null])) as ColumnMap;
}

function match(col: number, headers: HeaderCell[]): ColumnMatch {
  const h = headers.find((x) => x.col === col);
  return { col, letter: columnLetter(col), header: h ? h.text.trim() : '' };
}

/**
 * One column per field and one field per column, best matches first. Letters in the override
 * win; an override of null says the plan has no such column.
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
        result[field] = match(col, headers);
        usedCols.add(col);
      }
    }
  }

  const candidates: { field: Field; col: number; score: number }[] = [];
  for (const h of headers) {
    if (usedCols.has(h.col)) continue;
    const scores = headerScores(h.text);
    for (const field of FIELDS) {
      if (!decided.has(field) && scores[field] > 0) candidates.push({ field, col: h.col, score: scores[field] });
    }
  }
  // Best score first; on a tie the leftmost column, then the field listed first.
  candidates.sort((a, b) => b.score - a.score || a.col - b.col || FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
  for (const c of candidates) {
    if (result[c.field] || usedCols.has(c.col)) continue;
    result[c.field] = match(c.col, headers);
    usedCols.add(c.col);
  }
  return result;
}

/** Headings from a row of cell texts, columns numbered from firstCol. */
export function headerCells(texts: string[], firstCol = 1): HeaderCell[] {
  return texts.map((text, i) => ({ col: firstCol + i, text })).filter((h) => h.text.trim() !== '');
}

/**
 * A header row names at least three fields, one of them the action or the timescale, and at least
 * one by a known heading (so a row of short data cells is not mistaken for headings).
 */
export function isHeaderRow(texts: string[]): boolean {
  const cells = headerCells(texts);
  if (cells.length < 3) return false;
  // The cheapest test first: most rows are data, and data rows name no known heading.
  if (!cells.some((c) => isKnownHeading(c.text))) return false;
  const map = mapColumns(cells);
  const found = FIELDS.filter((f) => map[f]);
  if (found.length < 3) return false;
  return Boolean(map.action || map.timescale);
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
