import { FIELDS, type Field } from './model';

/**
 * What a column's heading says about the field it holds. Boards head their columns in many ways
 * ("Who will lead?", "Accountable partner", "LEAD RESPONSIBILITY"), so a heading is read first as
 * a whole against headings boards are known to write, then word by word against a family of words
 * per field. A word that says the column is something else ("Date raised", "Start") counts against
 * the field. The cells under the heading have their say in column-evidence.ts; field-assignment.ts
 * weighs the two.
 */

/** The longest heading: the longest officers write ("Progress update (please date each entry) …") is well under it. */
const MAX_HEADING_LENGTH = 200;

/** A text longer than any heading: a passage (a pasted report, a note), never a heading. */
export function isPassage(text: string): boolean {
  return text.length > MAX_HEADING_LENGTH;
}

/**
 * Lower-case, punctuation to spaces, one space between words: "Ref. no." → "ref no"; "#" → "no",
 * "%" → "percent". A text longer than any heading is a passage, and no heading at all ("").
 */
export function normaliseHeader(text: string): string {
  if (isPassage(text)) return '';
  return text
    .toLowerCase()
    .replace(/<[^<>]*>/g, ' ')
    .replace(/#/g, ' no ')
    .replace(/%/g, ' percent ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "in 2014 5 we will", "actions for 2015 16" → "in year we will", "actions for year". */
function withoutYears(normalised: string): string {
  return normalised.replace(/\b(?:19|20)\d{2}(?: (?:19|20)?\d{1,2})?\b/g, 'year');
}

/** A heading as compared with the known ones: "In 2015/16 we will:" → "in year we will". */
export function headingKey(text: string): string {
  return withoutYears(normaliseHeader(text));
}

const certain = (headings: string[], score = 1): [string, number][] => headings.map((h) => [h, score]);

/** Whole headings boards write, per field, with how sure a match makes us (1 = certain). */
const PHRASES: Record<Field, [string, number][]> = {
  ref: [
    ...certain(['ref', 'ref no', 'ref number', 'reference', 'reference no', 'reference number', 'no', 'number', 'item', 'item no', 'action no', 'action ref', 'id']),
    // "Issue" columns hold an item's number and title ("4. Gather assurance on …").
    ...certain(['issue', 'issues'], 0.8),
  ],
  action: [
    ...certain(['in year we will', 'in year we will do', 'actions for year', 'action for year', 'action', 'actions', 'tasks', 'task', 'key activity', 'key activities', 'activity', 'activities']),
    ...certain(['what we will do', 'what will we do', 'action required', 'actions required', 'planned action', 'planned actions', 'key actions', 'key action']),
    // Only when nothing better names the action.
    ...certain(['objective', 'objectives'], 0.4),
  ],
  outcome: certain([
    'outcome evidence measure', 'outcome', 'outcomes', 'desired outcome', 'desired outcomes', 'expected outcome', 'intended outcome', 'evidence', 'success measure',
    'success measures', 'measure of success', 'measures of success', 'impact', 'outcome measure', 'outcome measures', 'success criteria',
  ]),
  lead: certain(['who will lead', 'sub group or lead', 'lead responsibility', 'responsible lead', 'lead', 'lead officer', 'lead officers', 'owner', 'responsible', 'lead agency', 'lead person', 'action owner', 'responsibility', 'who']),
  timescale: certain(['timescale', 'timescales', 'completion date', 'timescale progress review points', 'target date', 'due', 'due date', 'deadline', 'by when', 'when', 'timeframe', 'target completion date', 'date due', 'end date']),
  progress: certain(['progress', 'progress rag', 'progress update', 'progress updates', 'update', 'updates', 'comments', 'progress to date', 'progress comments', 'latest update', 'commentary', 'progress notes']),
  priority: certain(['priority', 'strategic priority area', 'key priority', 'theme', 'priority area', 'strategic priority', 'priorities', 'workstream', 'strategic priorities']),
  rag: certain(['rag', 'rag rating', 'rag status', 'rating', 'rag rated', 'status rag', 'current rag', 'rag rating agreed', 'brag', 'r a g']),
  status: certain(['status', 'current status', 'action status']),
};

interface Family {
  field: Field;
  /** How sure one of these words makes us, short of a known heading. */
  weight: number;
  /** Words and short phrases, as normaliseHeader writes them. */
  words: string[];
}

/** Words that point to a field, one family per row: a new board's wording is a new word here. */
const FAMILIES: Family[] = [
  { field: 'ref', weight: 0.7, words: ['ref', 'refs', 'reference', 'no', 'number', 'id', 'item'] },
  { field: 'action', weight: 0.7, words: ['action', 'actions', 'task', 'tasks', 'activity', 'activities', 'we will', 'will we do', 'will it do', 'will you do'] },
  { field: 'action', weight: 0.4, words: ['objective', 'objectives'] },
  { field: 'outcome', weight: 0.75, words: ['outcome', 'outcomes'] },
  { field: 'outcome', weight: 0.55, words: ['evidence', 'impact', 'success', 'measure', 'measures', 'measured', 'difference', 'indicator', 'indicators', 'kpi', 'how will we know', 'how we will know', 'how do we know'] },
  { field: 'lead', weight: 0.7, words: ['lead', 'leads', 'owner', 'owners', 'responsible', 'responsibility', 'contact', 'accountable', 'who'] },
  { field: 'lead', weight: 0.4, words: ['officer', 'officers', 'partner', 'partners', 'agency', 'agencies', 'organisation', 'person'] },
  { field: 'timescale', weight: 0.75, words: ['timescale', 'timescales', 'deadline', 'deadlines', 'timeframe', 'timeframes', 'timeline'] },
  { field: 'timescale', weight: 0.55, words: ['due', 'date', 'dates', 'when', 'target', 'by', 'completion', 'until'] },
  { field: 'progress', weight: 0.75, words: ['progress', 'update', 'updates', 'updated', 'commentary'] },
  { field: 'progress', weight: 0.55, words: ['comments', 'comment', 'position', 'notes', 'narrative', 'quarter 1', 'quarter 2', 'quarter 3', 'quarter 4', 'q1', 'q2', 'q3', 'q4'] },
  { field: 'priority', weight: 0.65, words: ['priority', 'priorities', 'theme', 'themes', 'workstream', 'workstreams', 'strand'] },
  { field: 'rag', weight: 0.8, words: ['rag', 'r a g', 'brag', 'rating', 'ratings', 'rated'] },
  { field: 'status', weight: 0.6, words: ['status', 'assessment', 'percent'] },
];

/** Words that say a column is not the field though other words suggest it: a date raised or started is no deadline. */
const AGAINST: Partial<Record<Field, string[]>> = {
  // "Commentary to date" is progress so far, not a date.
  timescale: ['start', 'started', 'starting', 'begin', 'begins', 'raised', 'opened', 'logged', 'created', 'added', 'meeting', 'to date'],
};

/** One regular expression per family, built once: a word counts only as a whole word of the heading. */
const wordsRe = (words: string[]) => new RegExp(`\\b(?:${words.map((w) => w.replace(/ /g, '\\s')).join('|')})\\b`);
const FAMILY_RES = FAMILIES.map((f) => ({ ...f, re: wordsRe(f.words) }));
const AGAINST_RES = Object.entries(AGAINST).map(([field, words]) => ({ field: field as Field, re: wordsRe(words) }));

/** Each known heading, with how sure it makes us of each field it names (the first listing in a field counts). */
const KNOWN: ReadonlyMap<string, Partial<Record<Field, number>>> = new Map(
  FIELDS.flatMap((f) => PHRASES[f].map(([heading]) => heading)).map((heading) => [
    heading,
    Object.fromEntries(FIELDS.flatMap((f) => PHRASES[f].filter(([h]) => h === heading).slice(0, 1).map(([, score]) => [f, score]))),
  ]),
);

/** Long cells are data, not headings: words count only in short texts. */
const MAX_WORDS = 10;
const MAX_CHARS = 60;

/** What a heading says about a field: how sure it makes us (1 = certain) and why. */
export interface HeadingEvidence {
  score: number;
  reason: string;
  /** The heading holds a word that says the column is not this field ("Date raised"). */
  against?: boolean;
}

/** What a heading says about each field it names, or rules out. */
export function headingEvidence(text: string): Partial<Record<Field, HeadingEvidence>> {
  const evidence: Partial<Record<Field, HeadingEvidence>> = {};
  const key = headingKey(text);
  if (!key) return evidence;
  const shown = text.replace(/\s+/g, ' ').trim();
  const known = KNOWN.get(key);
  if (known) {
    for (const field of FIELDS) if (known[field] !== undefined) evidence[field] = { score: known[field]!, reason: `heading '${shown}'` };
    return evidence;
  }
  if (key.length > MAX_CHARS || key.split(' ').length > MAX_WORDS) return evidence;
  for (const family of FAMILY_RES) {
    const m = family.re.exec(key);
    if (m && family.weight > (evidence[family.field]?.score ?? 0)) evidence[family.field] = { score: family.weight, reason: `the ${m[0].includes(' ') ? 'words' : 'word'} '${m[0]}' in heading '${shown}'` };
  }
  for (const { field, re } of AGAINST_RES) {
    const m = re.exec(key);
    if (m) evidence[field] = { score: 0, reason: `the word '${m[0]}' in heading '${shown}'`, against: true };
  }
  return evidence;
}

/** Whether the heading is one of a field's known headings for certain (score 0.8 or more; not merely a word in it). */
export function isKnownHeading(text: string): boolean {
  const known = KNOWN.get(headingKey(text));
  return !!known && Object.values(known).some((score) => score >= 0.8);
}

/** Whether a heading holds any word of a field's family or is a known heading: whether it names anything at all. */
export function namesAField(text: string): boolean {
  return Object.values(headingEvidence(text)).some((e) => e.score > 0);
}
