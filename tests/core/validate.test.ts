import { parseA1 } from '../../src/core/cells';
import type { Finding, PlanPeriod, Rule } from '../../src/core/model';
import { planPeriodFromWorkbook } from '../../src/core/period';
import { readPlans } from '../../src/core/plan';
import { validate } from '../../src/core/validate';
import { allShapes } from '../fixtures/plans';
import { fixtureSnapshot, type FixtureCell, type FixtureWorkbook } from '../fixtures/workbook';

const FY15: PlanPeriod = { start: '2015-04-01', end: '2016-03-31' };

function check(fx: FixtureWorkbook, asOf: string, period?: PlanPeriod): Finding[] {
  const snapshot = fixtureSnapshot(fx);
  const planPeriod = period ?? planPeriodFromWorkbook(snapshot)!;
  return validate(readPlans(snapshot, { planPeriod }).plans, { planPeriod, asOf });
}

/** A plan on one sheet, "Plan", from A1: Ref, Action, Lead, Timescale, Progress, Outcome (A–F). */
const HEADER = ['Ref', 'Action', 'Lead', 'Timescale', 'Progress', 'Outcome'];
const planOf = (...rows: FixtureCell[][]): FixtureWorkbook => ({ name: 'plan.xlsx', sheets: [{ name: 'Plan', rows: [HEADER, ...rows] }] });
/** An action row: ref, action, lead, timescale, progress, with an outcome. */
const act = (ref: string | null, lead: FixtureCell, timescale: FixtureCell, progress: FixtureCell = null, action = `Review item ${ref ?? ''}`): FixtureCell[] => [
  ref,
  action,
  lead,
  timescale,
  progress,
  'Agreed by the Board',
];
const findingsOf = (asOf: string, ...rows: FixtureCell[][]) => check(planOf(...rows), asOf, FY15);

const where = (findings: Finding[], rule: Rule) => findings.filter((f) => f.rule === rule).map((f) => `${f.sheet}!${f.cell}`);
const one = (findings: Finding[], rule: Rule, cell: string) => {
  const hits = findings.filter((f) => f.rule === rule && f.cell === cell);
  expect(hits).toHaveLength(1);
  return hits[0];
};

describe('numbering', () => {
  test('a duplicate ref is reported at the second occurrence, naming the first; "3a. 1" and "3a.1" are the same ref', () => {
    const findings = findingsOf('2015-06-30', act('1.2', 'Chair', 'Mar 2016'), act('1.2', 'Chair', 'Mar 2016'), act('1.3a', 'Chair', 'Mar 2016'), act('3a. 1', 'Chair', 'Mar 2016'), act('3a.1', 'Chair', 'Mar 2016'));
    expect(where(findings, 'duplicate-ref')).toEqual(['Plan!A3', 'Plan!A6']);
    expect(one(findings, 'duplicate-ref', 'A3').message).toBe(`Ref "1.2" in 'Plan'!A3 is also used in 'Plan'!A2. Give each action its own ref so the board can tell them apart.`);
    expect(one(findings, 'duplicate-ref', 'A6').message).toContain("'Plan'!A5");
  });

  test('a ref numbered for another priority than the section it sits under is reported', () => {
    const findings = findingsOf('2015-06-30', [null, 'Priority 3b: Care homes'], act('3b.1', 'Chair', 'Mar 2016'), act('3a.1', 'Chair', 'Mar 2016'));
    expect(where(findings, 'ref-priority-mismatch')).toEqual(['Plan!A4']);
    expect(one(findings, 'ref-priority-mismatch', 'A4').message).toBe(
      `Ref "3a.1" in 'Plan'!A4 is numbered for priority 3a but sits under priority 3b. Move the row under priority 3a or correct its ref.`,
    );
  });

  test('item numbers that restart under each priority are neither duplicates nor numbered for a priority', () => {
    const findings = findingsOf('2015-06-30', ['Key Priority 1'], act('1', 'Chair', 'Mar 2016'), act('2', 'Chair', 'Mar 2016'), ['Key Priority 2'], act('1', 'Chair', 'Mar 2016'), act('2', 'Chair', 'Mar 2016'));
    expect(where(findings, 'duplicate-ref')).toEqual([]);
    expect(where(findings, 'ref-priority-mismatch')).toEqual([]);
  });
});

