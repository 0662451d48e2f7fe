import type { AsOf } from './as-of';
import { addDays, formatDate, sheetAddress, type IsoDate } from './cells';
import type { Action, Assessment, Finding, Status } from './model';
import { ratingFor, recogniseRating, statusForRating, type Scheme } from './schemes';

/**
 * Rates one action as of a date. The rules follow DESIGN.md's status table; every rating comes
 * with one sentence a chair can read without knowing the rules.
 */

export interface AssessContext {
  /** The as-of date and what follows from it, worked out once per run (asOfFacts). */
  asOf: AsOf;
  dueSoonDays: number;
  scheme: Scheme;
  /** Whether the plan dates its progress updates at all (hasDatedUpdates); if not, an undated note counts as current. */
  datedUpdates: boolean;
}

interface Proposal {
  status: Status;
  reason: string;
}

const COMPLETE_STATUS = /^\s*(complete|completed|done|closed|achieved)\s*\.?\s*$/i;

/** The status BoardPlan proposes for an action, and why. */
export function propose(action: Action, ctx: AssessContext): Proposal {
  const { timescale: ts, progress } = action;
  const asOf = ctx.asOf.shown;

  if (progress.complete || (action.statusText && COMPLETE_STATUS.test(action.statusText))) {
    const when = progress.lastUpdate ? ` (update of ${formatDate(progress.lastUpdate)})` : '';
    return { status: 'complete', reason: `Progress records the action as complete${when}.` };
  }

  // A revised date in the notes replaces the plan's date, but the slip itself is a warning sign.
  const revisedDue = progress.revised?.newDue ?? null;
  const due = revisedDue ?? ts.due;
  const assumed = ts.confidence === 'low' && !revisedDue ? ' (year assumed from the plan period)' : '';

  if (due && due < ctx.asOf.date) {
    if (revisedDue) return { status: 'overdue', reason: `Revised date ${formatDate(due)} and no completion recorded by ${asOf}.` };
    return { status: 'overdue', reason: `Due ${formatDate(due)}${assumed} and no completion recorded by ${asOf}.` };
  }
  if (progress.revised) {
    const from = progress.revised.originalDue ?? ts.due;
    const slip = from && revisedDue ? `from ${formatDate(from)} to ${formatDate(revisedDue)}` : `(${progress.revised.text})`;
    return { status: 'at-risk', reason: `Timescale revised ${slip}; not yet complete.` };
  }
  if (due) {
    if (due <= addDays(ctx.asOf.date, ctx.dueSoonDays)) {
      return { status: 'at-risk', reason: `Due ${formatDate(due)}${assumed}, within ${ctx.dueSoonDays} days of ${asOf}, and not yet complete.` };
    }
    const missed = passedMilestone(action, ctx.asOf.date);
    if (missed) {
      return { status: 'at-risk', reason: `Milestone ${formatDate(missed)} has passed with no progress update since.` };
    }
    if (progress.notStarted && ts.milestones.length > 1 && ts.milestones[0] < ctx.asOf.date) {
      return { status: 'at-risk', reason: `Not started, though work was planned from ${formatDate(ts.milestones[0])}.` };
    }
    return { status: 'on-track', reason: `Due ${formatDate(due)}${assumed}; not yet due as of ${asOf}.` };
  }

  if (ts.kind === 'ongoing' || ts.kind === 'recurring') {
    const kind = ts.kind === 'ongoing' ? 'Ongoing' : `Recurring (${ts.text})`;
    const since = ctx.asOf.previousQuarter;
    if (progress.lastUpdate) {
      if (progress.lastUpdate < since.start) {
        return {
          status: 'at-risk',
          reason: `${kind}; last update ${formatDate(progress.lastUpdate)}, nothing since the start of ${since.label}.`,
        };
      }
      return { status: 'on-track', reason: `${kind}; updated ${formatDate(progress.lastUpdate)}.` };
    }
    if (!progress.text) return { status: 'at-risk', reason: `${kind}; no progress recorded.` };
    if (ctx.datedUpdates) return { status: 'at-risk', reason: `${kind}; the progress note has no dated update.` };
    return { status: 'on-track', reason: `${kind}; progress is recorded.` };
  }

  const shown = ts.text ? `Timescale "${ts.text}" gives no date` : 'No timescale given';
  return { status: 'not-assessed', reason: `${shown}, so the action cannot be rated.` };
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

export interface AssessOutcome {
  assessment: Assessment;
  findings: Finding[];
}

/** The proposed rating, the board's own (if any), the one that counts, and findings where they differ. */
export function assess(action: Action, ctx: AssessContext): AssessOutcome {
  const findings: Finding[] = [];
  return { assessment: assessInto(action, ctx, findings), findings };
}

/** As assess, adding its findings to a run's list. */
export function assessInto(action: Action, ctx: AssessContext, findings: Finding[]): Assessment {
  const proposal = propose(action, ctx);
  const proposed = ratingFor(ctx.scheme, proposal.status);
  let agreed: ReturnType<typeof recogniseRating> = null;

  if (action.agreedRag && action.agreedRag.trim()) {
    agreed = recogniseRating(ctx.scheme, action.agreedRag);
    if (!agreed) {
      const cell = action.cells.rag ?? null;
      findings.push({
        severity: 'warning',
        rule: 'rag-unrecognised',
        sheet: action.sheet,
        cell,
        message: `RAG "${action.agreedRag.trim()}" in ${sheetAddress(action.sheet, cell)} is not a rating of the ${ctx.scheme.name} scheme; write one of ${ctx.scheme.ratings.map((r) => r.label).join(', ')}.`,
      });
    }
  }

  if (!agreed) {
    return { status: proposal.status, proposed: proposed.label, agreed: null, effective: proposed.label, effectiveStatus: proposal.status, reason: proposal.reason };
  }

  let reason = proposal.reason;
  if (agreed.id !== proposed.id) {
    const cell = action.cells.rag ?? null;
    reason = `Agreed ${agreed.label} by the board; BoardPlan proposes ${proposed.label}: ${lowerFirst(proposal.reason)}`;
    findings.push({
      severity: 'info',
      rule: 'rag-disagreement',
      sheet: action.sheet,
      cell,
      message: `${action.ref ? `Action ${action.ref}` : 'An action'} is rated ${agreed.label} in ${sheetAddress(action.sheet, cell)}, but BoardPlan proposes ${proposed.label}: ${lowerFirst(proposal.reason)} Review the rating at the next board meeting.`,
    });
  }
  return {
    status: proposal.status,
    proposed: proposed.label,
    agreed: agreed.label,
    effective: agreed.label,
    effectiveStatus: agreed.id === proposed.id ? proposal.status : statusForRating(ctx.scheme, agreed),
    reason,
  };
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}
