import { addDays, type IsoDate } from './cells';
import { stripMarkup } from './markup';
import type { Plan, PlanPeriod, Progress, ProgressUpdate } from './model';
import type { CellValue } from './snapshot';
import { findDates, type DateMention } from './dates';

/**
 * Reads a progress note: its dated updates ("Update Dec 15: … Update March 16: …"), whether it
 * says the action is complete, not started or not due, and whether the date has slipped.
 */

// ---- dated updates ---------------------------------------------------------------------------

interface Heading {
  start: number;
  end: number;
  date: IsoDate;
}

const UPDATE_WORD = /\bupdates?\b/gi;
/** Between "Update" and its date: "Update Dec 15", "UPDATE (Feb 2016)", "Update: 14.1.16". */
const WORD_TO_DATE = /^\s*(?:[:\-–—]\s*)?(?:\(\s*|(?:for|as\s+at|as\s+of)\s+)?$/i;
/** After the date of "Dec 15 update:": the heading must end in punctuation to be one. */
const AFTER_TRAILING_WORD = /^\s*[:;\-–—]/;
/** What ends a heading after its date: a bracket, a colon, a dash. */
const HEADING_TAIL = /^\s*\)?\s*[:;,\-–—]*/;
const BLANK = /^\s*$/;

/** Where a heading's tail (HEADING_TAIL) that starts at a position ends. */
function tailEnd(text: string, position: number): number {
  return position + HEADING_TAIL.exec(text.slice(position))![0].length;
}

function headings(text: string, mentions: DateMention[]): Heading[] {
  const found: Heading[] = [];
  for (const word of text.matchAll(UPDATE_WORD)) {
    const wordStart = word.index;
    const wordEnd = wordStart + word[0].length;
    const last = found[found.length - 1];
    if (last && wordStart < last.end) continue;
    const next = mentions.find((m) => m.index >= wordEnd);
    if (next && WORD_TO_DATE.test(text.slice(wordEnd, next.index))) {
      found.push({ start: wordStart, end: tailEnd(text, next.end), date: next.due });
      continue;
    }
    // "Dec 15 update:" — only when that date is not already part of the previous heading.
    const before = mentions.filter((m) => m.end <= wordStart).at(-1);
    if (before && BLANK.test(text.slice(before.end, wordStart)) && (!last || before.index >= last.end) && AFTER_TRAILING_WORD.test(text.slice(wordEnd))) {
      found.push({ start: before.index, end: tailEnd(text, wordEnd), date: before.due });
    }
  }
  return found;
}

const LEADING_PUNCTUATION = /^[\s:;\-–—]+/;

/** An update's text without the punctuation that separated it from its heading. */
function tidyUpdate(text: string): string {
  return text.replace(LEADING_PUNCTUATION, '').trim();
}

// ---- what the note says ----------------------------------------------------------------------

/**
 * Completion is decided on the latest dated update when there is one (an old "complete" followed
 * by "reopened" is not complete), else on the whole note. A completion word counts only when the
 * few words before it in the same clause hold no negation or future marker: "not yet complete",
 * "to be completed", "before final report completed" and "awaiting sign off" do not count.
 * "In place" counts only in a short note (under 12 words) or as "now in place": in a longer note
 * it usually describes a plan being in place, not the action being finished.
 */
const COMPLETION =
  /\b(?:complete(?!\s+(?:the|a|an|all|this|these|those|its|their|our|by|within|before|in\s+full)\b)|completed|achieved|signed[\s-]+off|in\s+place|done|finali[sz]ed|delivered|closed|finished|concluded|launched|went\s+live|gone\s+live)\b(?!\s*\?)/gi;
/**
 * Anywhere in the few words before a completion word: it is negated, partial or still to come.
 * Words that are often nouns in these notes ("action plan", "target") are left out; their verb
 * forms come with "to" ("aims to complete"), which INFINITIVE catches.
 */
