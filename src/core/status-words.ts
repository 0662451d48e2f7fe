/**
 * The words boards write for where an action stands ("Complete", "On track", "Behind schedule",
 * "Not started", "75% complete"), read from a status or RAG cell and from the meanings a printed key
 * gives its letters and numbers ("1 Fully achieved", "A some slippage, recoverable"). One row per
 * wording, an example above it, most specific first: each row only reads text the rows above it
 * have left. A board's new wording is a new row here.
 */

/** Where the board says an action stands. */
export const STANDINGS = ['complete', 'on-track', 'in-progress', 'not-due', 'not-started', 'on-hold', 'at-risk', 'off-track'] as const;
export type Standing = (typeof STANDINGS)[number];

/** Standings that say the work has fallen behind: an action they describe is never on track. */
export const SETBACK_STANDINGS: readonly Standing[] = ['on-hold', 'at-risk', 'off-track'];

export interface StatusWord {
  re: RegExp;
  standing: Standing;
}

/** Words in a row, any capitals, any spacing or dash between them. */
const words = (source: string) => new RegExp(String.raw`\b(?:${source.replace(/ /g, String.raw`[\s\-–—]+`)})\b`, 'gi');

export const STATUS_WORDS: StatusWord[] = [
  // Not started, Not yet started, Yet to start, Not commenced
  { re: words('not (?:yet )?(?:been )?(?:started|commenced|begun)|yet to (?:start|commence|begin)'), standing: 'not-started' },
  // Not due, Not yet due
  { re: words('not (?:yet )?due'), standing: 'not-due' },
  // Not yet complete, Not yet achieved, Not complete, Incomplete
  { re: words('not yet (?:complete|completed|achieved|finished|delivered)|not (?:fully )?(?:complete|completed|finished)|incomplete'), standing: 'in-progress' },
  // Not achieved, Not met, Not delivered, Will not be met, Missed
  { re: words('(?:will not|won[\'’]t) be (?:met|achieved|completed|delivered)|not (?:fully )?(?:achieved|met|delivered)|missed'), standing: 'off-track' },
  // On track to be achieved, Being delivered: still to come
  { re: words('(?:to be|being) (?:achieved|completed?|delivered|met|done|finished)'), standing: 'in-progress' },
  // Partially achieved – on track, Partly complete, Part achieved, Substantially achieved
  { re: words('(?:partially|partly|part|substantially|mostly|largely) (?:achieved|complete|completed|met|delivered|done)'), standing: 'in-progress' },
  // Not on track, No longer on track, Not on target
  { re: words('(?:not|no longer) on (?:track|target|schedule)'), standing: 'off-track' },
  // No delays, Not delayed, Without slippage: nothing wrong
  { re: words('(?:no|not|without) (?:delays?|delayed|slippage|slipped|issues|concerns)'), standing: 'on-track' },
  // No longer on hold, Not on hold
  { re: words('(?:no longer|not) on hold'), standing: 'in-progress' },
  // Off track, Off target, Overdue, Failed
  { re: words('off (?:track|target)|overdue|failed'), standing: 'off-track' },
  // Behind schedule, Behind target, Running behind
  { re: words('behind (?:schedule|target|plan|time)|running behind'), standing: 'at-risk' },
  // At risk, Delayed, Delay, Slipped, Some slippage, Late
  { re: words('at risk|delayed|delays?|slipped|slipping|slippage|late'), standing: 'at-risk' },
  // On hold, Paused, Suspended, Deferred, Postponed
  { re: words('on hold|paused|suspended|deferred|postponed'), standing: 'on-hold' },
  // Partly, Partially, Part done
  { re: words('partly|partially|part done'), standing: 'in-progress' },
  // On track, On target, On schedule, Back on track
  { re: words('on (?:track|target|schedule|course)'), standing: 'on-track' },
  // In progress, Work in progress, Ongoing, Underway, Started, In hand, Progressing
  { re: words('in progress|wip|on going|ongoing|under way|underway|started|commenced|in hand|progressing|continuing|in train'), standing: 'in-progress' },
  // Complete, Completed, Fully achieved, Achieved, Done, Closed, Delivered, Finished, Signed off
  { re: words('(?:fully )?(?:complete|completed|achieved|delivered|done|closed|finished|implemented)|signed off|met in full'), standing: 'complete' },
];

/** "75% complete", "100%", "50 %": how far through the board says the work is. */
const PERCENT = /(\d{1,3}(?:\.\d+)?)\s*%(?:[\s\-–—]*(?:complete|completed|done|achieved|delivered|finished)\b)?/gi;

export interface StatusReading {
  standing: Standing;
  /** The words that decided it, as written: "Behind schedule", "75% complete". */
  words: string;
  /** A percentage given, 0 to 100; null when none. */
  percent: number | null;
}

interface Found {
  index: number;
  end: number;
  standing: Standing;
  words: string;
}

/** Judgements of the work, worst first; then plain facts about it, the least advanced first. */
const JUDGEMENTS: readonly Standing[] = ['off-track', 'at-risk', 'on-hold', 'on-track'];
const FACTS: readonly Standing[] = ['not-started', 'in-progress', 'not-due'];
/** Facts that rule completion out ("Complete" with "Not started" is no completion). */
const NOT_DONE: readonly Standing[] = ['not-started', 'in-progress', 'not-due', 'off-track'];

/**
 * The standing a short text gives ("Partially achieved – on track" is on track; "Completed, though
 * delayed" is complete; "Delayed – 60%" is at risk), or null when it holds no status words.
 * Capitals, spacing and the kind of dash change nothing.
 */
export function readStatusWords(text: string): StatusReading | null {
  const found: Found[] = [];
  let percent: number | null = null;
  for (const m of text.matchAll(PERCENT)) {
    const value = Math.min(100, Number(m[1]));
    percent ??= value;
    found.push({ index: m.index, end: m.index + m[0].length, standing: value >= 100 ? 'complete' : 'in-progress', words: m[0].trim() });
  }
  for (const { re, standing } of STATUS_WORDS) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (found.some((f) => f.index < end && m.index < f.end)) continue;
      found.push({ index: m.index, end, standing, words: m[0] });
    }
  }
  if (!found.length) return null;
  const first = (standings: readonly Standing[]) => {
    for (const s of standings) {
      const hit = found.filter((f) => f.standing === s).sort((a, b) => a.index - b.index)[0];
      if (hit) return hit;
    }
    return null;
  };
  const complete = first(['complete']);
  const decided = complete && !found.some((f) => NOT_DONE.includes(f.standing)) ? complete : (first(JUDGEMENTS) ?? first(FACTS) ?? complete!);
  return { standing: decided.standing, words: tidy(decided.words), percent };
}

/** One space between words, as the reason quotes them. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
