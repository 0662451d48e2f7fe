import { FIELDS, type Action, type Plan } from '../../src/core/model';
import { OWNED_HEADERS, STATE_SHEET } from '../../src/core/patch';
import { planPeriodFromWorkbook } from '../../src/core/period';
import { readPlans, type ReadPlansOptions } from '../../src/core/plan';
import { leadingRef, parseRefCell, refKey, refPriority } from '../../src/core/refs';
import { bathShape, legacyShape, leicesterShape, leicsShape, tableShape, allShapes } from '../fixtures/plans';
import { date, fixtureSnapshot, type FixtureWorkbook } from '../fixtures/workbook';
import type { CellValue, WorkbookSnapshot } from '../../src/core/snapshot';
import { parseTimescale } from '../../src/core/timescale';
import { parseProgress } from '../../src/core/progress';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { stateSheet } from '../../src/core/state';

function read(fx: FixtureWorkbook, opts: Partial<ReadPlansOptions> = {}) {
  const snapshot = fixtureSnapshot(fx);
  const planPeriod = planPeriodFromWorkbook(snapshot) ?? { start: '2015-04-01', end: '2016-03-31' };
  return readPlans(snapshot, { planPeriod, ...opts });
}

const at = (plan: Plan, row: number): Action => {
  const a = plan.actions.find((x) => x.row === row);
  if (!a) throw new Error(`no action starts at row ${row}`);
  return a;
};
const countBy = (actions: Action[]) => actions.reduce<Record<string, number>>((m, a) => ({ ...m, [a.priority ?? '-']: (m[a.priority ?? '-'] ?? 0) + 1 }), {});

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

describe('stacked sections with repeated header rows (leicsShape)', () => {
  const { plans, findings } = read(leicsShape);
  const plan = plans[0];

  test('one plan with 22 actions under 8 priorities', () => {
    expect(plans).toHaveLength(1);
    expect(plan.id).toBe('Business Plan!A6');
    expect(plan.headerRow).toBe(6);
    expect(plan.actions).toHaveLength(22);
    expect(plan.priorities.map((p) => p.id)).toEqual(['1', '2a', '2b', '2c', '3a', '3b', '4', '5']);
    expect(plan.priorities.every((p) => p.source === 'section' && p.sheet === 'Business Plan')).toBe(true);
    expect(countBy(plan.actions)).toEqual({ '1': 4, '2a': 3, '2b': 3, '2c': 3, '3a': 2, '3b': 3, '4': 2, '5': 2 });
  });

  test('section titles are the section text; the section above the first header row counts', () => {
    expect(plan.priorities[0].title).toBe("Priority 1: To be assured that safeguarding is understood to be everyone's responsibility");
    expect(plan.priorities.find((p) => p.id === '3b')?.title).toBe('Priority 3b To be assured of the quality of care for any adult supported by registered providers');
  });

  test('repeated header rows and section rows are not actions', () => {
    expect(plan.actions.some((a) => /we will|^Priority/.test(a.action))).toBe(false);
    expect(plan.actions.map((a) => a.row)).not.toContain(13);
  });

  test('refs are tidied ("2a. 1" → "2a.1") and a ref filed under the wrong priority keeps that priority', () => {
    expect(at(plan, 14).ref).toBe('2a.1');
    expect(at(plan, 14).refSource).toBe('column');
    expect(at(plan, 38).ref).toBe('3b.2');
    expect(at(plan, 39)).toMatchObject({ ref: '3a.1', priority: '3b' });
  });

  test('fields, cell addresses and parsed timescales', () => {
    const a = at(plan, 9);
    expect(a).toMatchObject({ ref: '1.2', lead: 'EXEC?', sheet: 'Business Plan', lastRow: 9 });
    const addresses = Object.fromEntries(FIELDS.map((f) => [f, a.cells[f]]).filter(([, cell]) => cell !== undefined));
    expect(addresses).toEqual({ ref: 'A9', action: 'B9', outcome: 'C9', lead: 'D9', timescale: 'E9', progress: 'F9' });
    expect(at(plan, 7).timescale.kind).toBe('multi');
    expect(at(plan, 22).timescale.kind).toBe('recurring');
    expect(at(plan, 15).timescale.placeholder).toBe(true);
    expect(plan.lastRow).toBe(49);
  });

  test('a plan with every column gives no missing-column finding', () => {
    expect(findings).toEqual([]);
  });
});

