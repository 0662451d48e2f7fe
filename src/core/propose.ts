import type { AsOf } from './as-of';
import { isSetback, quoteBoard, type BoardRating } from './board-rating';
import { addDays, formatDate, type IsoDate } from './cells';
import type { Action, Status } from './model';
import { dueAsOf, lastOccurrence } from './yearly';

/**
 * The status BoardPlan proposes for an action, and why. The rules follow DESIGN.md's status table,
 * each branch returning a status and the sentence a chair reads: what the notes and the board's own
 * status say first (complete, fallen behind), then the dates.
 */

export interface ProposeContext {
  asOf: AsOf;
  dueSoonDays: number;
  /** Whether the plan dates its progress updates at all; if not, an undated note counts as current. */
  datedUpdates: boolean;
}

export interface Proposal {
  status: Status;
  reason: string;
}

/** What the progress note and the board's own rating or status say, gathered once for the rules below. */
interface Said {
  /** The sentence that records completion, or null when nothing does. */
  done: string | null;
  /** Words that say the work has fallen behind, as a reason quotes them: progress says "delayed". */
  setback: string | null;
  /** Words that say the work has not started, as a reason quotes them. */
  notStarted: string | null;
  percent: number | null;
}

function said(action: Action, board: BoardRating[]): Said {
  const { progress } = action;
  // The board's own rating or status is its word on completion: "Amber", "On track" or "50%" means
  // the action is not done, whatever a step described in the note; "Complete" or "1" (Fully achieved) means it is.
  const judged = board.find((r) => r.standing !== null);
  let done: string | null = null;
  if (judged?.standing === 'complete') done = `The board records the action as complete: ${quoteBoard(judged).replace("the board's", 'its')}.`;
  else if (!judged && progress.complete) {
    const detail = progress.lastUpdate ? ` (update of ${formatDate(progress.lastUpdate)})` : progress.percent === 100 ? ' (100%)' : '';
    done = `Progress records the action as complete${detail}.`;
  }
  const boardSetback = board.find(isSetback);
  const boardNotStarted = board.find((r) => !r.coded && r.standing === 'not-started');
  return {
    done,
    setback: boardSetback ? quoteBoard(boardSetback) : progress.setback ? `progress says "${progress.setback}"` : null,
    notStarted: boardNotStarted ? quoteBoard(boardNotStarted) : progress.notStarted ? 'progress says it has not started' : null,
    percent: board.find((r) => r.percent !== null)?.percent ?? progress.percent ?? null,
  };
}

/** What else the reason should say: the words read, and how far through the work is. */
function also(s: Said): string {
  const parts = [s.setback, s.notStarted].filter((p): p is string => p !== null);
  if (s.percent !== null && !parts.some((p) => p.includes(`${s.percent}%`))) parts.push(`${s.percent}% complete`);
  return parts.map((p) => `; ${p}`).join('');
}

