import { OWNED_HEADERS, STATE_SHEET } from '../../src/core/patch';
import { planPeriodFromWorkbook } from '../../src/core/period';
import { readPlans, type ReadPlansOptions } from '../../src/core/plan';
import { leadingRef, parseRefCell, refKey, refPriority } from '../../src/core/refs';
import { allShapes } from '../fixtures/plans';
import { date, fixtureSnapshot, type FixtureWorkbook } from '../fixtures/workbook';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { stateSheet } from '../../src/core/state';

function read(fx: FixtureWorkbook, opts: Partial<ReadPlansOptions> = {}) {
  const snapshot = fixtureSnapshot(fx);
  const planPeriod = planPeriodFromWorkbook(snapshot) ?? { start: '2015-04-01', end: '2016-03-31' };
  return readPlans(snapshot, { planPeriod, ...opts });
}


describe('refs', () => {
  test.each([
    ['1.1', '1.1', ''],
    ['2a. 1', '2a.1', ''],
    ['3b.2', '3b.2', ''],
    ['4.', '4', ''],
    ['A1', 'A1', ''],
    ['4. Gather assurance on missing children', '4', 'Gather assurance on missing children'],
    ['Gather assurance on e-safety arrangements', null, 'Gather assurance on e-safety arrangements'],
  ])('ref cell %j → ref %j, title %j', (text, ref, title) => {
    expect(parseRefCell(text)).toEqual({ ref, title });
  });

  test.each([
    ['1.1.1 To develop a training strategy', { ref: '1.1.1', rest: 'To develop a training strategy' }],
    ['4. Gather assurance', { ref: '4', rest: 'Gather assurance' }],
    ['2a. 1 Develop an audit programme', { ref: '2a.1', rest: 'Develop an audit programme' }],
    ['[a] Develop and implement a plan', null],
    ['10 schools to be audited', null],
    ['2.5% more referrals', null],
  ])('action text %j', (text, expected) => {
    expect(leadingRef(text)).toEqual(expected);
  });

  test('refs compare without spaces or case; two-level refs name their priority', () => {
    expect(refKey('2A. 1')).toBe(refKey('2a.1'));
    expect(refPriority('2a. 1')).toBe('2a');
    expect(refPriority('3.4')).toBe('3');
    expect(refPriority('4')).toBeNull();
    expect(refPriority('A1')).toBeNull();
  });
});

test('every fixture shape reads without a no-plan finding', () => {
  for (const fx of allShapes) {
    const { plans, findings } = read(fx);
    expect(plans.length).toBeGreaterThan(0);
    expect(findings.some((f) => f.rule === 'no-plan')).toBe(false);
    for (const p of plans) expect(p.actions.length).toBeGreaterThanOrEqual(5);
  }
});

// ---- layouts built for one behaviour each ----------------------------------------------------

const wb = (...sheets: FixtureWorkbook['sheets']): FixtureWorkbook => ({ name: 'test.xlsx', sheets });
const HEADER = ['Ref', 'Action', 'Lead', 'Timescale', 'Progress', 'Outcome'];
const row = (ref: string | null, action: string, due = 'Jun 2015'): (string | null)[] => [ref, action, 'Board Manager', due, null, 'Done well'];

