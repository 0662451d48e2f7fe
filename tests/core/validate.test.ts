import { parseA1 } from '../../src/core/cells';
import type { Finding, PlanPeriod, Rule } from '../../src/core/model';
import { planPeriodFromWorkbook } from '../../src/core/period';
import { readPlans } from '../../src/core/plan';
import { validate } from '../../src/core/validate';
import { allShapes, bathShape, legacyShape, leicesterShape, leicsShape, tableShape } from '../fixtures/plans';
import { fixtureSnapshot, type FixtureWorkbook } from '../fixtures/workbook';

function check(fx: FixtureWorkbook, asOf: string, period?: PlanPeriod): Finding[] {
  const snapshot = fixtureSnapshot(fx);
  const planPeriod = period ?? planPeriodFromWorkbook(snapshot)!;
  return validate(readPlans(snapshot, { planPeriod }).plans, { planPeriod, asOf });
}

const where = (findings: Finding[], rule: Rule) => findings.filter((f) => f.rule === rule).map((f) => `${f.sheet}!${f.cell}`);
const one = (findings: Finding[], rule: Rule, cell: string) => {
  const hits = findings.filter((f) => f.rule === rule && f.cell === cell);
  expect(hits).toHaveLength(1);
  return hits[0];
};

describe('leicsShape as of 15 Jan 2015', () => {
  const findings = check(leicsShape, '2015-01-15');

  test('a duplicate ref is reported at the second occurrence, naming the first', () => {
    expect(where(findings, 'duplicate-ref')).toEqual(['Business Plan!A9', 'Business Plan!A39']);
    expect(one(findings, 'duplicate-ref', 'A9').message).toBe(
      `Ref "1.2" in 'Business Plan'!A9 is also used in 'Business Plan'!A8. Give each action its own ref so the board can tell them apart.`,
    );
    // "3a.1" and "3a. 1" are the same ref.
    expect(one(findings, 'duplicate-ref', 'A39').message).toContain("'Business Plan'!A32");
  });

  test('a ref numbered for another priority is reported', () => {
    expect(where(findings, 'ref-priority-mismatch')).toEqual(['Business Plan!A39']);
    expect(one(findings, 'ref-priority-mismatch', 'A39').message).toBe(
      `Ref "3a.1" in 'Business Plan'!A39 is numbered for priority 3a but sits under priority 3b. Move the row under priority 3a or correct its ref.`,
    );
  });

  test('placeholders: a lead ending in "?" and "???" in a timescale', () => {
    expect(where(findings, 'placeholder')).toEqual(['Business Plan!D9', 'Business Plan!E15']);
    expect(one(findings, 'placeholder', 'D9')).toMatchObject({ severity: 'warning', message: expect.stringContaining('Lead "EXEC?"') });
    expect(where(findings, 'timescale-unknown')).toEqual([]);
  });

  test('no blanks, no errors, no dates outside 2014-15', () => {
    for (const rule of ['blank-cell', 'excel-error', 'date-outside-period', 'markup'] as Rule[]) expect(where(findings, rule)).toEqual([]);
  });

  test('stale updates: blank notes of actions due by the end of this quarter or ongoing', () => {
    const stale = where(findings, 'stale-update');
    // "March 2015" is due this quarter; the note is blank.
    expect(stale).toContain('Business Plan!F8');
    // "Ongoing" with a blank note.
    expect(stale).toContain('Business Plan!F48');
    // This plan dates no updates, so a note that says something counts as current.
    expect(stale).not.toContain('Business Plan!F7');
    // "Complete".
    expect(stale).not.toContain('Business Plan!F28');
    expect(one(findings, 'stale-update', 'F8')).toMatchObject({ severity: 'info', message: expect.stringContaining('since 1 Oct 2014') });
  });

  test('early in the year only what is due by the end of the current quarter is stale', () => {
    const stale = where(check(leicsShape, '2014-07-15'), 'stale-update');
    expect(stale).toContain('Business Plan!F37'); // September 2014
    expect(stale).not.toContain('Business Plan!F8'); // March 2015
    expect(stale).not.toContain('Business Plan!F21'); // October 2014
  });
});

