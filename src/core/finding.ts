import type { Finding, Rule, Severity } from './model';

/**
 * A finding. Its message is kept as the pieces it was joined from: findings of one kind share all
 * but their cell's address ("Timescale "Dec 15" in " … " names 31 Dec 2015, outside …"), so a large
 * plan's thousands of messages hold one copy of each wording rather than a copy each.
 */
export function newFinding(severity: Severity, rule: Rule, sheet: string, cell: string | null, message: string): Finding {
  return { severity, rule, sheet, cell, message };
}