describe('finding plans', () => {
  test('a second header row with different columns starts a new plan', () => {
    const { plans } = read(
      wb({
        name: 'Plans',
        rows: [HEADER, row('1.1', 'First'), row('1.2', 'Second'), [], ['Action', 'Who will lead?', 'Due date', 'Update'], ['Third', 'Chair', 'Sep 2015', null], ['Fourth', 'Chair', 'Oct 2015', null]],
      }),
    );
    expect(plans.map((p) => [p.id, p.actions.map((a) => a.action)])).toEqual([
      ['Plans!A1', ['First', 'Second']],
      ['Plans!A5', ['Third', 'Fourth']],
    ]);
  });

  test('a header row must be within the first 30 rows of a sheet', () => {
    const filler = Array.from({ length: 30 }, (_, i) => [`Note ${i + 1}`]);
    const { plans, findings } = read(wb({ name: 'Notes', rows: [...filler, HEADER, row('1', 'Late')] }));
    expect(plans).toEqual([]);
    expect(findings).toEqual([
      {
        severity: 'error',
        rule: 'no-plan',
        sheet: 'Notes',
        cell: null,
        message:
          'No plan table found: BoardPlan looks for a row of headings over the plan\'s actions (such as Ref, Action, Lead, Timescale and Progress, or columns whose cells hold actions, dates and names) in the first 30 rows of each sheet, or an Excel table. Point at the plan: select it and choose "Use the selected range as a plan" in the pane, or run boardplan with --plan "\'Sheet name\'!A3:H40".',
      },
    ]);
  });

  test("BoardPlan's own sheets, skipped sheets and hidden sheets are not read", () => {
    const sheet = (name: string, hidden = false, first: (string | null)[][] = []) => ({ name, hidden, rows: [...first, HEADER, row('1', `On ${name}`)] });
    // BoardPlan's state sheet is known by the title it writes in A1.
    const title = stateSheet(DEFAULT_SETTINGS, [], STATE_SHEET).rows.slice(0, 1) as (string | null)[][];
    const { plans } = read(wb(sheet(STATE_SHEET, false, title), sheet('Summary'), sheet('Archive', true), sheet('Plan')), { skipSheets: ['Summary'] });
    expect(plans.map((p) => p.sheet)).toEqual(['Plan']);
  });

  test('a table that is not a plan is ignored, and a range under a table header is not read twice', () => {
    const { plans } = read(
      wb({
        name: 'Mixed',
        rows: [['Name', 'Role', 'Agency'], ['A. Person', 'Chair', 'Council'], [], HEADER, row('1', 'Only action')],
        tables: [
          { name: 'Members', range: 'A1:C2' },
          { name: 'Plan', range: 'A4:F5' },
        ],
      }),
    );
    expect(plans.map((p) => [p.id, p.actions.length])).toEqual([['Mixed!Plan', 1]]);
  });

  test('a plain range stops where a table starts below it', () => {
    const { plans } = read(
      wb({
        name: 'Both',
        rows: [HEADER, row('1', 'Plain one'), row('2', 'Plain two'), [], ['Ref', 'Task', 'Owner', 'Due'], ['T1', 'Table one', 'Chair', 'May 2015']],
        tables: [{ name: 'Tasks', range: 'A5:D6' }],
      }),
    );
    expect(plans.map((p) => [p.id, p.actions.map((a) => a.action)])).toEqual([
      ['Both!A1', ['Plain one', 'Plain two']],
      ['Both!Tasks', ['Table one']],
    ]);
  });

  test('a header row that starts further right gives the plan its first column and id', () => {
    const { plans } = read(wb({ name: 'Offset', rows: [[], [], [null, null, ...HEADER], [null, null, ...row('1', 'Shifted')]] }));
    expect(plans[0]).toMatchObject({ id: 'Offset!C3', firstCol: 3, lastCol: 8 });
    expect(plans[0].actions[0].cells.action).toBe('D4');
  });

  test("owned columns beside a plain range are found by their headings", () => {
    const { plans } = read(wb({ name: 'Plan', rows: [[...HEADER, OWNED_HEADERS.proposed, OWNED_HEADERS.reason], [...row('1', 'One'), 'Green', 'Due 30 Jun 2015.']] }));
    expect(plans[0].owned).toEqual({ proposed: 7, reason: 8 });
    expect(plans[0].lastCol).toBe(6);
    expect(plans[0].columns.rag).toBeNull();
  });
});

