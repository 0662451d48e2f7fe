import { readHistory } from '../core/history';
import { byLead, type LeadGroup } from '../core/leads';
import type { CheckResult, RefreshResult } from '../core/refresh';
import type { WorkbookSnapshot } from '../core/snapshot';
import { reviewPlans, type Review } from '../core/travel';

/**
 * The quarterly review behind what the pane shows: a refresh brings its own; for a check (nothing
 * written) the same review is worked out from the plans and the history already in the workbook,
 * so an officer can see who needs to update before anything is written.
 */

export interface QuarterlyView {
  review: Review;
  leads: LeadGroup[];
  /** Quarters in the workbook's RAG History, oldest first (after a refresh: as it wrote them). */
  recorded: string[];
}

export function quarterlyView(result: CheckResult | RefreshResult, snapshot: WorkbookSnapshot | null): QuarterlyView {
  if ('review' in result) return { review: result.review, leads: result.byLead, recorded: result.history.quarters };
  const history = snapshot ? readHistory(snapshot, result.ownedSheets) : null;
  const review = reviewPlans(result.plans, history, { asOf: result.asOf, scheme: result.scheme });
  return { review, leads: byLead(result.plans, review), recorded: history?.quarters ?? [] };
}