describe('blanks and placeholders', () => {
  test('blank timescales and leads are warnings that say what to do', () => {
    const findings = findingsOf('2015-06-30', act('1', 'Chair', null), act('2', null, 'Mar 2016'));
    expect(where(findings, 'blank-cell')).toEqual(['Plan!D2', 'Plan!C3']);
    expect(one(findings, 'blank-cell', 'D2').message).toBe(
      `The timescale in 'Plan'!D2 is blank, so the action cannot be rated. Write when it is due (e.g. "Jun 2016"), or "Ongoing".`,
    );
    expect(one(findings, 'blank-cell', 'C3').message).toContain('Name the person, group or agency');
  });

  test('a lead ending in "?", "TBA", and "???" or "TBC" as a timescale are placeholders, not unknown timescales', () => {
    const findings = findingsOf('2015-06-30', act('1', 'EXEC?', 'Mar 2016'), act('2', 'TBA', 'Mar 2016'), act('3', 'Chair', '???'), act('4', 'Chair', 'TBC'));
    expect(where(findings, 'placeholder')).toEqual(['Plan!C2', 'Plan!C3', 'Plan!D4', 'Plan!D5']);
    expect(one(findings, 'placeholder', 'C2')).toMatchObject({ severity: 'warning', message: expect.stringContaining('Lead "EXEC?"') });
    expect(where(findings, 'timescale-unknown')).toEqual([]);
  });

  test('text that looks like a formula or a phone number is neither an error nor a placeholder', () => {
    const findings = findingsOf('2015-06-30', act('1', '+44 1632 960123 (duty desk)', 'Mar 2016', null, '=Review the front door'));
    expect(where(findings, 'excel-error')).toEqual([]);
    expect(where(findings, 'placeholder')).toEqual([]);
  });

  test('an Excel error is an error finding', () => {
    const findings = findingsOf('2015-06-30', act('1', '#REF!', 'Mar 2016'));
    expect(where(findings, 'excel-error')).toEqual(['Plan!C2']);
    expect(one(findings, 'excel-error', 'C2')).toMatchObject({ severity: 'error', message: expect.stringContaining('#REF!') });
  });
});

describe('timescales', () => {
  test('a timescale that names no date', () => {
    const findings = findingsOf('2015-06-30', act('1', 'Chair', 'At a date jointly agreed'));
    expect(one(findings, 'timescale-unknown', 'D2')).toMatchObject({
      severity: 'warning',
      message: `Timescale "At a date jointly agreed" in 'Plan'!D2 is not a date. Write a month and year (e.g. "Jun 2016") or a date (e.g. "30/06/2016").`,
    });
  });

  test('dates outside the plan period, and ongoing work that starts after it', () => {
    const findings = findingsOf('2015-06-30', act('1', 'Chair', '17.2.10'), act('2', 'Chair', 'From 01.04.16'), act('3', 'Chair', 'Mar 2016'), act('4', 'Chair', 'April 2015 onwards'));
    expect(where(findings, 'date-outside-period')).toEqual(['Plan!D2', 'Plan!D3']);
    expect(one(findings, 'date-outside-period', 'D2').message).toBe(
      `Timescale "17.2.10" in 'Plan'!D2 names 17 Feb 2010, outside the plan period (1 Apr 2015 to 31 Mar 2016). Check the date, or move the action to the plan for that year.`,
    );
  });
});