describe('section rows', () => {
  test('a section row starts a priority titled by its text; the header row repeated under it is skipped', () => {
    const { plans } = read(
      wb({
        name: 'Plan',
        rows: [
          [null, "Priority 1: Safeguarding is everyone's responsibility"],
          HEADER,
          row('1.1', 'Audit the partnership'),
          [null, 'Priority 2a: Children are safe'],
          ['Ref.', 'Action', 'Lead', 'Timescale', 'Progress', 'Outcome'],
          row('2a.1', 'Run case audits'),
        ],
      }),
    );
    expect(plans).toHaveLength(1);
    expect(plans[0].priorities).toEqual([
      { id: '1', title: "Priority 1: Safeguarding is everyone's responsibility", sheet: 'Plan', source: 'section' },
      { id: '2a', title: 'Priority 2a: Children are safe', sheet: 'Plan', source: 'section' },
    ]);
    expect(plans[0].actions.map((a) => [a.action, a.priority])).toEqual([
      ['Audit the partnership', '1'],
      ['Run case audits', '2a'],
    ]);
  });

  test('a ref numbered for another priority keeps the priority it sits under', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [HEADER, [null, 'Priority 3b: Care homes'], row('3a.1', 'Visit care homes')] }));
    expect(plans[0].actions[0]).toMatchObject({ ref: '3a.1', priority: '3b' });
  });

  test('"Key Priority 1" takes the single text under it as the rest of its title, above the header row or inside the plan', () => {
    const { plans } = read(
      wb({
        name: 'Plan',
        rows: [
          ['Key Priority 1'],
          ['Reduce harm to vulnerable children.'],
          HEADER,
          row('1', 'Review the e-safety policy'),
          ['Key Priority 2'],
          ['Involve children and parents.'],
          row('2', 'Audit cases'),
        ],
      }),
    );
    expect(plans[0].priorities.map((p) => [p.id, p.title])).toEqual([
      ['1', 'Key Priority 1: Reduce harm to vulnerable children.'],
      ['2', 'Key Priority 2: Involve children and parents.'],
    ]);
    expect(plans[0].actions.map((a) => a.priority)).toEqual(['1', '2']);
  });

  test('"Strategic Priority (3)" names priority 3', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [HEADER, ['Strategic Priority (3) Learning from reviews'], row('1', 'Share the learning')] }));
    expect(plans[0].priorities).toEqual([{ id: '3', title: 'Strategic Priority (3) Learning from reviews', sheet: 'Plan', source: 'section' }]);
  });
});

describe('a priority column', () => {
  const HEADINGS = ['Priority', 'Objective', 'Key Activity', 'Lead', 'Timescale'];
  const fx = wb({
    name: 'Plan',
    rows: [
      HEADINGS,
      ['<p>1</p> <p>POST INSPECTION PLAN</p>', 'Improve', 'a. Review the work programme', 'Chair', 'Sep 2015'],
      [null, null, 'b. Report progress to each meeting', 'Manager', 'Oct 2015'],
      ['2. Core business', 'Govern well', '[a] Publish the annual report', 'Manager', 'Sep 2015'],
    ],
  });
  const [plan] = read(fx).plans;

  test('a new value starts a priority, its number the id; a blank cell keeps the priority above', () => {
    expect(plan.priorities.map((p) => [p.id, p.title, p.source])).toEqual([
      ['1', 'POST INSPECTION PLAN', 'column'],
      ['2', 'Core business', 'column'],
    ]);
    expect(plan.actions.map((a) => a.priority)).toEqual(['1', '1', '2']);
  });

  test('Key Activity is the action, not Objective; lettered activities are not refs', () => {
    expect(plan.columns.action?.header).toBe('Key Activity');
    expect(plan.actions.map((a) => [a.ref, a.action])).toEqual([
      [null, 'a. Review the work programme'],
      [null, 'b. Report progress to each meeting'],
      [null, '[a] Publish the annual report'],
    ]);
  });
});