describe('key priorities and continuation rows (bathShape)', () => {
  const { plans, findings } = read(bathShape);
  const plan = plans[0];

  test('one plan, 22 actions: 14 under Key Priority 1 and 8 under Key Priority 2', () => {
    expect(plans).toHaveLength(1);
    expect(plan.id).toBe('Business Plan!A8');
    expect(plan.actions).toHaveLength(22);
    expect(countBy(plan.actions)).toEqual({ '1': 14, '2': 8 });
  });

  test('a "Key Priority N" row takes the description under it as the rest of its title', () => {
    expect(plan.priorities).toEqual([
      { id: '1', title: 'Key Priority 1: The Board will co-ordinate a multi-agency approach to reducing harm to vulnerable children and young people.', sheet: 'Business Plan', source: 'section' },
      { id: '2', title: 'Key Priority 2: To increase the involvement of children, young people and parents in improving services.', sheet: 'Business Plan', source: 'section' },
    ]);
  });

  test('the Issue column gives the item number as ref; the issue text is not the action', () => {
    expect(plan.columns.ref?.header).toBe('Issue');
    expect(at(plan, 14)).toMatchObject({ ref: '4', refSource: 'column', action: 'Keep reviewing the data, chase timeliness and review the protocol during 2015-16' });
    expect(at(plan, 9)).toMatchObject({ ref: null, action: 'Review and update the e-safety policy' });
  });

  test('a row with a blank issue but its own action is a separate action without a ref', () => {
    const a = at(plan, 15);
    expect(a).toMatchObject({ ref: null, refSource: null, priority: '1', lead: 'CSE Group', lastRow: 15 });
    expect(at(plan, 14).lastRow).toBe(14);
    expect(a.timescale.due).toBe('2016-12-31');
  });

  test('an item heading with nothing else is not an action; the actions under it are', () => {
    expect(plan.actions.map((a) => a.row)).not.toContain(18);
    expect(at(plan, 19)).toMatchObject({ ref: null, action: 'NEW Review the protocol with the added partners', priority: '1' });
    expect(at(plan, 20).timescale.kind).toBe('fy');
  });

  test('a row with neither issue nor action adds its timescale and progress to the action above', () => {
    const a = at(plan, 23);
    expect(a.lastRow).toBe(24);
    expect(a.ref).toBe('11');
    expect(a.action).toBe('Keep up liaison with the regional child protection procedures');
    expect(a.timescale.text).toContain('Contract signed July 15');
    expect(a.timescale.text).toContain('First review Dec 15');
    expect(a.progress.text).toContain('Contract signed; first contract review date');
    expect(a.progress.lastUpdate).toBe('2016-03-31');
    expect(plan.actions.map((x) => x.row)).not.toContain(24);
  });

  test('markup is never shown raw and is recorded where it was', () => {
    expect(at(plan, 9).progress.text).not.toMatch(/<\/?b>/);
    expect(at(plan, 9).progress.hadMarkup).toBe(true);
    expect(at(plan, 19).markup).toEqual(['action']);
    expect(at(plan, 34)).toMatchObject({ ref: null, markup: ['ref'] });
    expect(plan.actions.some((a) => /<[a-z]/i.test(a.action + a.lead + a.progress.text + a.timescale.text))).toBe(false);
  });

  test('date cells are read in their format: "mmm-yy" is a month, "dd/mm/yyyy" a day', () => {
    expect(at(plan, 10).timescale).toMatchObject({ kind: 'month', due: '2016-06-30' });
    expect(at(plan, 36).timescale).toMatchObject({ kind: 'date', due: '2016-06-01' });
  });

  test('"Progress (RAG)" holding notes is not taken as the RAG column', () => {
    expect(plan.columns.rag).toBeNull();
    expect(plan.actions.every((a) => a.agreedRag === null)).toBe(true);
  });

  test('the missing Outcome column is a warning naming the header row and what to do', () => {
    expect(findings).toEqual([
      {
        severity: 'warning',
        rule: 'missing-column',
        sheet: 'Business Plan',
        cell: 'A8',
        message: "The plan with its header row at 'Business Plan'!A8 has no Outcome column. Add a column headed 'Outcome' or map one in BoardPlan's Columns settings.",
      },
    ]);
  });
});

