import { MON_NC } from './date-patterns';

/**
 * What the words of a progress note say about the work: done ("Complete", "signed off"), how far
 * through ("75% complete"), not started or not due, or fallen behind ("behind schedule", "delayed",
 * "the March deadline will not be met", "on hold"). Read with care for negation and context: "no
 * delay", "not delayed", "to avoid slippage" and "will be met by March" are no setback; "was delayed
 * but now complete" is complete; "not yet complete" and "to be completed" are not. Each wording is
 * a row of data, with an example above it.
 */

export interface NoteWords {
  complete: boolean;
  notStarted: boolean;
  notDue: boolean;
  /** The words that say the work has fallen behind, as written ("behind schedule"); null when none. */
  setback: string | null;
  /** How far through the note says the work is ("75% complete"), 0 to 100; null when it says not. */
  percent: number | null;
}

interface Rule {
  re: RegExp;
  /** When the wording only counts in some notes ("in place" in a short note or as "now in place"). */
  only?: (clause: string, noteWords: number) => boolean;
}

/** Where one clause ends and another begins. */
const CLAUSE_BREAK = /[.;:!?,\n()]|\bbut\b|\bhowever\b|\s[-–—](?=\s)/gi;
const WHITESPACE = /\s+/;
const WINDOW_WORDS = 5;
const NOW_BEFORE = /\bnow\s*$/i;
const SHORT_NOTE = 12;
/** Nothing before a word in its clause but the action itself: "Closed", "Action closed", "This item has been closed". */
const ACTION_BEFORE = /^\s*(?:(?:this\s+|the\s+)?(?:action|item|recommendation|task)\s+(?:is\s+|was\s+|has\s+been\s+|now\s+)?)?$/i;
/** A wording that describes the work only in a short note or after "now". */
const shortOrNow = (clause: string, noteWords: number) => noteWords < SHORT_NOTE || NOW_BEFORE.test(clause);

// ---- completion ------------------------------------------------------------------------------

/**
 * Completion words. A word counts only when the few words before it in its clause hold no
 * negation or future marker (QUALIFIER) and it is not "to be completed" (INFINITIVE).
 */
const COMPLETION: Rule[] = [
  // "Complete", "completed" – but not "complete the audit", "complete by March"
  { re: /\bcomplete(?!\s+(?:the|a|an|all|this|these|those|its|their|our|by|within|before|in\s+full)\b)\b|\bcompleted\b/i },
  // "Achieved", "signed off", "done", "finalised", "delivered", "finished", "concluded", "went live"
  { re: /\b(?:achieved|signed[\s\-–—]+off|done|finali[sz]ed|delivered|finished|concluded|launched|went\s+live|gone\s+live)\b/i },
  // "Protocol in place" in a short note, "now in place": in a long note it describes a plan being in place
  { re: /\bin\s+place\b/i, only: shortOrNow },
  // "Closed", "Action closed", "now closed": "consultation closed 30 November" is a step, not the action
  { re: /\bclosed\b/i, only: (clause) => ACTION_BEFORE.test(clause) || NOW_BEFORE.test(clause) },
];

/**
 * Anywhere in the few words before a completion word: it is negated, partial or still to come.
 * Words that are often nouns in these notes ("action plan", "target") are left out; their verb
 * forms come with "to" ("aims to complete"), which INFINITIVE catches.
 */