describe('refs and actions', () => {
  const ISSUE_HEADER = ['Issue', 'Lead', 'Action', 'Completion Date', 'Progress'];

  test('refs are tidied: "2a. 1" is "2a.1", read from the Ref column', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [HEADER, row('2a. 1', 'Run case audits')] }));
    expect(plans[0].actions[0]).toMatchObject({ ref: '2a.1', refSource: 'column' });
  });

  test('an Issue cell that starts with a number gives the ref; the issue text is not the action', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [ISSUE_HEADER, ['4. Gather assurance on missing children', 'PPPG', 'Review the data', 'Mar 2016', null]] }));
    expect(plans[0].columns.ref?.header).toBe('Issue');
    expect(plans[0].actions[0]).toMatchObject({ ref: '4', refSource: 'column', action: 'Review the data' });
  });

  test('an Issue cell with a number and no action beside it gives the action its text', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [ISSUE_HEADER, ['5. Deliver the CSE plan', 'CSE Group', null, 'Mar 2016', null]] }));
    expect(plans[0].actions[0]).toMatchObject({ ref: '5', action: 'Deliver the CSE plan' });
  });

  test('refs at the start of the action text are taken out of it, and stand in for a Ref column', () => {
    const { plans, findings } = read(
      wb({
        name: 'Tasks',
        rows: [
          ['TASKS', 'LEAD RESPONSIBILITY', 'Timescale', 'Progress', 'Outcome'],
          ['4.1.1 To develop a training strategy', 'Training Manager', '21.3.11', null, 'Staff trained'],
          ['To review the induction of new staff', 'Workforce Lead', '22.11.10', 'Complete', 'Staff inducted'],
        ],
      }),
    );
    expect(plans[0].columns.ref).toBeNull();
    expect(plans[0].actions.map((a) => [a.ref, a.refSource, a.action, a.priority])).toEqual([
      ['4.1.1', 'action-text', 'To develop a training strategy', '4'],
      [null, null, 'To review the induction of new staff', null],
    ]);
    expect(findings).toEqual([]);
  });

  test('an action knows the cell each of its fields was read from', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [[], HEADER, row('1.2', 'Prepare for the new duties')] }));
    const [a] = plans[0].actions;
    expect(a).toMatchObject({ sheet: 'Plan', row: 3, lastRow: 3, ref: '1.2', lead: 'Board Manager' });
    expect(a.cells).toEqual({ ref: 'A3', action: 'B3', lead: 'C3', timescale: 'D3', progress: 'E3', outcome: 'F3' });
  });

  test('an Excel error and text that looks like a formula or a phone number are read as their text', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [HEADER, ['1', '=Review the front door', '#REF!', 'Jun 2015', null, null], ['2', 'Set up interviews', '+44 1632 960123', 'Jun 2015', null, null]] }));
    expect(plans[0].actions.map((a) => [a.action, a.lead])).toEqual([
      ['=Review the front door', '#REF!'],
      ['Set up interviews', '+44 1632 960123'],
    ]);
  });

  test('a plan with every column gives no missing-column finding', () => {
    expect(read(wb({ name: 'Plan', rows: [HEADER, row('1', 'A')] })).findings).toEqual([]);
  });
});

describe('rows under an action', () => {
  const ISSUE_HEADER = ['Issue', 'Lead', 'Action', 'Completion Date', 'Progress'];

  test('a row with a blank issue but its own action is a separate action, without a ref', () => {
    const { plans } = read(
      wb({
        name: 'Plan',
        rows: [ISSUE_HEADER, ['4. Gather assurance on missing children', 'PPPG', 'Review the data', 'Mar 2016', null], [null, 'CSE Group', 'Receive a report', 'Dec 2016', null]],
      }),
    );
    expect(plans[0].actions.map((a) => [a.ref, a.refSource, a.action, a.lead, a.lastRow])).toEqual([
      ['4', 'column', 'Review the data', 'PPPG', 2],
      [null, null, 'Receive a report', 'CSE Group', 3],
    ]);
  });

  test('an item heading with nothing else is not an action, nor a priority; the actions under it are', () => {
    const { plans } = read(
      wb({
        name: 'Plan',
        rows: [
          ISSUE_HEADER,
          ['Key Priority 1'],
          ['Reduce harm.'],
          ['Bring more partners into the protocol', null, null, null, null],
          [null, 'PPPG', 'Review the protocol with the partners', 'Dec 2016', 'Not due'],
          [null, 'PPPG', 'Audit use of the protocol', '2016-17', 'Not due'],
        ],
      }),
    );
    expect(plans[0].actions.map((a) => [a.row, a.action, a.priority])).toEqual([
      [5, 'Review the protocol with the partners', '1'],
      [6, 'Audit use of the protocol', '1'],
    ]);
    expect(plans[0].priorities.map((p) => p.id)).toEqual(['1']);
  });

  test('a row with neither issue nor action adds its timescale and progress to the action above', () => {
    const { plans } = read(
      wb({
        name: 'Plan',
        rows: [
          ISSUE_HEADER,
          ['11. Keep up liaison on the procedures', 'RB', null, 'Contract signed July 15', 'Contract signed.'],
          [null, null, null, 'First review Dec 15', 'Update March 16: new website live.'],
        ],
      }),
    );
    expect(plans[0].actions).toHaveLength(1);
    const [a] = plans[0].actions;
    expect(a).toMatchObject({ ref: '11', row: 2, lastRow: 3 });
    expect(a.timescale.text).toBe('Contract signed July 15 First review Dec 15');
    expect(a.progress.text).toBe('Contract signed.\nUpdate March 16: new website live.');
    expect(a.progress.lastUpdate).toBe('2016-03-31');
  });
});

