import type { LeadGroup } from '../core/leads';
import type { CheckResult } from '../core/refresh';
import type { Review } from '../core/travel';

/** The quarterly review behind what the pane shows; a check and a refresh both carry it. */

export interface QuarterlyView {
  review: Review;
  leads: LeadGroup[];
  /** Quarters in the workbook's RAG History, oldest first (after a refresh: as it wrote them). */
  recorded: string[];
}

export function quarterlyView(result: CheckResult): QuarterlyView {
  return { review: result.review, leads: result.byLead, recorded: result.history.quarters };
}
