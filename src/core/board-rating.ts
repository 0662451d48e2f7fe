import type { Action, Status } from './model';
import { keyMeaning, type BoardKey } from './ragkey';
import { ratingFor, recogniseRating, statusForRating, type Rating, type Scheme } from './schemes';
import { readStatusWords, SETBACK_STANDINGS, type Standing } from './status-words';

/**
 * The board's own rating of an action, as its RAG or status column gives it: a rating of the scheme
 * ("Amber", "G"), a status in the board's words ("Behind schedule", "Completed"), a code its printed
 * key defines ("C", "1"), or a percentage ("75%"). Like a RAG agreed by hand, it is the board's word
 * on the action: where it amounts to a rating, that rating wins over the proposed one.
 */

export interface BoardRating {
  field: 'rag' | 'status';
  /** The cell's text, trimmed. */
  text: string;
  cell: string | null;
  /** The scheme's rating it amounts to; null for a status that is no rating ("In progress", "50%"). */
  rating: Rating | null;
  /** Where it says the work stands; null when it says nothing about that (a rating that means "complete or on track"). */
  standing: Standing | null;
  percent: number | null;
  /** What the plan's printed key says the code means ("Fully achieved" for "1"), when it came from the key. */
  meaning: string | null;
  /**
   * A code rather than words: a rating of the scheme ("Amber", "G") or a code of the key ("C", "1").
   * A code is the board's judgement, shown as its rating; only words ("Behind schedule") are also
   * evidence that the work has fallen behind.
   */
  coded: boolean;
}

export interface BoardContext {
  scheme: Scheme;
  /** The key printed with the plan, if any. */
  key: BoardKey | null;
  /** The headings of the plan's RAG and status columns: "Done?" says what a "Yes" under it means. */
  headings?: Partial<Record<BoardRating['field'], string | null>>;
}

/** A yes or no under a heading that asks a question: what the answer means, one row per question. */
const QUESTIONS: { heading: RegExp; yes: Standing; no: Standing }[] = [
  // "Done?", "Complete?", "Achieved (Y/N)"
  { heading: /\b(?:done|complete|completed|achieved|delivered|met|finished)\b/i, yes: 'complete', no: 'in-progress' },
  // "On track?", "On target (Y/N)"
  { heading: /\bon[\s-]+(?:track|target|schedule)\b/i, yes: 'on-track', no: 'at-risk' },
];
const ANSWER = /^(?:(yes|y)|(no|n))\s*[.!]?$/i;

/** The status whose rating a standing amounts to; standings that judge nothing have none. */
const RATED: Partial<Record<Standing, Status>> = { complete: 'complete', 'on-track': 'on-track', 'at-risk': 'at-risk', 'off-track': 'overdue' };
const STANDING_OF: Record<Status, Standing | null> = { complete: 'complete', 'on-track': 'on-track', 'at-risk': 'at-risk', overdue: 'off-track', 'not-assessed': null };

function ratingOf(scheme: Scheme, standing: Standing): Rating | null {
  const status = RATED[standing];
  return status ? ratingFor(scheme, status) : null;
}

/** Where a scheme's rating says the work stands: none for a rating several statuses share, such as "complete or on track". */
function standingOfRating(scheme: Scheme, rating: Rating): Standing | null {
  const statuses = (Object.keys(scheme.map) as Status[]).filter((s) => scheme.map[s] === rating.id);
  if (statuses.includes('complete')) return statuses.length === 1 ? 'complete' : null;
  return STANDING_OF[statusForRating(scheme, rating)];
}

type Reading = Omit<BoardRating, 'field' | 'cell'>;

/** Reads words: a status, a percentage, or a rating of the scheme among other words ("Amber – see note"). */
function fromWords(scheme: Scheme, text: string, meaning: string | null): Reading | null {
  const words = readStatusWords(meaning ?? text);
  if (words) return { text, rating: ratingOf(scheme, words.standing), standing: words.standing, percent: words.percent, meaning, coded: meaning !== null };
  return null;
}

