import type { LeadGroup } from '../core/leads';
import { quarterlyReview, type CheckResult, type QuarterlyReview } from '../core/refresh';
import type { WorkbookSnapshot } from '../core/snapshot';
import type { Review } from '../core/travel';

/** The quarterly review behind what the pane shows: a refresh carries it; for a check it is worked out here. */

export interface QuarterlyView {
  review: Review;
  leads: LeadGroup[];
  /** Quarters in the workbook's RAG History, oldest first (after a refresh: as it wrote them). */
  recorded: string[];
}

export function quarterlyView(snapshot: WorkbookSnapshot, result: CheckResult | (CheckResult & QuarterlyReview)): QuarterlyView {
  const q = 'review' in result ? result : quarterlyReview(snapshot, result);
  return { review: q.review, leads: q.byLead, recorded: q.history.quarters };
}