describe('markup in every cell, priority column (leicesterShape)', () => {
  const { plans, findings } = read(leicesterShape);
  const plan = plans[0];

  test('one plan, 14 actions, priorities 1–6 from the priority column', () => {
    expect(plans).toHaveLength(1);
    expect(plan.actions).toHaveLength(14);
    expect(plan.priorities.map((p) => [p.id, p.title, p.source])).toEqual([
      ['1', 'POST INSPECTION IMPROVEMENT PLAN', 'column'],
      ['2', 'CORE BUSINESS', 'column'],
      ['3', 'LSCB IDENTIFIED PRIORITIES FOR 2015 - 2017', 'column'],
      ['4', 'PARTICIPATION & ENGAGEMENT', 'column'],
      ['5', 'EFFECTIVENESS OF MULTI-AGENCY PRACTICE', 'column'],
      ['6', "CHILDREN'S WORKFORCE DEVELOPMENT", 'column'],
    ]);
    expect(countBy(plan.actions)).toEqual({ '1': 2, '2': 3, '3': 3, '4': 2, '5': 2, '6': 2 });
  });

  test('Key Activity is the action, not Objective; a blank priority cell keeps the priority above', () => {
    expect(plan.columns.action?.header).toBe('Key Activity');
    expect(at(plan, 5)).toMatchObject({ priority: '1', action: 'b. Report progress on the improvement plan to each Board meeting.' });
    expect(at(plan, 4).action).toBe("a. Review the Board's work programme in response to the inspection findings.");
    expect(at(plan, 4).lead).toBe('Board Chair Board Members');
  });

  test('lettered activities are not refs', () => {
    expect(plan.actions.every((a) => a.ref === null)).toBe(true);
    expect(at(plan, 13).action.startsWith('[a] ')).toBe(true);
  });

  test('timescales are read through the markup', () => {
    expect(at(plan, 8).timescale.kind).toBe('ongoing');
    expect(at(plan, 9).timescale.due).toBe('2015-09-30');
    expect(at(plan, 4).markup).toEqual(['action', 'outcome', 'lead', 'timescale']);
  });

  test('missing Ref and Progress columns are warnings', () => {
    expect(findings.map((f) => [f.rule, f.severity, f.cell, /no (\w+) column/.exec(f.message)?.[1]])).toEqual([
      ['missing-column', 'warning', 'A3', 'Ref'],
      ['missing-column', 'warning', 'A3', 'Progress'],
    ]);
  });
});

describe('two sheets, dotted dates, refs in the task text (legacyShape)', () => {
  const { plans, findings } = read(legacyShape);

  test('one plan per sheet', () => {
    expect(plans.map((p) => [p.id, p.actions.length])).toEqual([
      ['Business Plan!A5', 12],
      ['Learning and Development!A3', 5],
    ]);
  });

  test('"Strategic Priority (N)" rows above and inside the plan give priorities 1–3', () => {
    const [main] = plans;
    expect(main.priorities.map((p) => p.id)).toEqual(['1', '2', '3']);
    expect(main.priorities[2].title).toBe('Strategic Priority (3) Learning from reviews');
    expect(countBy(main.actions)).toEqual({ '1': 4, '2': 4, '3': 4 });
  });

  test('refs at the start of the task text are taken out of it', () => {
    const ld = plans[1];
    expect(ld.columns.ref).toBeNull();
    expect(ld.priorities).toEqual([expect.objectContaining({ id: '4', source: 'section' })]);
    expect(at(ld, 4)).toMatchObject({ ref: '4.1.1', refSource: 'action-text', action: 'To develop a multi-agency training strategy for 2011-12', priority: '4' });
    expect(at(ld, 7)).toMatchObject({ ref: null, refSource: null, action: 'To review the safeguarding induction of new staff' });
  });

  test('an Excel error is read as its text', () => {
    expect(at(plans[0], 13).lead).toBe('#REF!');
  });

  test('refs in the task text stand in for a Ref column; Outcome is still missing', () => {
    expect(findings.filter((f) => f.sheet === 'Learning and Development').map((f) => /no (\w+) column/.exec(f.message)?.[1])).toEqual(['Outcome']);
  });
});