const QUALIFIER =
  /\b(?:not|no|never|nor|none|nothing|without|yet|once|when|if|unless|until|before|after|pending|awaiting|await|awaits|nearly|almost|partially|partly|largely|mostly|part|due|planned|being|will|shall|would|should|could|may|might|must|need|needs|cannot|can't|won't|isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|doesn't|don't|didn't)\b/i;
/** Directly before it: "to be completed", "to complete". */
const INFINITIVE = /\bto\s+(?:be\s+)?(?:\w+ly\s+)?$/i;
/** Directly before it: "75% complete" is a percentage, read on its own. */
const PERCENT_BEFORE = /\d\s*%[\s\-–—]*$/;

/** The clause up to a position; a few words are all that matter, so only a short stretch is searched. */
function clauseBefore(text: string, index: number): string {
  const stretch = text.slice(Math.max(0, index - 200), index);
  let start = 0;
  for (const m of stretch.matchAll(CLAUSE_BREAK)) start = m.index + m[0].length;
  return stretch.slice(start);
}

const lastWords = (clause: string) => clause.split(WHITESPACE).filter(Boolean).slice(-WINDOW_WORDS).join(' ');

/** The rows as one pattern, each row a group, which finds them in one pass. */
const COMPLETION_WORD = new RegExp(COMPLETION.map(({ re }) => `(${re.source})`).join('|'), 'gi');

/** Where the last completion word that counts stands, or -1. */
function lastCompletion(text: string, noteWords: number): number {
  let at = -1;
  for (const m of text.matchAll(COMPLETION_WORD)) {
    const { only } = COMPLETION[m.slice(1).findIndex((group) => group !== undefined)];
    const clause = clauseBefore(text, m.index);
    if (QUALIFIER.test(lastWords(clause)) || INFINITIVE.test(clause) || PERCENT_BEFORE.test(clause)) continue;
    if (only && !only(clause, noteWords)) continue;
    // "Complete?" asks rather than tells.
    if (text.slice(m.index + m[0].length).trimStart().startsWith('?')) continue;
    at = m.index;
  }
  return at;
}

// ---- a date that will be missed ------------------------------------------------------------

/*
 * "The March deadline will not be met", "won't be achieved by the end of Q2", "is unlikely to be
 * completed by June", "will not meet the March deadline": the officer says the action's date will be
 * missed, which is a setback, not a new date. Read by the grammar of the phrase: a negated or
 * doubtful future (or a negated past of "met"), "be", a word for the work being done, and the date
 * or deadline it will miss, if named. "Will be met by March" and "met by March as planned" say no
 * such thing; "will not be delivered by the police" names who, not when.
 */
const src = (re: RegExp) => re.source;
/** "will not", "won't", "will now not", "will no longer", "is not going to", "is unlikely to", "not expected to". */
const WILL_NOT = src(
  /(?:(?:will|would|shall|can|could)\s+(?:now\s+|(?!only\b)\w+ly\s+)?(?:not|no\s+longer)|won['’]t|wouldn['’]t|shan['’]t|can['’]t|cannot|couldn['’]t|(?:(?:is|are)\s+)?not\s+going\s+to|(?:isn['’]t|aren['’]t)\s+going\s+to|(?:(?:is|are)\s+)?(?:unlikely|not\s+likely|not\s+expected)\s+to|(?:isn['’]t|aren['’]t)\s+(?:likely|expected)\s+to)/,
);
/** "was not", "has not been": said of a date, it has been missed ("the deadline was not met"). */
const WAS_NOT = src(/(?:(?:was|were)\s+not|wasn['’]t|weren['’]t|(?:has|have)\s+not\s+been|(?:hasn['’]t|haven['’]t)\s+been)/);
/** A word between: "will not now be", "will not be fully met". */
const ADVERB = src(/(?:(?:now|therefore|quite|all|(?!only\b)\w+ly)\s+)?/);
/** The work done, in the words officers use of an action. */
const DONE = src(
  /(?:met|achieved|completed|complete|delivered|finished|done|reached|implemented|finali[sz]ed|signed[\s\-–—]+off|in\s+place|ready|launched|published|live|operational|concluded|rolled\s+out)/,
);
/** Words that name a date as a deadline. */
const DEADLINE = src(/(?:deadline|target(?:\s+date)?|(?:due|end|completion|agreed|planned|original)\s+date|time\s*scale|time\s*frame|milestone)s?/);
const YEAR = src(/(?:(?:19|20)\d{2}(?:\s*[/\-–—]\s*\d{2,4})?|\d{2}(?:\s*[/\-–—]\s*\d{2})?)/);
/** A time a deadline can be: "the June board", "the agreed deadline", "March", "31 March 2026", "Q2 2025/26", "year end". */
const TIME = [
  `(?:[\\w'’/\\-]+\\s+){0,2}?(?:${DEADLINE}|board(?:\\s+meeting)?|meeting)\\b`,
  `(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?${MON_NC}\\b(?:\\s+\\d{1,2}(?:st|nd|rd|th)?\\b)?(?:,?\\s+${YEAR}\\b)?`,
  `q[1-4]\\b(?:\\s+${YEAR}\\b)?`,
  `(?:quarter\\s+[1-4]|(?:first|second|third|fourth|final|last|next|this)\\s+quarter)\\b`,
  `\\d{1,2}[./\\-]\\d{1,2}[./\\-]\\d{2,4}\\b`,
  `(?:19|20)\\d{2}(?:\\s*[/\\-–—]\\s*\\d{2,4})?\\b`,
  `(?:(?:financial|calendar|school|academic)\\s+)?year(?:[\\s\\-–—]*end)?\\b`,
  `(?:spring|summer|autumn|winter)(?:\\s+(?:term|(?:19|20)\\d{2}))?\\b`,
  `(?:this|next)\\s+(?:month|quarter|year|spring|summer|autumn|winter)\\b`,
  `(?:then|christmas|easter)\\b`,
].join('|');
/** After the phrase, the date it will miss: "by March", "by the end of Q2", "in time for the June board", "as planned". */
const BY_WHEN = src(
  new RegExp(
    `(?:\\s+(?:by|before|within|for|at|in|in\\s+time\\s+for|on\\s+time\\s+for)\\s+(?:the\\s+)?(?:(?:end|start|beginning|middle|close)\\s+of\\s+(?:the\\s+)?)?(?:${TIME})|\\s+(?:on|in)\\s+time\\b|\\s+as\\s+(?:planned|agreed|intended|scheduled)\\b|\\s+(?:to|on)\\s+(?:schedule|target)\\b|\\s+within\\s+(?:the\\s+)?(?:agreed\\s+|planned\\s+)?time\\s*(?:scales?|frames?)\\b)`,
  ),
);
/** The phrase, in its three forms; a word for the work followed by "by" and no time names an agent. */
const DATE_MISSED_SOURCE = [
  `\\b${WILL_NOT}\\s+${ADVERB}be\\s+${ADVERB}${DONE}\\b(?:${BY_WHEN}|(?!\\s+by\\b))`,
  `\\b${WAS_NOT}\\s+${ADVERB}(?:(?:met|achieved|reached)\\b(?:${BY_WHEN}|(?!\\s+by\\b))|${DONE}\\b${BY_WHEN})`,
  `\\b${WILL_NOT}\\s+(?:(?:meet|achieve|hit|make|reach)\\s+(?:the|its|our|their|this|that)\\s+(?:[\\w'’/\\-]+\\s+){0,2}?${DEADLINE}\\b|(?:complete|finish|deliver|conclude|finali[sz]e)\\b(?:\\s+[\\w'’/\\-]+){0,4}?${BY_WHEN})`,
  `\\b(?:will|is\\s+going\\s+to|are\\s+going\\s+to|(?:is|are)\\s+(?:likely|expected|set)\\s+to)\\s+(?:now\\s+)?miss\\s+(?:the|its|our|their|this|that)\\s+(?:[\\w'’/\\-]+\\s+){0,2}?${DEADLINE}\\b`,
].join('|');
/** The deadline named before the phrase, which the reason quotes with it: "The March deadline", "Target date", "The deadline for the strategy". */
const DEADLINE_BEFORE = new RegExp(`(?:\\b(?:the|this|our|its|their|that)\\s+(?:[\\w'’/\\-]+\\s+){0,2}?)?\\b${DEADLINE}(?:\\s+(?:of|for)(?:\\s+[\\w'’/\\-]+){1,3})?\\s*$`, 'i');

// ---- setbacks --------------------------------------------------------------------------------

/**
 * "The target date will not be met", "won't be achieved by the end of Q2", "is unlikely to be
 * completed by June". Searched only in notes with a word it needs (MIGHT_MISS), as most have none.
 */
const DATE_MISSED = new RegExp(DATE_MISSED_SOURCE, 'gi');
const MIGHT_MISS = /\bnot\b|n['’]t\b|\bcannot\b|\bno\s+longer\b|\bunlikely\b|\bmiss\b/i;

/** Other wordings that say the work has fallen behind, most specific first. */
const SETBACKS: RegExp[] = [
  // "Not achieved", "has not been achieved" – but not "not yet achieved"
  /\bnot\s+(?:been\s+)?(?:fully\s+)?achieved\b/i,
  // "Behind schedule", "behind target", "running behind"
  /\bbehind\s+(?:schedule|target|plan|time)\b|\brunning\s+behind\b/i,
  // "Off track", "off target", "no longer on track", "not on track"
  /\boff[\s\-–—]+(?:track|target)\b|\b(?:no\s+longer|not)\s+on\s+(?:track|target|schedule)\b/i,
  // "On hold", "paused"
  /\bon\s+hold\b|\bpaused\b/i,
  // "Delayed", "delays", "a delay" – not "delayed discharge" or "delayed transfers of care", which are measures
  /\b(?:delayed|delays?)\b(?!\s+(?:discharges?|transfers?))/i,
  // "Slipped", "slippage", "postponed", "deferred"
  /\b(?:slipped|slippage|postponed|deferred)\b/i,
  // "Missed the deadline", "deadline missed"
  /\bmissed\s+(?:the\s+|its\s+|our\s+)?(?:deadline|target|date|milestone)\b|\b(?:deadline|target\s+date|milestone)\s+(?:was\s+|has\s+been\s+)?missed\b/i,
];

/** Before a setback in its clause: it is denied, avoided or only feared ("no delay", "to avoid slippage", "if delayed"). */
const NOT_A_SETBACK =
  /\b(?:no|not|never|nor|without|though|although|despite|avoid|avoided|avoiding|prevent|prevented|preventing|if|unless|whether|could|might|may|should|risk|risks|potential|potentially|possible|possibly|minimi[sz]e|mitigate|any|isn't|wasn't|aren't|weren't|hasn't|haven't)\b/i;
/** After a setback: the work has caught up again. */
const RECOVERY = /\b(?:back|now)\s+on\s+(?:track|target|schedule)\b|\bcaught\s+up\b|\b(?:has|have)\s+recovered\b|\b(?:resumed|restarted|re-started|recommenced)\b/gi;

/** The rows as one pattern, which finds them in one pass: at any place the first row that fits wins. */
const SETBACK = new RegExp(SETBACKS.map((re) => re.source).join('|'), 'gi');

interface Setback {
  /** The words as written, with the deadline they name: "The March deadline will not be met". */
  words: string;
  index: number;
  end: number;
  /** The words say a date will be (or was) missed. */
  dateMissed: boolean;
}

/** Every setback that counts, in the order written. */
function setbacks(text: string): Setback[] {
  const missed = MIGHT_MISS.test(text) ? [...text.matchAll(DATE_MISSED)] : [];
  const matches = [...missed.map((m) => ({ m, dateMissed: true })), ...[...text.matchAll(SETBACK)].map((m) => ({ m, dateMissed: false }))];
  const found: Setback[] = [];
  for (const { m, dateMissed } of matches) {
    const end = m.index + m[0].length;
    // "has not been achieved" is one setback, read as a date missed.
    if (!dateMissed && missed.some((x) => x.index < end && m.index < x.index + x[0].length)) continue;
    const clause = clauseBefore(text, m.index);
    if (NOT_A_SETBACK.test(lastWords(clause))) continue;
    const subject = dateMissed ? (DEADLINE_BEFORE.exec(clause)?.[0] ?? '') : '';
    found.push({ words: (subject + m[0]).replace(/\s+/g, ' ').trim(), index: m.index - subject.length, end, dateMissed });
  }
  return found.sort((x, y) => x.index - y.index);
}

/** The last setback that counts, or null when none does or the work has caught up since. */
function lastSetback(text: string): Setback | null {
  const last = setbacks(text).at(-1);
  if (!last) return null;
  for (const m of text.matchAll(RECOVERY)) if (m.index > last.index) return null;
  return last;
}

/**
 * Where a note says a date will be (or was) missed ("will not be met by March", "the March deadline
 * will not be met"): a date in those words is the one missed, never a new one.
 */
export function missedDates(text: string): { index: number; end: number }[] {
  return setbacks(text)
    .filter((s) => s.dateMissed)
    .map(({ index, end }) => ({ index, end }));
}

// ---- the rest --------------------------------------------------------------------------------

const NOT_STARTED = /\bnot\s+(?:yet\s+)?(?:been\s+)?(?:started|commenced|begun|initiated|start|commence)\b|\bno\s+progress\b|\byet\s+to\s+(?:start|commence|begin)\b/i;
const NOT_DUE = /\bnot\s+(?:yet\s+)?due\b/i;
/** "75% complete", "50 % done": how far through the work is. A note that is only a percentage says the same. */
const PERCENT_DONE = /(\d{1,3}(?:\.\d+)?)\s*%[\s\-–—]*(?:complete|completed|done|achieved|delivered|finished|through)\b/gi;
const PERCENT_ONLY = /^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*\.?\s*$/;

function percentOf(text: string): number | null {
  let percent: number | null = null;
  for (const m of text.matchAll(PERCENT_DONE)) percent = Math.min(100, Number(m[1]));
  const only = PERCENT_ONLY.exec(text);
  if (only) percent = Math.min(100, Number(only[1]));
  return percent;
}

/** Reads the words of a note (the latest update, or the whole note when it has none). Never throws. */
export function readNoteWords(text: string): NoteWords {
  const noteWords = text.split(WHITESPACE).filter(Boolean).length;
  const notStarted = NOT_STARTED.test(text);
  const percent = percentOf(text);
  const setback = lastSetback(text);
  const completion = lastCompletion(text, noteWords);
  // The later of a completion and a setback is the note's last word: "delayed, but now complete".
  const saysDone = percent !== null ? percent >= 100 : completion !== -1 && !(setback && setback.index > completion);
  return {
    complete: !notStarted && saysDone,
    notStarted,
    notDue: NOT_DUE.test(text),
    setback: setback?.words ?? null,
    percent,
  };
}