describe('what cells show', () => {
  test('markup is never shown, and an action records which of its fields held it', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [HEADER, ['1', '<b>NEW</b> Review the protocol', 'PPPG', 'Dec 2016', '<b>Update Dec 15</b> : Draft agreed', 'Agreed']] }));
    const [a] = plans[0].actions;
    expect([a.action, a.progress.text]).toEqual(['NEW Review the protocol', 'Update Dec 15 : Draft agreed']);
    expect(a.markup).toEqual(['action', 'progress']);
    expect(a.progress).toMatchObject({ hadMarkup: true, lastUpdate: '2015-12-31' });
  });

  test('notes that open with the quarter they update ("Q2 update – delayed by staffing") are the progress, beside a column of dates that is the timescale', () => {
    const due = date('2015-04-01', 'dd/mm/yyyy');
    const { plans } = read(
      wb({
        name: 'Plan',
        rows: [
          ['Lead', 'Action', 'Progress', 'Column 3'],
          ['Head of Service', 'Review the multi-agency threshold document with partners', 'Q2 update – delayed by staffing', due],
          ['Head of Service', 'Review the multi-agency threshold document for the board', 'Q2 update – delayed by staffing', due],
          ['Head of Service', 'Review the multi-agency threshold document by the end of the year', null, due],
          ['Head of Service', 'Review learning from case reviews with partners', null, due],
        ],
      }),
    );
    expect([plans[0].columns.progress?.letter, plans[0].columns.timescale?.letter]).toEqual(['C', 'D']);
    expect(plans[0].actions.map((a) => a.timescale.due)).toEqual(Array(4).fill('2015-04-01'));
  });

  test('date cells are read in their format: "mmm-yy" is a month, "dd/mm/yyyy" a day', () => {
    const { plans } = read(
      wb({ name: 'Plan', rows: [HEADER, ['1', 'A', 'Chair', date('2016-06-30', 'mmm-yy'), null, null], ['2', 'B', 'Chair', date('2016-06-01', 'dd/mm/yyyy'), null, null]] }),
    );
    expect(plans[0].actions.map((a) => [a.timescale.text, a.timescale.kind, a.timescale.due])).toEqual([
      ['Jun 2016', 'month', '2016-06-30'],
      ['1 Jun 2016', 'date', '2016-06-01'],
    ]);
  });
});

