import type { Finding, Rule, Severity } from './model';

/**
 * A finding. Its message is kept as the pieces it was joined from: the messages of one kind often
 * differ only in their cell's address, and a large plan's thousands of them then share one copy of
 * the wording around it rather than holding a copy each.
 */
export function newFinding(severity: Severity, rule: Rule, sheet: string, cell: string | null, message: string): Finding {
  return { severity, rule, sheet, cell, message };
}
