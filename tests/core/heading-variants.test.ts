import fc from 'fast-check';
import { isKnownHeading } from '../../src/core/columns';
import { check } from '../../src/core/refresh';
import { toReport, type CheckReport } from '../../src/core/report';
import { allShapes } from '../fixtures/plans';
import { fixtureSnapshot } from '../fixtures/workbook';

/**
 * Boards type their headings every which way: "WHO WILL LEAD?", "Timescale:", "Outcome /
 * Evidence Measure" over two lines. However a plan in each seed's shape writes them, the same
 * columns are found and the same actions read.
 */

const rewrites: ((heading: string) => string)[] = [
  (t) => t.toUpperCase(),
  (t) => t.toLowerCase(),
  (t) => ` ${t}  `,
  (t) => t.replace(/ /g, '\n'),
  (t) => t.replace(/ /g, '  '),
  (t) => t.replace(/ /g, '\u00a0'),
  (t) => `${t}:`,
  (t) => `${t}.`,
  (t) => t.replace(/\//g, ' / '),
];

/** The report less the header texts and the wording of findings, which quote what the cells say. */
function whatWasRead(report: CheckReport) {
  return {
    ...report,
    plans: report.plans.map((p) => ({
      ...p,
      columns: Object.fromEntries(Object.entries(p.columns).map(([f, m]) => [f, Array.isArray(m) ? m.map((h) => h.column) : (m?.column ?? null)])),
    })),
    issues: report.issues.map((f) => [f.rule, f.sheet, f.cell]),
  };
}

test.each(allShapes.map((fx) => [fx.name, fx] as const))('%s: its headings written differently map the same columns', (_name, fx) => {
  const snapshot = fixtureSnapshot(fx);
  const before = toReport(check(snapshot, { today: '2016-03-31' }), fx.name);
  const headerRows = new Set(before.plans.map((p) => `${p.sheet}!${p.headerRow}`));
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...rewrites), { minLength: 1, maxLength: 20 }), (chosen) => {
      const rewritten = structuredClone(snapshot);
      let n = 0;
      for (const sheet of rewritten.sheets) {
        sheet.values.forEach((row, r) => {
          if (!headerRows.has(`${sheet.name}!${sheet.top + r}`)) return;
          row.forEach((v, c) => {
            if (typeof v === 'string' && isKnownHeading(v)) row[c] = chosen[n++ % chosen.length](v);
          });
        });
      }
      expect(n).toBeGreaterThan(0);
      expect(whatWasRead(toReport(check(rewritten, { today: '2016-03-31' }), fx.name))).toEqual(whatWasRead(before));
    }),
    { numRuns: 100 },
  );
});