const QUALIFIER =
  /\b(?:not|no|never|nor|none|nothing|without|yet|once|when|if|unless|until|before|after|pending|awaiting|await|awaits|nearly|almost|partially|partly|largely|mostly|part|due|planned|being|will|shall|would|should|could|may|might|must|need|needs|cannot|can't|won't|isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|doesn't|don't|didn't)\b/i;
/** Directly before it: "to be completed", "to complete". */
const INFINITIVE = /\bto\s+(?:be\s+)?(?:\w+ly\s+)?$/i;
/** Where one clause ends and another begins. */
const CLAUSE_BREAK = /[.;:!?,\n()]|\bbut\b|\bhowever\b|\s[-–—]\s/gi;
const WINDOW_WORDS = 5;
const WHITESPACE = /\s+/;
const IN_PLACE = /^in\s+place$/i;
const NOW_BEFORE = /\bnow\s*$/i;

/** The clause up to a position; a few words are all that matter, so only a short stretch is searched. */
function clauseBefore(text: string, index: number): string {
  const stretch = text.slice(Math.max(0, index - 200), index);
  let start = 0;
  for (const m of stretch.matchAll(CLAUSE_BREAK)) start = m.index + m[0].length;
  return stretch.slice(start);
}

function saysComplete(text: string): boolean {
  const words = text.split(WHITESPACE).filter(Boolean).length;
  for (const m of text.matchAll(COMPLETION)) {
    const clause = clauseBefore(text, m.index);
    const lastWords = clause.split(WHITESPACE).filter(Boolean).slice(-WINDOW_WORDS).join(' ');
    if (QUALIFIER.test(lastWords) || INFINITIVE.test(clause)) continue;
    if (IN_PLACE.test(m[0]) && words >= 12 && !NOW_BEFORE.test(clause)) continue;
    return true;
  }
  return false;
}

const NOT_STARTED = /\bnot\s+(?:yet\s+)?(?:been\s+)?(?:started|commenced|begun|initiated|start|commence)\b|\bno\s+progress\b|\byet\s+to\s+(?:start|commence|begin)\b/i;
const NOT_DUE = /\bnot\s+(?:yet\s+)?due\b/i;

// ---- revised dates ---------------------------------------------------------------------------

/** Phrases that record a new date in themselves: no date need follow. */
const REVISED_PLAIN =
  /\bnew\s+(?:target\s+|completion\s+|due\s+|end\s+)?date\b|\brevised?\s+(?:target\s+|completion\s+|due\s+|end\s+)?(?:date|deadline|time\s*scale)s?\b|\b(?:date|deadline|time\s*scale)s?\s+(?:\w+\s+){0,3}?(?:revised|changed|amended|moved|extended|put\s+back|pushed\s+back|slipped|reset)\b|\boriginal(?:ly)?\b|\bamended\s+time\s*scales?\b|\b(?:moved|changed|revised|extended|amended)\s+the\s+(?:date|deadline|time\s*scale)s?\b|\b(?:slipped|slippage|postponed|deferred|delayed)\b/i;
/** Verbs that record a slip only when a date follows ("moved to Q1 2016/17", not "moved to new offices"). */
const REVISED_IF_DATED = /\b(?:extended|moved|put\s+back|pushed\s+back|rescheduled|re-scheduled|carried\s+forward|rolled\s+forward)\s+(?:to|until|till|into)\b/i;
const NEW_DATE_BEFORE = /\b(?:to|until|till|into|for|by|now|as|agreed|is|be|of)\s+(?:the\s+)?(?:(?:end|beginning|start|middle)\s+of\s+)?$/i;
const ORIGINAL_DATE_BEFORE = /\boriginal|\bfrom\s+(?:the\s+)?(?:end\s+of\s+)?$/i;

const SENTENCE_BREAK = /(?<=[.!?;])\s+|\n+|\s+[-–—]\s+/;

interface Segment {
  text: string;
  /** Yearless dates in the segment fall on or after this. */
  window: PlanPeriod;
}

function revision(segments: Segment[], period: PlanPeriod): Progress['revised'] {
  for (let s = segments.length - 1; s >= 0; s--) {
    const sentences = segments[s].text.split(SENTENCE_BREAK).filter((x) => x.trim() !== '');
    for (let i = sentences.length - 1; i >= 0; i--) {
      const sentence = sentences[i].trim();
      const marker = REVISED_PLAIN.exec(sentence) ?? REVISED_IF_DATED.exec(sentence);
      if (!marker) continue;
      const mentions = findDates(sentence, period, segments[s].window);
      const after = mentions.filter((m) => m.index >= marker.index);
      if (!REVISED_PLAIN.test(sentence) && after.length === 0) continue;
      let originalDue: IsoDate | null = null;
      let newDue: IsoDate | null = null;
      const others: IsoDate[] = [];
      let from = marker.index;
      for (const m of after) {
        const gap = sentence.slice(from, m.index);
        if (ORIGINAL_DATE_BEFORE.test(gap)) originalDue ??= m.due;
        else if (NEW_DATE_BEFORE.test(gap)) newDue = m.due;
        else others.push(m.due);
        from = m.end;
      }
      if (!newDue && others.length === 1) newDue = others[0];
      return { text: sentence, originalDue, newDue };
    }
  }
  return null;
}

// ---- the note --------------------------------------------------------------------------------

function noteText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** The note before the first update, then each update, whose yearless dates follow its own date. */
function segmentsOf(text: string, found: Heading[], updates: ProgressUpdate[], period: PlanPeriod): Segment[] {
  return [
    { text: found.length ? text.slice(0, found[0].start) : text, window: period },
    ...updates.map((u) => ({ text: u.text, window: { start: u.date, end: addDays(u.date, 365) } })),
  ];
}

/** Reads a progress cell. Never throws. */
export function parseProgress(value: CellValue, period: PlanPeriod): Progress {
  const { text, hadMarkup } = stripMarkup(noteText(value));
  return parseProgressText(text, hadMarkup, period);
}

/** Reads a progress note already stripped of markup (see stripMarkup), as the plan reader holds it. */
export function parseProgressText(text: string, hadMarkup: boolean, period: PlanPeriod): Progress {
  const found = headings(text, findDates(text, period));
  const updates: ProgressUpdate[] = found.map((h, i) => ({
    date: h.date,
    text: tidyUpdate(text.slice(h.end, i + 1 < found.length ? found[i + 1].start : text.length)),
  }));
  // The latest by date; of two on the same date, the later one written.
  let latest: ProgressUpdate | null = null;
  for (const u of updates) if (!latest || u.date >= latest.date) latest = u;

  const decisive = latest ? latest.text : text;
  const notStarted = NOT_STARTED.test(decisive);
  return {
    text,
    updates,
    lastUpdate: latest?.date ?? null,
    lastUpdateText: latest?.text ?? null,
    complete: !notStarted && saysComplete(decisive),
    notStarted,
    notDue: NOT_DUE.test(decisive),
    revised: revision(segmentsOf(text, found, updates, period), period),
    hadMarkup,
  };
}

/**
 * Whether a plan dates its progress updates at all ("Update Dec 15: …"). In a plan that never
 * does, an undated note counts as current: it is how that board records progress.
 */
export function hasDatedUpdates(plan: Plan): boolean {
  return plan.actions.some((a) => a.progress.updates.length > 0);
}
