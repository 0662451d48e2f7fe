import { addDays, formatDate, sheetAddress, type IsoDate } from './cells';
import { newFinding } from './finding';
import type { Action, Assessment, Finding, Status } from './model';
import { previousQuarter, quarterOf, type Quarter } from './quarters';
import { ratingFor, recogniseRating, statusForRating, type Scheme } from './schemes';

/**
 * Rates one action as of a date. The rules follow DESIGN.md's status table; every rating comes
 * with one sentence a chair can read without knowing the rules.
 */

export interface AssessContext {
  asOf: IsoDate;
  dueSoonDays: number;
  scheme: Scheme;
  /** Whether the plan dates its progress updates at all; if not, an undated note counts as current. */
  datedUpdates: boolean;
}

interface Proposal {
  readonly status: Status;
  readonly reason: string;
}

const COMPLETE_STATUS = /^\s*(complete|completed|done|closed|achieved)\s*\.?\s*$/i;

interface AsOfFacts {
  /** "31 Mar 2016" */
  shown: string;
  /** Days in the due-soon window. */
  dueSoonDays: number;
  /** Last day of the due-soon window. */
  soon: IsoDate;
  /** The quarter before the as-of date's. */
  since: Quarter;
  /** The proposals that follow from a due date alone, by date; see datedProposal. */
  dated: Map<IsoDate, Proposal>[];
}

/** Every action of a run is rated as of the same date: what follows from it is worked out once. */
let lastFacts: { asOf: IsoDate; facts: AsOfFacts } | null = null;

function asOfFacts(asOf: IsoDate, dueSoonDays: number): AsOfFacts {
  if (lastFacts?.asOf !== asOf || lastFacts.facts.dueSoonDays !== dueSoonDays) {
    const facts = {
      shown: formatDate(asOf),
      dueSoonDays,
      soon: addDays(asOf, dueSoonDays),
      since: previousQuarter(quarterOf(asOf)),
      dated: Array.from({ length: 6 }, () => new Map<IsoDate, Proposal>()),
    };
    lastFacts = { asOf, facts };
  }
  return lastFacts.facts;
}

/**
 * A plan of thousands of actions has a few dozen distinct reasons: each sentence is kept once and
 * shared, so a large result holds a few dozen strings instead of thousands of pieced-together ones.
 */
const reasons = new Map<string, string>();

function sharedReason(reason: string): string {
  const known = reasons.get(reason);
  if (known !== undefined) return known;
  if (reasons.size >= 10_000) reasons.clear();
  reasons.set(reason, reason);
  return reason;
}

/** The kinds of sentence datedProposal writes. */
const OVERDUE = 0;
const DUE_SOON = 1;
const NOT_YET_DUE = 2;
type Dated = typeof OVERDUE | typeof DUE_SOON | typeof NOT_YET_DUE;

/**
 * One of the proposals that follow from a due date alone. Most actions of a plan get one, and a
 * plan has a few dozen due dates: each is written once per date and as-of date, then shared.
 */
function datedProposal(kind: Dated, due: IsoDate, guessed: boolean, facts: AsOfFacts): Proposal {
  // One map for each kind, with and without an assumed year.
  const byDate = facts.dated[kind * 2 + (guessed ? 1 : 0)];
  let proposal = byDate.get(due);
  if (proposal === undefined) {
    const assumed = guessed ? ' (year assumed from the plan period)' : '';
    let reason: string;
    if (kind === OVERDUE) reason = `Due ${formatDate(due)}${assumed} and no completion recorded by ${facts.shown}.`;
    else if (kind === DUE_SOON) reason = `Due ${formatDate(due)}${assumed}, within ${facts.dueSoonDays} days of ${facts.shown}, and not yet complete.`;
    else reason = `Due ${formatDate(due)}${assumed}; not yet due as of ${facts.shown}.`;
    proposal = { status: kind === OVERDUE ? 'overdue' : kind === DUE_SOON ? 'at-risk' : 'on-track', reason: sharedReason(reason) };
    // A task pane kept open for months sees new dates now and then: keep the maps small all the same.
    if (byDate.size >= 10_000) byDate.clear();
    byDate.set(due, proposal);
  }
  return proposal;
}

/** The status BoardPlan proposes for an action, and why; the reason is shared by the actions given the same one. */
export function propose(action: Action, ctx: AssessContext): Proposal {
  const proposal = proposeOnce(action, ctx);
  const reason = sharedReason(proposal.reason);
  return reason === proposal.reason ? proposal : { status: proposal.status, reason };
}

