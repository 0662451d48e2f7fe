import { RULES, type Finding, type Rule, type Severity } from '../core/model';

export interface RuleGroup {
  rule: Rule;
  findings: Finding[];
}

export interface SeverityGroup {
  severity: Severity;
  count: number;
  rules: RuleGroup[];
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** Findings by severity (errors first), then by rule in the engine's rule order; findings keep their reading order. */
export function groupFindings(findings: Finding[]): SeverityGroup[] {
  const groups: SeverityGroup[] = [];
  for (const severity of SEVERITIES) {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    if (!ofSeverity.length) continue;
    const rules = RULES.map((rule) => ({ rule, findings: ofSeverity.filter((f) => f.rule === rule) })).filter((g) => g.findings.length > 0);
    groups.push({ severity, count: ofSeverity.length, rules });
  }
  return groups;
}