const upperFirst = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The status BoardPlan proposes for an action, and why, given the board's own readings of it (board-rating.ts). */
export function propose(action: Action, ctx: ProposeContext, board: BoardRating[] = []): Proposal {
  const { timescale: ts, progress } = action;
  const asOf = ctx.asOf.shown;
  const s = said(action, board);

  if (s.done) return { status: 'complete', reason: s.done };

  // A revised date in the notes replaces the plan's date, but the slip itself is a warning sign.
  const revisedDue = progress.revised?.newDue ?? null;
  const due = revisedDue ?? dueAsOf(ts, ctx.asOf.date);
  const assumed = ts.confidence === 'low' && !revisedDue ? ' (year assumed from the plan period)' : '';

  if (due && due < ctx.asOf.date) {
    if (revisedDue) return { status: 'overdue', reason: `Revised date ${formatDate(due)} and no completion recorded by ${asOf}${also(s)}.` };
    return { status: 'overdue', reason: `Due ${formatDate(due)}${assumed} and no completion recorded by ${asOf}${also(s)}.` };
  }
  if (progress.revised) {
    const from = progress.revised.originalDue ?? ts.due;
    const slip = from && revisedDue ? `from ${formatDate(from)} to ${formatDate(revisedDue)}` : `(${progress.revised.text})`;
    return { status: 'at-risk', reason: `Timescale revised ${slip}; not yet complete${also({ ...s, setback: null })}.` };
  }
  // Words that say the work has fallen behind are never on track.
  if (s.setback) {
    const dated = due ? `due ${formatDate(due)}${assumed}, ` : '';
    return { status: 'at-risk', reason: `${upperFirst(s.setback)}; ${dated}not yet complete${also({ ...s, setback: null })}.` };
  }
  if (due) {
    if (due <= addDays(ctx.asOf.date, ctx.dueSoonDays)) {
      return { status: 'at-risk', reason: `Due ${formatDate(due)}${assumed}, within ${ctx.dueSoonDays} days of ${asOf}, and not yet complete${also(s)}.` };
    }
    const missed = passedMilestone(action, ctx.asOf.date);
    if (missed) return { status: 'at-risk', reason: `Milestone ${formatDate(missed)} has passed with no progress update since${also(s)}.` };
    const lapsed = ts.yearly?.length ? lastOccurrence(ts.yearly, ctx.asOf.date) : null;
    if (lapsed && !(progress.lastUpdate && progress.lastUpdate >= lapsed) && (ctx.datedUpdates || !progress.text)) {
      return { status: 'at-risk', reason: `Yearly ("${ts.text}"): ${formatDate(lapsed)} has passed with no update since; next due ${formatDate(due)}${also(s)}.` };
    }
    const planned = ts.start ?? (ts.milestones.length > 1 ? ts.milestones[0] : null);
    if (s.notStarted && planned && planned < ctx.asOf.date) {
      return { status: 'at-risk', reason: `Not started, though work was planned from ${formatDate(planned)}${also(s)}.` };
    }
    if (ts.yearly?.length) return { status: 'on-track', reason: `Yearly ("${ts.text}"): next due ${formatDate(due)}${progress.lastUpdate ? `; updated ${formatDate(progress.lastUpdate)}` : ''}${also(s)}.` };
    return { status: 'on-track', reason: `Due ${formatDate(due)}${assumed}; not yet due as of ${asOf}${also(s)}.` };
  }

  if (ts.kind === 'ongoing' || ts.kind === 'recurring') {
    const kind = ts.kind === 'ongoing' ? 'Ongoing' : `Recurring (${ts.text})`;
    const since = ctx.asOf.previousQuarter;
    if (progress.lastUpdate) {
      if (progress.lastUpdate < since.start) {
        return { status: 'at-risk', reason: `${kind}; last update ${formatDate(progress.lastUpdate)}, nothing since the start of ${since.label}${also(s)}.` };
      }
      return { status: 'on-track', reason: `${kind}; updated ${formatDate(progress.lastUpdate)}${also(s)}.` };
    }
    if (!progress.text) return { status: 'at-risk', reason: `${kind}; no progress recorded${also(s)}.` };
    if (ctx.datedUpdates) return { status: 'at-risk', reason: `${kind}; the progress note has no dated update${also(s)}.` };
    return { status: 'on-track', reason: `${kind}; progress is recorded${also(s)}.` };
  }

  const shown = ts.text ? `Timescale "${ts.text}" gives no date` : 'No timescale given';
  return { status: 'not-assessed', reason: `${shown}, so the action cannot be rated${also(s)}.` };
}

/** The latest milestone before asOf that has no dated update on or after it. */
function passedMilestone(action: Action, asOf: IsoDate): IsoDate | null {
  const { milestones } = action.timescale;
  if (milestones.length < 2) return null;
  const passed = milestones.filter((m) => m < asOf);
  if (!passed.length) return null;
  const last = passed[passed.length - 1];
  const updated = action.progress.lastUpdate;
  // Plans without dated updates cannot tell us anything about milestones.
  if (!action.progress.updates.length) return null;
  return updated && updated >= last ? null : last;
}
