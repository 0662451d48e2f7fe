import { formatDate, sheetAddress } from '../core/cells';
import { clip, oneLine } from '../core/markup';
import { FIELDS } from '../core/model';
import type { CheckResult, RefreshResult } from '../core/refresh';
import { summaryLine } from '../core/refresh';

/** Plain-text reports for a terminal: what was found, how it was read, how it rates, what to fix. */

const PERIOD_SOURCE = {
  input: 'from --plan-period',
  settings: "from the workbook's BoardPlan settings",
  workbook: "from the workbook's title",
  'as-of': 'the financial year of the as-of date',
} as const;

export function formatCheck(result: CheckResult, file: string): string {
  const lines: string[] = [];
  lines.push(`BoardPlan check: ${file}`);
  lines.push(
    `As of ${formatDate(result.asOf)}; plan period ${formatDate(result.planPeriod.start)} to ${formatDate(result.planPeriod.end)} (${PERIOD_SOURCE[result.planPeriodSource]}); scheme ${result.scheme.name}: ${result.scheme.title}`,
  );
  for (const p of result.settingsProblems) lines.push(`Note: ${p}`);

  lines.push('', `Plans found: ${result.plans.length}`);
  for (const { plan, actions } of result.plans) {
    const where = plan.table ? `table ${plan.table} on sheet '${plan.sheet}'` : `sheet '${plan.sheet}'`;
    lines.push('', `${where}: header row ${plan.headerRow}, ${actions.length} action${actions.length === 1 ? '' : 's'}, ${plan.priorities.length} priorit${plan.priorities.length === 1 ? 'y' : 'ies'}`);
    lines.push('  Columns:');
    for (const field of FIELDS) {
      const m = plan.columns[field];
      lines.push(`    ${field.padEnd(10)} ${m ? `${m.letter.padEnd(3)} "${oneLine(m.header)}"` : '(none)'}`);
    }
  }

  lines.push('', 'Ratings by priority:');
  lines.push(table(result));
  lines.push('', summaryLine(result));

  const { findings } = result;
  if (!findings.length) {
    lines.push('', 'No findings.');
  } else {
    const count = (s: string) => findings.filter((f) => f.severity === s).length;
    lines.push('', `Findings (${findings.length}): ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`);
    for (const f of findings) {
      lines.push(`  ${f.severity.padEnd(7)} ${sheetAddress(f.sheet, f.cell).padEnd(22)} ${f.rule.padEnd(22)} ${f.message}`);
    }
  }
  return lines.join('\n');
}

export function formatRefresh(result: RefreshResult, file: string, out: string): string {
  const lines = [formatCheck(result, file), ''];
  const sheets = result.patch.sheets.filter((s) => s.visibility === 'visible').map((s) => s.name);
  lines.push(`Wrote ${out}`);
  lines.push(`  RAG columns and colours on ${result.plans.length} plan${result.plans.length === 1 ? '' : 's'}; sheets: ${sheets.join(', ') || '(none)'}`);
  if (result.recordedQuarter) lines.push(`  Recorded the ratings as ${result.recordedQuarter} in '${result.history.sheet}'.`);
  for (const n of result.notices) lines.push(`  Note: ${n}`);
  return lines.join('\n');
}

function table(result: CheckResult): string {
  const labels = result.scheme.ratings.map((r) => r.label);
  const rows = result.byPriority.map((p) => [
    clip(priorityLabel(p), 48),
    String(p.total),
    ...p.ratings.map((r) => String(r.count)),
  ]);
  rows.push(['Total', String(result.actionCount), ...result.totals.map((t) => String(t.count))]);
  const head = ['Priority', 'Total', ...labels];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), ...rows.map(fmt)].join('\n');
}

/** "2a Self-neglect", or the title alone when it already names the priority ("Priority 2a: …"). */
function priorityLabel(p: CheckResult['byPriority'][number]): string {
  const title = oneLine(p.title);
  if (!p.priority || /priority/i.test(title) || title.startsWith(p.priority)) return title;
  return `${p.priority} ${title}`;
}