/**
 * Reads one cell of the board's rating or status. Null for a blank cell; `unrecognised` for text that
 * is neither a rating of the scheme, nor a status BoardPlan knows, nor a code the plan's key defines,
 * nor an answer to the question its column's heading asks ("Yes" under "Done?").
 */
export function readBoardCell(text: string, ctx: BoardContext, heading: string | null = null): Reading | 'unrecognised' | null {
  const t = text.trim();
  if (!t) return null;
  const answer = ANSWER.exec(t);
  const question = answer && heading ? QUESTIONS.find((q) => q.heading.test(heading)) : undefined;
  if (answer && question) {
    const standing = answer[1] ? question.yes : question.no;
    return { text: t, rating: ratingOf(ctx.scheme, standing), standing, percent: null, meaning: null, coded: false };
  }
  const meaning = keyMeaning(ctx.key, t);
  const rating = recogniseRating(ctx.scheme, t);
  if (meaning) {
    // The key's meaning decides ("Green: Complete" is complete); a colour whose meaning is no rating ("Red = not started") stays that colour.
    const viaKey = fromWords(ctx.scheme, t, meaning);
    if (viaKey) return { ...viaKey, rating: viaKey.rating ?? rating };
  }
  if (rating) return { text: t, rating, standing: standingOfRating(ctx.scheme, rating), percent: readStatusWords(t)?.percent ?? null, meaning, coded: true };
  return fromWords(ctx.scheme, t, null) ?? 'unrecognised';
}

/** How far behind a rating says the work is: the worst of an action's milestones decides. */
const BEHIND: Record<Status, number> = { complete: 0, 'not-assessed': 1, 'on-track': 2, 'at-risk': 3, overdue: 4 };

/**
 * The board's rating of an action written over several rows, one per milestone, each rated: done
 * only when every milestone is, else the rating of the open milestone furthest behind.
 */
function overMilestones(readings: BoardRating[], scheme: Scheme): BoardRating {
  const open = readings.filter((r) => r.standing !== 'complete');
  const rated = open.filter((r) => r.rating);
  if (!rated.length) return open[0] ?? readings[0];
  const behind = (r: BoardRating) => BEHIND[statusForRating(scheme, r.rating!)];
  return rated.reduce((worst, r) => (behind(r) > behind(worst) ? r : worst));
}

/** The board's readings of an action, its RAG cell first, and the cells it could not read. */
export function boardRatings(action: Action, ctx: BoardContext): { ratings: BoardRating[]; unread: { field: BoardRating['field']; text: string; cell: string | null }[] } {
  const ratings: BoardRating[] = [];
  const unread: { field: BoardRating['field']; text: string; cell: string | null }[] = [];
  const cells: [BoardRating['field'], string | null, string | null][] = [
    ['rag', action.agreedRag, action.cells.rag ?? null],
    ...action.milestoneRags.map(({ text, cell }): [BoardRating['field'], string, string] => ['rag', text, cell]),
    ['status', action.statusText, action.cells.status ?? null],
  ];
  for (const [field, text, cell] of cells) {
    if (!text) continue;
    const read = readBoardCell(text, ctx, ctx.headings?.[field] ?? null);
    if (read === 'unrecognised') unread.push({ field, text: text.trim(), cell });
    else if (read) ratings.push({ field, cell, ...read });
  }
  const rags = ratings.filter((r) => r.field === 'rag');
  if (rags.length < 2) return { ratings, unread };
  // One reading for the RAG column, first as the action's own: its milestones' ratings together.
  const decided = overMilestones(rags, ctx.scheme);
  return { ratings: [decided, ...ratings.filter((r) => r.field !== 'rag')], unread };
}

/** "the board's status says "Behind schedule"", "the board's rating says "3" (Partially achieved – at risk)": as a reason quotes it. */
export function quoteBoard(r: BoardRating): string {
  return `the board's ${r.field === 'rag' ? 'rating' : 'status'} says "${r.text}"${r.meaning ? ` (${r.meaning})` : ''}`;
}

/** Whether the board's words say the work has fallen behind ("Behind schedule", "On hold"). */
export const isSetback = (r: BoardRating): boolean => !r.coded && r.standing !== null && SETBACK_STANDINGS.includes(r.standing);