describe('bathShape as of 31 Mar 2016', () => {
  const findings = check(bathShape, '2016-03-31');

  test('blank timescales and leads are warnings with what to do', () => {
    expect(where(findings, 'blank-cell')).toEqual(['Business Plan!D11', 'Business Plan!B22', 'Business Plan!B31', 'Business Plan!D31']);
    expect(one(findings, 'blank-cell', 'D11').message).toBe(
      `The timescale in 'Business Plan'!D11 is blank, so the action cannot be rated. Write when it is due (e.g. "Jun 2016"), or "Ongoing".`,
    );
    expect(one(findings, 'blank-cell', 'B22').message).toContain('Name the person, group or agency');
  });

  test('item numbers that restart under each priority are not duplicates, nor numbered for a priority', () => {
    expect(where(findings, 'duplicate-ref')).toEqual([]);
    expect(where(findings, 'ref-priority-mismatch')).toEqual([]);
  });

  test('markup is reported once per column, at its first cell', () => {
    expect(where(findings, 'markup')).toEqual(['Business Plan!E9', 'Business Plan!C19', 'Business Plan!A34']);
    expect(one(findings, 'markup', 'E9')).toMatchObject({ severity: 'info', message: expect.stringContaining('and 3 more progress cells') });
  });

  test('an undated note on an action due this quarter is stale; a recent dated update is not', () => {
    const stale = where(findings, 'stale-update');
    expect(stale).toContain('Business Plan!E14');
    expect(stale).not.toContain('Business Plan!E10');
    expect(stale).not.toContain('Business Plan!E26');
    // Not due until later in 2016.
    expect(stale).not.toContain('Business Plan!E19');
  });
});

describe('leicesterShape as of 31 Mar 2016', () => {
  const findings = check(leicesterShape, '2016-03-31');

  test('"TBC" as a timescale is a placeholder, not an unknown timescale', () => {
    expect(where(findings, 'placeholder')).toEqual(['Business Plan!F19']);
    expect(where(findings, 'timescale-unknown')).toEqual([]);
  });

  test('markup in every column gives one finding per column', () => {
    expect(where(findings, 'markup')).toEqual(['Business Plan!C4', 'Business Plan!D4', 'Business Plan!E4', 'Business Plan!F4']);
    expect(one(findings, 'markup', 'C4').message).toContain('and 13 more action cells');
  });

  test('a plan without a progress column gets no stale-update findings', () => {
    expect(where(findings, 'stale-update')).toEqual([]);
    expect(where(findings, 'blank-cell')).toEqual(['Business Plan!D27']);
  });
});

describe('legacyShape as of 1 Mar 2011', () => {
  const findings = check(legacyShape, '2011-03-01');

  test('a timescale that names no date', () => {
    expect(where(findings, 'timescale-unknown')).toEqual(['Business Plan!D9']);
    expect(one(findings, 'timescale-unknown', 'D9')).toMatchObject({
      severity: 'warning',
      message: `Timescale "At a date jointly agreed" in 'Business Plan'!D9 is not a date. Write a month and year (e.g. "Jun 2016") or a date (e.g. "30/06/2016").`,
    });
  });

  test('dates outside October 2010 – March 2011, including a start after the period', () => {
    expect(where(findings, 'date-outside-period')).toEqual(['Business Plan!D12', 'Business Plan!D14', 'Business Plan!D17', 'Learning and Development!C8']);
    expect(one(findings, 'date-outside-period', 'D12').message).toBe(
      `Timescale "17.2.10" in 'Business Plan'!D12 names 17 Feb 2010, outside the plan period (1 Oct 2010 to 31 Mar 2011). Check the date, or move the action to the plan for that year.`,
    );
  });

  test('an Excel error is an error finding', () => {
    expect(where(findings, 'excel-error')).toEqual(['Business Plan!C13']);
    expect(one(findings, 'excel-error', 'C13')).toMatchObject({ severity: 'error', message: expect.stringContaining('#REF!') });
  });

  test('"TBA" lead and a blank timescale', () => {
    expect(where(findings, 'placeholder')).toEqual(['Business Plan!C18']);
    expect(where(findings, 'blank-cell')).toEqual(['Business Plan!D19']);
  });

  test('refs taken from the task text are checked in the task cell', () => {
    const fx: FixtureWorkbook = {
      name: 'x.xlsx',
      sheets: [{ name: 'Tasks', rows: [['Strategic Priority (4) Workforce'], ['TASKS', 'LEAD RESPONSIBILITY', 'Timescale', 'Progress'], ['4.1 Train', 'TM', '21.3.11', null], ['4.1 Evaluate', 'TM', '21.3.11', null], ['5.2 Publish', 'TM', '21.3.11', null]] }],
    };
    const f = check(fx, '2011-01-10', { start: '2010-10-01', end: '2011-03-31' });
    expect(where(f, 'duplicate-ref')).toEqual(['Tasks!A4']);
    expect(where(f, 'ref-priority-mismatch')).toEqual(['Tasks!A5']);
  });
});

describe('tableShape as of 31 Oct 2016', () => {
  const findings = check(tableShape, '2016-10-31');

  test('formula-like and phone-number text is not an error or a placeholder', () => {
    expect(where(findings, 'excel-error')).toEqual([]);
    expect(where(findings, 'placeholder')).toEqual(['Adults!D7']);
  });

  test('an ongoing action with an update before last quarter is stale', () => {
    expect(where(findings, 'stale-update')).toContain('Adults!F8');
    expect(one(findings, 'stale-update', 'F8').message).toContain('the last is dated 30 Jun 2016');
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