describe('stale progress notes', () => {
  test('in a plan that dates its updates: an undated or old note on an action due this quarter, or ongoing, is stale', () => {
    const findings = findingsOf(
      '2016-03-31',
      act('1', 'Chair', 'Mar 2016', 'Draft written'),
      act('2', 'Chair', 'Ongoing', 'Update Jun 15: meeting set up'),
      act('3', 'Chair', 'Mar 2016', 'Update Feb 16: on track'),
      act('4', 'Chair', 'Jun 2016', null),
      act('5', 'Chair', 'Mar 2016', 'Complete'),
    );
    expect(where(findings, 'stale-update')).toEqual(['Plan!E2', 'Plan!E3']);
    expect(one(findings, 'stale-update', 'E3').message).toBe(
      `The progress note in 'Plan'!E3 has no update since 1 Oct 2015 (the last is dated 30 Jun 2015). Add an update headed with its date, e.g. "Update Mar 16: …".`,
    );
  });

  test('in a plan that dates no updates, a note that says something counts as current; a blank one is stale', () => {
    const findings = findingsOf('2016-03-31', act('1', 'Chair', 'Mar 2016', 'Draft written'), act('2', 'Chair', 'Ongoing', null));
    expect(where(findings, 'stale-update')).toEqual(['Plan!E3']);
    expect(one(findings, 'stale-update', 'E3').message).toContain('since 1 Oct 2015 (none is dated)');
  });

  test('early in the year only what is due by the end of the current quarter is stale', () => {
    const findings = findingsOf('2015-07-15', act('1', 'Chair', 'Sep 2015'), act('2', 'Chair', 'Oct 2015'), act('3', 'Chair', 'Mar 2016'));
    expect(where(findings, 'stale-update')).toEqual(['Plan!E2']);
  });

  test('a plan without a progress column gets none', () => {
    const fx: FixtureWorkbook = { name: 'x.xlsx', sheets: [{ name: 'Plan', rows: [['Ref', 'Action', 'Lead', 'Timescale'], ['1', 'A', 'Chair', 'Mar 2016']] }] };
    expect(where(check(fx, '2016-03-31', FY15), 'stale-update')).toEqual([]);
  });
});

describe('markup', () => {
  test('is reported once per column, at its first cell', () => {
    const findings = findingsOf(
      '2015-06-30',
      act('1', 'Chair', 'Mar 2016', '<b>Update Jun 15</b> : started'),
      act('2', 'Chair', 'Mar 2016', '<p>Not due</p>'),
      act('3', 'Chair', 'Mar 2016', '<p>Not due</p>', '<b>NEW</b> Review'),
    );
    expect(where(findings, 'markup')).toEqual(['Plan!E2', 'Plan!B4']);
    expect(one(findings, 'markup', 'E2')).toMatchObject({ severity: 'info', message: expect.stringContaining('and 2 more progress cells') });
  });
});

describe('refs in the action text', () => {
  test('are checked in the action cell', () => {
    const fx: FixtureWorkbook = {
      name: 'x.xlsx',
      sheets: [{ name: 'Tasks', rows: [['Strategic Priority (4) Workforce'], ['TASKS', 'LEAD RESPONSIBILITY', 'Timescale', 'Progress'], ['4.1 Train', 'TM', '21.3.11', null], ['4.1 Evaluate', 'TM', '21.3.11', null], ['5.2 Publish', 'TM', '21.3.11', null]] }],
    };
    const f = check(fx, '2011-01-10', { start: '2010-10-01', end: '2011-03-31' });
    expect(where(f, 'duplicate-ref')).toEqual(['Tasks!A4']);
    expect(where(f, 'ref-priority-mismatch')).toEqual(['Tasks!A5']);
  });
});

test('every finding names its sheet and cell, and findings are in sheet, row, column order', () => {
  for (const fx of allShapes) {
    const snapshot = fixtureSnapshot(fx);
    const planPeriod = planPeriodFromWorkbook(snapshot)!;
    const { plans } = readPlans(snapshot, { planPeriod });
    const findings = validate(plans, { planPeriod, asOf: planPeriod.end });
    const sheets = [...new Set(plans.map((p) => p.sheet))];
    const keys = findings.map((f) => {
      const p = parseA1(f.cell ?? '')!;
      expect(p).not.toBeNull();
      expect(f.message).toContain(`'${f.sheet}'!${f.cell}`);
      return [sheets.indexOf(f.sheet), p.row, p.col];
    });
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    expect(keys).toEqual(sorted);
  }
});

test('Excel error values of every kind are caught in any field', () => {
  const errors = ['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!'];
  const fx: FixtureWorkbook = {
    name: 'x.xlsx',
    sheets: [{ name: 'Plan', rows: [['Ref', 'Action', 'Lead', 'Timescale', 'Progress'], ...errors.map((e, i) => [String(i + 1), `Action ${i + 1}`, 'Chair', 'Jun 2015', e])] }],
  };
  const findings = check(fx, '2015-05-01', { start: '2015-04-01', end: '2016-03-31' });
  expect(where(findings, 'excel-error')).toEqual(errors.map((_, i) => `Plan!E${i + 2}`));
  expect(where(findings, 'placeholder')).toEqual([]);
});