describe('Excel tables (tableShape)', () => {
  const { plans, findings } = read(tableShape);
  const [children, adults] = plans;

  test('each table is a plan, named by sheet and table', () => {
    expect(plans.map((p) => [p.id, p.table, p.headerRow, p.firstRow, p.lastRow, p.actions.length])).toEqual([
      ['Children!Plan2016', 'Plan2016', 3, 4, 15, 12],
      ['Adults!AdultsPlan2016', 'AdultsPlan2016', 3, 4, 11, 8],
    ]);
  });

  test('priorities from the Priority and Theme columns', () => {
    expect(children.priorities.map((p) => [p.id, p.title])).toEqual([
      ['1', 'Early help'],
      ['2', 'Child sexual exploitation'],
      ['3', 'Neglect'],
      ['4', 'Voice of the child'],
    ]);
    expect(adults.priorities.map((p) => p.id)).toEqual(['making-safeguarding-personal', 'self-neglect', 'care-homes', 'workforce']);
    expect(at(adults, 7).priority).toBe('self-neglect');
  });

  test('the board’s own RAG column is read as the agreed rating', () => {
    expect(children.columns.rag?.header).toBe('RAG Rating');
    expect(children.actions.map((a) => a.agreedRag)).toEqual(['Green', 'A', null, 'Green', null, 'Red', 'Amber/Green', null, 'G', null, 'Blue', null]);
    expect(adults.columns.rag?.header).toBe('RAG status');
  });

  test('text that looks like a formula or a phone number stays text', () => {
    expect(at(children, 6).action).toBe('=Review with partners how the front door is working');
    expect(at(children, 9).lead).toBe('+44 1632 960123 (duty desk)');
  });

  test("BoardPlan's columns beside a table are found and not read as the user's", () => {
    expect(adults.owned).toEqual({ proposed: 8, reason: 9 });
    expect(adults.lastCol).toBe(7);
    expect(children.owned).toEqual({ proposed: null, reason: null });
    expect(Object.values(adults.columns).some((m) => m && m.col >= 8)).toBe(false);
  });

  test('only the Adults table lacks an Outcome column', () => {
    expect(findings.map((f) => [f.sheet, f.cell, f.message])).toEqual([
      ['Adults', 'A3', `The table "AdultsPlan2016" on 'Adults' has no Outcome column. Add a column headed 'Outcome' or map one in BoardPlan's Columns settings.`],
    ]);
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
          'No plan table found: BoardPlan looks for a header row with columns such as Ref, Action, Lead, Timescale and Progress in the first 30 rows of each sheet, or an Excel table.',
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
    const { plans, findings } = read(bathShape, { columns: { 'Business Plan!A8': { progress: null } } });
    expect(plans[0].columns.progress).toBeNull();
    expect(plans[0].actions.every((a) => a.progress.text === '')).toBe(true);
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
});

describe('a large plan', () => {
  test('with more distinct notes than the reader remembers, reads every note and timescale as it would alone', () => {
    const planPeriod = { start: '2015-04-01', end: '2016-03-31' };
    // Notes and timescales of every kind, each note written twice, 6,000 rows apart.
    const notes = Array.from({ length: 6000 }, (_, i) => (i % 3 ? `Update Dec 15: item ${i} started. Update Mar 16: item ${i} complete` : i % 2 ? 'Not due' : `Slipped: new date Jun 16 (${i})`));
    const values: CellValue[][] = [['Ref', 'Action', 'Lead', 'Timescale', 'Progress']];
    for (let i = 0; i < 12_000; i++) values.push([`1.${i + 1}`, `Action ${i}`, 'SEG', i % 5 ? `Mar ${15 + (i % 3)}` : `End of Q${(i % 4) + 1} ${i % 2 ? '2015/16' : '2016/17'}`, notes[i % 6000]]);
    const snapshot: WorkbookSnapshot = {
      name: 'large.xlsx',
      tables: [],
      sheets: [{ name: 'Plan', visibility: 'visible', top: 1, left: 1, values, numberFormats: values.map((r) => r.map(() => 'General')) }],
    };
    const [plan] = readPlans(snapshot, { planPeriod }).plans;
    expect(plan.actions).toHaveLength(12_000);
    const read = plan.actions.map((a) => [a.timescale, a.progress]);
    const alone = plan.actions.map((_, i) => [parseTimescale(values[i + 1][3], 'General', planPeriod), parseProgress(values[i + 1][4], planPeriod)]);
    expect(JSON.stringify(read)).toBe(JSON.stringify(alone));
  });
});
