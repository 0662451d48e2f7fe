import type { AssessedPlan } from '../core/model';

/** An action whose effective rating changed between two refreshes in this session. */
export interface RatingChange {
  /** "2.1", or "Plan row 14" when the action has no ref. */
  name: string;
  from: string;
  to: string;
  sheet: string;
  /** Cell to select: the action's ref cell, else its action cell, else column A of its row. */
  cell: string;
}

function key(planId: string, a: AssessedPlan['actions'][number]['action']): string {
  return `${planId}|${a.ref ?? `row ${a.row}`}`;
}

export function ratingChanges(before: AssessedPlan[], after: AssessedPlan[]): RatingChange[] {
  const previous = new Map<string, string>();
  for (const p of before) for (const { action, assessment } of p.actions) previous.set(key(p.plan.id, action), assessment.effective);
  const changes: RatingChange[] = [];
  for (const p of after) {
    for (const { action, assessment } of p.actions) {
      const from = previous.get(key(p.plan.id, action));
      if (from === undefined || from === assessment.effective) continue;
      changes.push({
        name: action.ref ?? `${action.sheet} row ${action.row}`,
        from,
        to: assessment.effective,
        sheet: action.sheet,
        cell: action.cells.ref ?? action.cells.action ?? `A${action.row}`,
      });
    }
  }
  return changes;
}