function proposeOnce(action: Action, ctx: AssessContext): Proposal {
  const { timescale: ts, progress } = action;
  const facts = asOfFacts(ctx.asOf, ctx.dueSoonDays);
  const asOf = facts.shown;

  if (progress.complete || (action.statusText && COMPLETE_STATUS.test(action.statusText))) {
    const when = progress.lastUpdate ? ` (update of ${formatDate(progress.lastUpdate)})` : '';
    return { status: 'complete', reason: `Progress records the action as complete${when}.` };
  }

  // A revised date in the notes replaces the plan's date, but the slip itself is a warning sign.
  const revisedDue = progress.revised?.newDue ?? null;
  const due = revisedDue ?? ts.due;
  const guessed = ts.confidence === 'low' && !revisedDue;

  if (due && due < ctx.asOf) {
    if (!revisedDue) return datedProposal(OVERDUE, due, guessed, facts);
    return { status: 'overdue', reason: `Revised date ${formatDate(due)} and no completion recorded by ${asOf}.` };
  }
  if (progress.revised) {
    const from = progress.revised.originalDue ?? ts.due;
    const slip = from && revisedDue ? `from ${formatDate(from)} to ${formatDate(revisedDue)}` : `(${progress.revised.text})`;
    return { status: 'at-risk', reason: `Timescale revised ${slip}; not yet complete.` };
  }
  if (due) {
    if (due <= facts.soon) return datedProposal(DUE_SOON, due, guessed, facts);
    const missed = passedMilestone(action, ctx.asOf);
    if (missed) {
      return { status: 'at-risk', reason: `Milestone ${formatDate(missed)} has passed with no progress update since.` };
    }
    if (progress.notStarted && ts.milestones.length > 1 && ts.milestones[0] < ctx.asOf) {
      return { status: 'at-risk', reason: `Not started, though work was planned from ${formatDate(ts.milestones[0])}.` };
    }
    return datedProposal(NOT_YET_DUE, due, guessed, facts);
  }

  if (ts.kind === 'ongoing' || ts.kind === 'recurring') {
    const kind = ts.kind === 'ongoing' ? 'Ongoing' : `Recurring (${ts.text})`;
    const { since } = facts;
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
      findings.push(
        newFinding(
          'warning',
          'rag-unrecognised',
          action.sheet,
          cell,
          `RAG "${action.agreedRag.trim()}" in ${sheetAddress(action.sheet, cell)} is not a rating of the ${ctx.scheme.name} scheme; write one of ${ctx.scheme.ratings.map((r) => r.label).join(', ')}.`,
        ),
      );
    }
  }

  if (!agreed) return unagreed(ctx.scheme, proposal, proposed.label);

  let reason = proposal.reason;
  if (agreed.id !== proposed.id) {
    const cell = action.cells.rag ?? null;
    reason = sharedReason(`Agreed ${agreed.label} by the board; BoardPlan proposes ${proposed.label}: ${lowerFirst(proposal.reason)}`);
    findings.push(
      newFinding(
        'info',
        'rag-disagreement',
        action.sheet,
        cell,
        `${action.ref ? `Action ${action.ref}` : 'An action'} is rated ${agreed.label} in ${sheetAddress(action.sheet, cell)}, but BoardPlan proposes ${proposed.label}: ${lowerFirst(proposal.reason)} Review the rating at the next board meeting.`,
      ),
    );
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

/**
 * An action the board has not rated by hand is assessed by its status and reason alone. A plan of
 * thousands of actions has a few dozen of these assessments: each is made once (per scheme) and
 * shared by the actions it fits, as their reasons are. Assessments are never changed once made.
 */
let shared: { scheme: Scheme; byReason: Map<string, Assessment> } | null = null;

function unagreed(scheme: Scheme, proposal: Proposal, label: string): Assessment {
  if (shared?.scheme !== scheme || shared.byReason.size >= 10_000) shared = { scheme, byReason: new Map() };
  const known = shared.byReason.get(proposal.reason);
  if (known && known.status === proposal.status) return known;
  const assessment: Assessment = { status: proposal.status, proposed: label, agreed: null, effective: label, effectiveStatus: proposal.status, reason: proposal.reason };
  if (!known) shared.byReason.set(proposal.reason, assessment);
  return assessment;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}
