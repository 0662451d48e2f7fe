import { formatDate, sheetAddress } from '../core/cells';
import { clip, oneLine } from '../core/markup';
import { FIELDS, type Severity } from '../core/model';
import { asOfOutsidePeriod, periodText } from '../core/period';
import type { CheckResult, RefreshResult } from '../core/refresh';
import { summaryLine } from '../core/refresh';
import { priorityName } from '../core/units';

/** Plain-text reports for a terminal: what was found, how it was read, how it rates, what to fix. */

const PERIOD_SOURCE = {
  input: 'from --plan-period',
  settings: "from the workbook's BoardPlan settings",
  workbook: "from the workbook's title",
  'as-of': 'the financial year of the as-of date',
} as const;

/** A finding's severity as the counts name it: the JSON's "info" is a note to an officer. */
const SEVERITY_WORDS: Record<Severity, [one: string, many: string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

/** "1 error", "0 errors", "3 notes" */
function counted(n: number, severity: Severity): string {
  return `${n} ${SEVERITY_WORDS[severity][n === 1 ? 0 : 1]}`;
}

/**
 * "Rated as of 6 Dec 2026, after the plan period ended on 31 Mar 2016: use --as-of …", or null.
 * A period worked out from the as-of date always holds it, so only a period the workbook or the
 * officer gave can be missed.
 */
export function asOfWarning(result: CheckResult): string | null {
  // With no plan found there is nothing rated, and the one line that matters says so.
  if (!result.plans.length) return null;
  const outside = asOfOutsidePeriod(result.asOf, result.planPeriod);
  return outside && `${outside}: use --as-of to rate the plan within its period (e.g. --as-of ${result.planPeriod.end}).`;
}

export function formatCheck(result: CheckResult, file: string, command: 'check' | 'refresh' = 'check'): string {
  const lines: string[] = [];
  lines.push(`BoardPlan ${command}: ${file}`);
  lines.push(
    `As of ${formatDate(result.asOf)}; plan period ${periodText(result.planPeriod)} (${PERIOD_SOURCE[result.planPeriodSource]}); scheme ${result.scheme.name}: ${result.scheme.title}`,
  );
  const warning = asOfWarning(result);
  if (warning) lines.push(`Warning: ${warning}`);
  for (const p of result.settingsProblems) lines.push(`Note: ${p}`);

  lines.push('', `Plans found: ${result.plans.length}`);
  for (const { plan, actions } of result.plans) {
    const where = plan.table ? `table ${plan.table} on sheet '${plan.sheet}'` : `sheet '${plan.sheet}'`;
    lines.push('', `${where}: header row ${plan.headerRow}, ${actions.length} action${actions.length === 1 ? '' : 's'}, ${plan.priorities.length} priorit${plan.priorities.length === 1 ? 'y' : 'ies'}`);
    lines.push('  Columns:');
    // Each field's column and why it was chosen, so an officer can see a wrong one and name the right one (--map).
    for (const field of FIELDS) {
      const m = plan.columns[field];
      const why = m?.reason ? ` — ${clip(m.reason, 100)}` : '';
      lines.push(`    ${field.padEnd(10)} ${m ? `${m.letter.padEnd(3)} "${oneLine(m.header)}"${why}` : '(none)'}`);
    }
    const history = plan.progressHistory ?? [];
    if (history.length) lines.push(`    ${'earlier'.padEnd(10)} ${history.map((m) => `${m.letter} "${oneLine(m.header)}"`).join(', ')} (older progress columns)`);
  }

  lines.push('', 'Ratings by priority:');
  lines.push(table(result));
  lines.push('', summaryLine(result));

  const { findings } = result;
  if (!findings.length) {
    lines.push('', 'No findings.');
  } else {
    const count = (s: Severity) => counted(findings.filter((f) => f.severity === s).length, s);
    lines.push('', `Findings (${findings.length}): ${count('error')}, ${count('warning')}, ${count('info')}`);
    for (const f of findings) {
      lines.push(`  ${SEVERITY_WORDS[f.severity][0].padEnd(7)} ${sheetAddress(f.sheet, f.cell).padEnd(22)} ${f.rule.padEnd(22)} ${f.message}`);
    }
  }
  return lines.join('\n');
}

export function formatRefresh(result: RefreshResult, file: string, out: string): string {
  const lines = [formatCheck(result, file, 'refresh'), ''];
  const sheets = result.patch.sheets.filter((s) => s.visibility === 'visible').map((s) => s.name);
  lines.push(`Wrote ${out}`);
  lines.push(`  RAG columns and colours on ${result.plans.length} plan${result.plans.length === 1 ? '' : 's'}; sheets: ${sheets.join(', ') || '(none)'}`);
  if (result.recordedQuarter) {
    const replaced = result.replacedQuarter ? `, replacing the ratings recorded for ${result.recordedQuarter} before` : '';
    lines.push(`  Recorded the ratings as ${result.recordedQuarter} in '${result.history.sheet}'${replaced}.`);
  }
  for (const n of result.notices) lines.push(`  Note: ${n}`);
  return lines.join('\n');
}

function table(result: CheckResult): string {
  const labels = result.scheme.ratings.map((r) => r.label);
  const rows = result.byPriority.map((p) => [
    clip(priorityName(p.priority, oneLine(p.title)), 48),
    String(p.total),
    ...p.ratings.map((r) => String(r.count)),
  ]);
  rows.push(['Total', String(result.actionCount), ...result.totals.map((t) => String(t.count))]);
  const head = ['Priority', 'Total', ...labels];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), ...rows.map(fmt)].join('\n');
}