describe('Excel tables', () => {
  const TABLE_HEADER = ['Ref', 'Action', 'Lead', 'Due', 'Progress'];

  test('a table is a plan named by its sheet and table, down to the table’s last row', () => {
    const { plans, findings } = read(
      wb({
        name: 'Children',
        rows: [['Business Plan 2016-17'], [], TABLE_HEADER, ['1.1', 'Launch the assessment', 'Head of Early Help', 'Jun 2016', null], ['1.2', 'Train staff', 'Training Manager', 'Sep 2016', null], []],
        tables: [{ name: 'Plan2016', range: 'A3:E6' }],
      }),
    );
    expect(plans.map((p) => [p.id, p.table, p.headerRow, p.firstRow, p.lastRow, p.actions.length])).toEqual([['Children!Plan2016', 'Plan2016', 3, 4, 6, 2]]);
    expect(findings.map((f) => f.message)).toEqual([`The table "Plan2016" on 'Children' has no Outcome column. Add a column headed 'Outcome' or map one in BoardPlan's Columns settings.`]);
  });

  test('the board’s own RAG column is read as its agreed rating', () => {
    const { plans } = read(
      wb({
        name: 'Plan',
        rows: [[...TABLE_HEADER, 'RAG Rating'], ['1', 'A', 'Chair', 'Jun 2016', null, 'Amber/Green'], ['2', 'B', 'Chair', 'Jun 2016', null, null]],
        tables: [{ name: 'Plan', range: 'A1:F3' }],
      }),
    );
    expect(plans[0].columns.rag?.header).toBe('RAG Rating');
    expect(plans[0].actions.map((a) => a.agreedRag)).toEqual(['Amber/Green', null]);
  });

  test("BoardPlan's columns beside a table are found and not read as the user's", () => {
    const { plans } = read(
      wb({
        name: 'Adults',
        rows: [[...TABLE_HEADER, OWNED_HEADERS.proposed, OWNED_HEADERS.reason], ['A1', 'Ask every adult', 'Head of Adult Safeguarding', 'Sep 2016', null, 'Green', 'Due 30 Sep 2016.']],
        tables: [{ name: 'AdultsPlan', range: 'A1:E2' }],
      }),
    );
    expect(plans[0]).toMatchObject({ owned: { proposed: 6, reason: 7 }, lastCol: 5 });
    expect(Object.values(plans[0].columns).some((m) => m && m.col >= 6)).toBe(false);
  });
});

describe('numbers in date formats', () => {
  test('a number Excel can show as a date reads as that date; one beyond 31 Dec 9999 or below day 0 reads as the number', () => {
    const values = [
      ['Ref', 'Action', 'Outcome', 'Lead', 'Timescale', 'Progress'],
      ['1.1', 'Audit', 42338, 4_000_000, 'Mar 2016', -3],
    ];
    const snapshot: WorkbookSnapshot = {
      name: 'dates.xlsx',
      tables: [],
      sheets: [{ name: 'Plan', visibility: 'visible', top: 1, left: 1, values, numberFormats: values.map((r) => r.map((_, c) => (c >= 2 ? 'dd/mm/yyyy' : 'General'))) }],
    };
    const [a] = readPlans(snapshot, { planPeriod: { start: '2015-04-01', end: '2016-03-31' } }).plans[0].actions;
    expect([a.outcome, a.lead, a.progress.text]).toEqual(['30 Nov 2015', '4000000', '-3']);
  });
});

describe('column settings', () => {
  test('an override keyed by plan id maps columns the headings do not name', () => {
    const fx = wb({ name: 'Odd', rows: [['Thing', 'What', 'Who', 'When'], ['X1', 'Write the protocol', 'Chair', 'May 2015']] });
    expect(read(fx).plans).toEqual([]);
    const { plans } = read(fx, { columns: { 'Odd!A1': { ref: 'A', action: 'B', lead: 'C', timescale: 'D' } } });
    expect(plans).toHaveLength(1);
    expect(plans[0].actions[0]).toMatchObject({ ref: 'X1', action: 'Write the protocol', lead: 'Chair' });
    expect(plans[0].actions[0].timescale.due).toBe('2015-05-31');
  });

  test('an override of null says the plan has no such column', () => {
    const fx = wb({ name: 'Plan', rows: [HEADER, ['1', 'A', 'Chair', 'Jun 2015', 'Update Mar 16: started', 'Done']] });
    const { plans, findings } = read(fx, { columns: { 'Plan!A1': { progress: null } } });
    expect(plans[0].columns.progress).toBeNull();
    expect(plans[0].actions[0].progress.text).toBe('');
    expect(findings.some((f) => f.rule === 'missing-column' && f.message.includes("column headed 'Progress'"))).toBe(true);
  });

  test('a missing required column is an error that says what to do', () => {
    const { findings } = read(wb({ name: 'Plan', rows: [['Ref', 'Action', 'Lead', 'Progress', 'Outcome'], ['1', 'Do it', 'Chair', 'Started', 'Done']] }));
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'missing-column', sheet: 'Plan', cell: 'A1', message: expect.stringContaining("Add a column headed 'Timescale' or map one in BoardPlan's Columns settings.") }),
    ]);
  });
});

