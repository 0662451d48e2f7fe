import type { AsOf } from './as-of';
import { boardRatings, type BoardContext, type BoardRating } from './board-rating';
import { sheetAddress } from './cells';
import { clip, oneLine } from './markup';
import type { Action, Assessment, Finding } from './model';
import { propose as proposeFor } from './propose';
import type { BoardKey } from './ragkey';
import { ratingFor, statusForRating, type Rating, type Scheme } from './schemes';

/**
 * Rates one action as of a date: the status BoardPlan proposes (propose.ts), the board's own rating
 * or status if the plan has one (board-rating.ts), the one that counts, and a finding where they
 * differ. Every rating comes with one sentence a chair can read without knowing the rules.
 */

export interface AssessContext {
  /** The as-of date and what follows from it, worked out once per run (asOfFacts). */
  asOf: AsOf;
  dueSoonDays: number;
  scheme: Scheme;
  /** Whether the plan dates its progress updates at all (hasDatedUpdates); if not, an undated note counts as current. */
  datedUpdates: boolean;
  /** The key printed with the plan (ragkey.ts), which says what its status codes mean. */
  key?: BoardKey | null;
  /** The headings of the plan's RAG and status columns ("Done?" says what a "Yes" means). */
  headings?: BoardContext['headings'];
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

const STATUS_EXAMPLES = 'Complete, On track, Behind schedule, Not started or 75%';

/** As assess, adding its findings to a run's list. */
export function assessInto(action: Action, ctx: AssessContext, findings: Finding[]): Assessment {
  const { scheme } = ctx;
  const board = boardRatings(action, { scheme, key: ctx.key ?? null, headings: ctx.headings });
  const proposal = proposeFor(action, ctx, board.ratings);
  const proposed = ratingFor(scheme, proposal.status);

  for (const { field, text: written, cell } of board.unread) {
    const what = field === 'rag' ? 'RAG' : 'Status';
    const text = clip(oneLine(written), 60);
    findings.push({
      severity: 'warning',
      rule: 'rag-unrecognised',
      sheet: action.sheet,
      cell,
      message: `${what} "${text}" in ${sheetAddress(action.sheet, cell)} is neither a rating of the ${scheme.name} scheme nor a status BoardPlan knows; write one of ${scheme.ratings.map((r) => r.label).join(', ')}, or a status such as ${STATUS_EXAMPLES}, or print a key above the plan that says what "${text}" means.`,
    });
  }

  // The RAG cell's rating first, else the status cell's: the board's word on the action.
  const own = board.ratings.find((r) => r.rating);
  const agreed = own?.rating ?? null;
  if (!agreed) {
    return { status: proposal.status, proposed: proposed.label, agreed: null, effective: proposed.label, effectiveStatus: proposal.status, reason: proposal.reason };
  }

  let reason = proposal.reason;
  if (agreed.id !== proposed.id) {
    const cell = own!.cell;
    const words = wordsOf(own!, agreed);
    reason = `Agreed ${agreed.label}${words} by the board; BoardPlan proposes ${proposed.label}: ${lowerFirst(proposal.reason)}`;
    findings.push({
      severity: 'info',
      rule: 'rag-disagreement',
      sheet: action.sheet,
      cell,
      message: `${action.ref ? `Action ${action.ref}` : 'An action'} is rated ${agreed.label}${words} in ${sheetAddress(action.sheet, cell)}, but BoardPlan proposes ${proposed.label}: ${lowerFirst(proposal.reason)} Review the rating at the next board meeting.`,
    });
  }
  return {
    status: proposal.status,
    proposed: proposed.label,
    agreed: agreed.label,
    effective: agreed.label,
    effectiveStatus: agreed.id === proposed.id ? proposal.status : statusForRating(scheme, agreed),
    reason,
  };
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The board's own words, when they are not simply the rating's name: ` ("Behind schedule")`, ` ("1": Fully achieved)`. */
function wordsOf(own: BoardRating, rating: Rating): string {
  if ([rating.label, ...rating.aliases].some((w) => norm(w) === norm(own.text))) return '';
  return own.meaning ? ` ("${own.text}": ${own.meaning})` : ` ("${own.text}")`;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}
