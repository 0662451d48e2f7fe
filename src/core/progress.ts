import { addDays, type IsoDate } from './cells';
import { stripMarkup } from './markup';
import type { Plan, PlanPeriod, Progress, ProgressUpdate } from './model';
import type { CellValue } from './snapshot';
import { datePatterns, type Pattern } from './date-patterns';
import { findDates, RANGE_GAP, type DateMention } from './dates';
import { missedDates, readNoteWords } from './progress-words';

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

/** Headings with the word "Update": "Update Dec 15:", "UPDATE (Feb 2016)", "Dec 15 update:". */
function updateHeadings(text: string, mentions: DateMention[]): Heading[] {
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

/**
 * Dated openings without the word "Update", as many boards write them: a date at the start of the
 * note, of a line or of a sentence, then a dash, a colon or a full stop ("March 2014 – …",
 * "March 2014. …", "Q3 2013/14: …", "Sept 18 –", "31/03/14 –"), or the word "update" ("Q3 update
 * …"). A range ("March 2014 – March 2015") opens nothing, nor does a year on its own ("2015/16 –").
 */
const OPENING_KINDS: ReadonlySet<DateMention['kind']> = new Set(['date', 'month', 'quarter']);
/** Before an opening: a new line (perhaps a bullet) or a sentence's end; the note's start counts as a new line. */
const OPENING_BEFORE = /(?:\n|[.;!?]\s)\s*(?:[-–—•*·]\s*)?$/;
/** After the date: a dash, a colon, a full stop, or "update" ("Q3 update", "Sept 18 progress:"). */
const OPENING_AFTER = /^\s*(?:(?:update|progress|position)\b\s*[:\-–—]?|[:\-–—]|\.(?=\s|$))\s*/i;

function openings(text: string, mentions: DateMention[]): Heading[] {
  const found: Heading[] = [];
  mentions.forEach((m, i) => {
    const from = Math.max(0, m.index - 8);
    if (!OPENING_KINDS.has(m.kind) || !OPENING_BEFORE.test((from === 0 ? '\n' : '') + text.slice(from, m.index))) return;
    const after = OPENING_AFTER.exec(text.slice(m.end));
    if (!after) return;
    const next = mentions[i + 1];
    if (next && OPENING_KINDS.has(next.kind) && RANGE_GAP.test(text.slice(m.end, next.index)) && next.due >= m.from) return;
    found.push({ start: m.index, end: m.end + after[0].length, date: m.due });
  });
  return found;
}

/** Every heading of the note, in the order written; a date read both ways counts once. */
function headings(text: string, mentions: DateMention[]): Heading[] {
  const all = [...updateHeadings(text, mentions), ...openings(text, mentions)].sort((a, b) => a.start - b.start);
  const kept: Heading[] = [];
  for (const h of all) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) continue;
    kept.push(h);
  }
  return kept;
}

const LEADING_PUNCTUATION = /^[\s:;\-–—]+/;

/** An update's text without the punctuation that separated it from its heading. */
function tidyUpdate(text: string): string {
  return text.replace(LEADING_PUNCTUATION, '').trim();
}

// ---- revised dates ---------------------------------------------------------------------------

/** Phrases that record a new date in themselves: no date need follow. */
const REVISED_PLAIN =
  /\bnew\s+(?:target\s+|completion\s+|due\s+|end\s+)?date\b|\brevised?\s+(?:target\s+|completion\s+|due\s+|end\s+)?(?:date|deadline|time\s*scale)s?\b|\b(?:date|deadline|time\s*scale)s?\s+(?:\w+\s+){0,3}?(?:revised|changed|amended|moved|extended|put\s+back|pushed\s+back|slipped|reset)\b|\boriginal(?:ly)?\b|\bamended\s+time\s*scales?\b|\b(?:moved|changed|revised|extended|amended)\s+the\s+(?:date|deadline|time\s*scale)s?\b|\b(?:slipped|slippage|postponed|deferred|delayed)\b/i;
/** Words that record a slip only when a date follows ("moved to Q1 2016/17", not "moved to new offices"; "now due September", "now expected in August", "it will come in September"). */
const REVISED_IF_DATED =
  /\b(?:extended|moved|put\s+back|pushed\s+back|rescheduled|re-scheduled|carried\s+forward|rolled\s+forward)\s+(?:to|until|till|into)\b|\b(?:now|is\s+now|revised\s+to\s+be)\s+due\b|\bnow\s+(?:expected|planned|scheduled|starting|to\s+(?:start|finish|complete|report))\b|\bwill\s+(?:now\s+)?come\s+(?:to|in|at|on)\b/i;