describe('priorities from other sources', () => {
  test('from the ref prefix when the plan has no sections', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [HEADER, row('1.1', 'A'), row('1.2', 'B'), row('2a.1', 'C'), row('3', 'D')] }));
    expect(plans[0].priorities.map((p) => [p.id, p.source])).toEqual([
      ['1', 'ref'],
      ['2a', 'ref'],
    ]);
    expect(plans[0].actions.map((a) => a.priority)).toEqual(['1', '1', '2a', null]);
  });

  test('from a sheet named after the priority', () => {
    const { plans } = read(wb({ name: 'Priority 2', rows: [HEADER, row('1', 'A')] }));
    expect(plans[0].priorities).toEqual([{ id: '2', title: 'Priority 2', sheet: 'Priority 2', source: 'sheet' }]);
    expect(plans[0].actions[0].priority).toBe('2');
  });

  test('a one-cell title row without a number is a section with a short id', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [HEADER, ['Safeguarding adults at home'], row('1', 'A'), ['Early help'], row('2', 'B')] }));
    expect(plans[0].priorities.map((p) => [p.id, p.title])).toEqual([
      ['safeguarding-adults-at-home', 'Safeguarding adults at home'],
      ['early-help', 'Early help'],
    ]);
    expect(plans[0].actions.map((a) => a.priority)).toEqual(['safeguarding-adults-at-home', 'early-help']);
  });

  test('notes under the last action are not priorities', () => {
    const { plans } = read(wb({ name: 'Plan', rows: [HEADER, row('1', 'A'), [], ['Key: R = off target, G = on target']] }));
    expect(plans[0].priorities).toEqual([]);
    expect(plans[0].lastRow).toBe(2);
  });
});

describe('"Progress (RAG)" as the RAG column', () => {
  test('is also the RAG column when most of its cells are ratings', () => {
    const fx = wb({
      name: 'Plan',
      rows: [
        ['Ref', 'Action', 'Lead', 'Completion Date', 'Progress (RAG)'],
        ['1', 'A', 'Chair', date('2016-06-30', 'mmm-yy'), 'Green'],
        ['2', 'B', 'Chair', date('2016-06-30', 'mmm-yy'), 'Amber'],
        ['3', 'C', 'Chair', date('2016-06-30', 'mmm-yy'), 'Update Mar 16: slow start'],
      ],
    });
    const { plans } = read(fx);
    expect(plans[0].columns.rag?.letter).toBe('E');
    expect(plans[0].columns.progress?.letter).toBe('E');
    expect(plans[0].actions.map((a) => a.agreedRag)).toEqual(['Green', 'Amber', 'Update Mar 16: slow start']);
  });

  test('holding notes, is the progress column only', () => {
    const fx = wb({
      name: 'Plan',
      rows: [
        ['Ref', 'Action', 'Lead', 'Completion Date', 'Progress (RAG)'],
        ['1', 'A', 'Chair', 'Jun 2016', 'Update Mar 16: draft agreed'],
        ['2', 'B', 'Chair', 'Jun 2016', 'Green'],
        ['3', 'C', 'Chair', 'Jun 2016', 'Not due'],
      ],
    });
    const { plans } = read(fx);
    expect(plans[0].columns.rag).toBeNull();
    expect(plans[0].actions.every((a) => a.agreedRag === null)).toBe(true);
  });
});

test('a new date written without its year falls after the date it replaces ("Postponed to May" in a plan due in January 2016)', () => {
  const fx: FixtureWorkbook = {
    name: 'postponed',
    sheets: [{ name: 'Plan', rows: [['Action', 'Lead', 'Timescale', 'Progress'], ['Brief councillors on the new offence', 'Partnership Manager', 'January 2016', 'Postponed to the May induction.']] }],
  };
  const { plans } = read(fx, { planPeriod: { start: '2015-04-01', end: '2016-03-31' } });
  expect(plans[0].actions[0].progress.revised).toEqual({ text: 'Postponed to the May induction.', originalDue: null, newDue: '2016-05-31' });
});