const NEW_DATE_BEFORE = /\b(?:to|until|till|into|for|by|now|as|agreed|is|be|of)\s+(?:the\s+)?(?:(?:end|beginning|start|middle)\s+of\s+)?$/i;
const ORIGINAL_DATE_BEFORE = /\boriginal|\bfrom\s+(?:the\s+)?(?:end\s+of\s+)?$/i;

const DENIED_BEFORE = /\b(?:no|not|never|without|avoid\w*|prevent\w*|if|unless|risk\w*|could|might|may)\s+(?:\w+\s+){0,2}$/i;

const SENTENCE_BREAK = /(?<=[.!?;])\s+|\n+|\s+[-–—]\s+/;

interface Segment {
  text: string;
  /** Yearless dates in the segment fall on or after this. */
  window: PlanPeriod;
}

function revision(segments: Segment[], period: PlanPeriod, patterns: Pattern[]): Progress['revised'] {
  for (let s = segments.length - 1; s >= 0; s--) {
    // "Delayed – will not be met by March": the officer says the date will be missed, a setback
    // (progress-words.ts); only a new date, given in the same update, makes it a revision.
    let saysMissed: boolean | undefined;
    const sentences = segments[s].text.split(SENTENCE_BREAK).filter((x) => x.trim() !== '');
    for (let i = sentences.length - 1; i >= 0; i--) {
      const sentence = sentences[i].trim();
      const marker = REVISED_PLAIN.exec(sentence) ?? REVISED_IF_DATED.exec(sentence);
      // "Not delayed", "to avoid slippage": no date has moved.
      if (!marker || DENIED_BEFORE.test(sentence.slice(0, marker.index))) continue;
      const mentions = findDates(sentence, period, segments[s].window, patterns);
      const after = mentions.filter((m) => m.index >= marker.index);
      if (!REVISED_PLAIN.test(sentence) && after.length === 0) continue;
      saysMissed ??= missedDates(segments[s].text).length > 0;
      const missed = saysMissed ? missedDates(sentence) : [];
      let originalDue: IsoDate | null = null;
      let newDue: DateMention | null = null;
      const others: DateMention[] = [];
      let from = marker.index;
      for (const m of after) {
        const gap = sentence.slice(from, m.index);
        // "will not be met by March": March is the date missed, not a new one.
        if (missed.some((x) => x.index < m.end && m.index < x.end) || ORIGINAL_DATE_BEFORE.test(gap)) originalDue ??= m.due;
        else if (NEW_DATE_BEFORE.test(gap)) newDue = m;
        else others.push(m);
        from = m.end;
      }
      if (!newDue && others.length === 1) newDue = others[0];
      if (!newDue && saysMissed) continue;
      return { text: sentence, originalDue, newDue: newDue?.due ?? null, ...(newDue && !newDue.yearGiven ? { yearless: true as const } : {}) };
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
export function parseProgress(value: CellValue, period: PlanPeriod, patterns: Pattern[] = datePatterns()): Progress {
  const { text, hadMarkup } = stripMarkup(noteText(value));
  return parseProgressText(text, hadMarkup, period, patterns);
}

/**
 * Reads a progress note already stripped of markup (see stripMarkup), as the plan reader holds it,
 * with the date patterns it built once.
 */
export function parseProgressText(text: string, hadMarkup: boolean, period: PlanPeriod, patterns: Pattern[] = datePatterns()): Progress {
  const found = headings(text, findDates(text, period, period, patterns));
  const updates: ProgressUpdate[] = found.map((h, i) => ({
    date: h.date,
    text: tidyUpdate(text.slice(h.end, i + 1 < found.length ? found[i + 1].start : text.length)),
  }));
  // The latest by date; of two on the same date, the later one written.
  let latest: ProgressUpdate | null = null;
  for (const u of updates) if (!latest || u.date >= latest.date) latest = u;

  // What the note says is decided on the latest update when there is one (an old "complete"
  // followed by "reopened" is not complete), else on the whole note.
  const said = readNoteWords(latest ? latest.text : text);
  return {
    text,
    updates,
    lastUpdate: latest?.date ?? null,
    lastUpdateText: latest?.text ?? null,
    complete: said.complete,
    notStarted: said.notStarted,
    notDue: said.notDue,
    setback: said.setback,
    percent: said.percent,
    revised: revision(segmentsOf(text, found, updates, period), period, patterns),
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
