import { asOfFacts } from '../../src/core/as-of';
import { assess, type AssessContext } from '../../src/core/assess';
import { check } from '../../src/core/refresh';
import { presetScheme } from '../../src/core/schemes';
import type { CellValue, WorkbookSnapshot } from '../../src/core/snapshot';
import { sheetFrom } from './helpers/assessed';

/**
 * The board's own status column, in its own words, read as the board's rating of each action, and
 * a key printed with the plan saying what its codes mean. Each test writes its plan inline; the
 * plan is rated as of 31 March 2016 (due soon: by 30 April 2016).
 */

const AS_OF = { today: '2016-03-31', asOf: '2016-03-31' };
const HEADINGS = ['Ref', 'Action', 'Lead', 'Timescale', 'Progress', 'Status'];

function plan(rows: CellValue[][], above: CellValue[][] = [], headings = HEADINGS): WorkbookSnapshot {
  return { name: 'plan.xlsx', sheets: [sheetFrom('Plan 2015-16', [...above, headings, ...rows])], tables: [] };
}

/** The assessment of the action with a ref, and the findings about its rating. */
function rated(snapshot: WorkbookSnapshot, ref: string) {
  const result = check(snapshot, AS_OF);
  const found = result.plans.flatMap((p) => p.actions).find((a) => a.action.ref === ref);
  if (!found) throw new Error(`no action ${ref}`);
  const findings = result.findings.filter((f) => f.rule.startsWith('rag-') && f.cell && Number(f.cell.replace(/^[A-Z]+/, '')) === found.action.row);
  return { ...found.assessment, findings };
}

const row = (ref: string, due: string, status: CellValue, note: CellValue = null): CellValue[] => [ref, `Action ${ref}`, 'PPPG', due, note, status];

describe('a status column in the board’s words', () => {
  test('"Completed" makes the action complete, however its date passed, and the reason quotes it', () => {
    const a = rated(plan([row('1.1', 'Dec 15', 'Completed')]), '1.1');
    expect(a).toMatchObject({ status: 'complete', effective: 'Blue', agreed: 'Blue' });
    expect(a.reason).toContain('"Completed"');
  });

  test('"Behind schedule" is the board’s Amber, and the action is at risk though not yet due, the reason saying which words were read', () => {
    const a = rated(plan([row('1.1', 'Sep 16', 'Behind schedule')]), '1.1');
    expect(a).toMatchObject({ status: 'at-risk', agreed: 'Amber', effective: 'Amber', findings: [] });
    expect(a.reason).toContain('"Behind schedule"');
  });

  test('"Delayed" past its date: BoardPlan proposes Red, the board’s Amber wins, and a finding says they differ', () => {
    const a = rated(plan([row('1.1', 'Jan 16', 'Delayed')]), '1.1');
    expect(a).toMatchObject({ status: 'overdue', proposed: 'Red', agreed: 'Amber', effective: 'Amber' });
    expect(a.reason).toMatch(/^Agreed Amber \("Delayed"\) by the board; BoardPlan proposes Red: due 31 Jan 2016/);
    expect(a.findings).toEqual([expect.objectContaining({ rule: 'rag-disagreement', cell: 'F2' })]);
  });

  test('"On track" does not change what the dates say: past its date it is still overdue', () => {
    expect(rated(plan([row('1.1', 'Jan 16', 'On track')]), '1.1')).toMatchObject({ status: 'overdue', agreed: 'Green' });
    expect(rated(plan([row('1.1', 'Sep 16', 'On track')]), '1.1')).toMatchObject({ status: 'on-track', agreed: 'Green', findings: [] });
  });

  test('"Not started" is no rating: fine before the work is due, at risk when due soon', () => {
    expect(rated(plan([row('1.1', 'Sep 16', 'Not started')]), '1.1')).toMatchObject({ status: 'on-track', agreed: null });
    const soon = rated(plan([row('1.1', 'Apr 16', 'Not started')]), '1.1');
    expect(soon).toMatchObject({ status: 'at-risk', agreed: null });
    expect(soon.reason).toContain('"Not started"');
  });

  test('the board’s status is its word on completion: "In progress" outweighs a step the note calls done', () => {
    expect(rated(plan([row('1.1', 'Jan 16', 'In progress', 'Training delivered to the first cohort')]), '1.1').status).toBe('overdue');
    expect(rated(plan([row('1.1', 'Jan 16', null, 'Training delivered to the first cohort')]), '1.1').status).toBe('complete');
  });

  test('a percentage below 100 is not complete and is shown in the reason; 100% is complete', () => {
    const half = rated(plan([row('1.1', 'Sep 16', '50%', 'Complete for schools')]), '1.1');
    expect(half).toMatchObject({ status: 'on-track', agreed: null });
    expect(half.reason).toContain('50% complete');
    expect(rated(plan([row('1.1', 'Jan 16', '100%')]), '1.1')).toMatchObject({ status: 'complete', effective: 'Blue' });
  });

  test('words BoardPlan does not know give a finding naming the cell and what to write', () => {
    const a = rated(plan([row('1.1', 'Sep 16', 'Maybe')]), '1.1');
    expect(a).toMatchObject({ status: 'on-track', agreed: null });
    expect(a.findings).toEqual([expect.objectContaining({ rule: 'rag-unrecognised', severity: 'warning', cell: 'F2' })]);
    expect(a.findings[0].message).toMatch(/Status "Maybe" in 'Plan 2015-16'!F2 .* write one of Blue, Green, Amber, Red, Grey, or a status such as Complete/);
    expect(a.findings[0].message).toContain('print a key above the plan that says what "Maybe" means');
  });

  test('"Yes" under a heading that asks "Done?" is complete; "No" is not', () => {
    const ctx: AssessContext = { asOf: asOfFacts('2016-03-31'), dueSoonDays: 30, scheme: presetScheme('brag')!, datedUpdates: false, headings: { status: 'Done?' } };
    const action = (answer: string, note: string) => {
      const read = check(plan([row('1.1', 'Jan 16', answer, note)]), AS_OF).plans[0].actions[0].action;
      return assess(read, ctx).assessment.status;
    };
    expect(action('Yes', '')).toBe('complete');
    expect(action('No', 'Leaflet delivered')).toBe('overdue');
  });
});

describe('a key printed with the plan defines what its codes mean', () => {
  test('letters across a row of cells above the plan: "C" is complete', () => {
    const key = [['RAG key:', 'G', 'on track', 'A', 'some slippage', 'R', 'off track', 'C', 'complete']];
    const a = rated(plan([row('1.1', 'Dec 15', 'C')], key), '1.1');
    expect(a).toMatchObject({ status: 'complete', effective: 'Blue' });
    expect(a.reason).toContain('"C" (complete)');
  });

  test('a numbered key in one cell per entry: "1" is fully achieved, "4" not achieved', () => {
    const key = [['Outcome key:', '1  Fully achieved', '2  Partially achieved – on track', '3  Partially achieved – at risk', '4  Not achieved']];
    const snapshot = plan([row('1.1', 'Dec 15', 1), row('1.2', 'Dec 15', 4, 'Delivered to two of five teams'), row('1.3', 'Sep 16', 2), row('1.4', 'Sep 16', 3)], key);
    expect(rated(snapshot, '1.1')).toMatchObject({ status: 'complete', agreed: 'Blue' });
    expect(rated(snapshot, '1.2')).toMatchObject({ status: 'overdue', agreed: 'Red' });
    expect(rated(snapshot, '1.3')).toMatchObject({ status: 'on-track', agreed: 'Green', findings: [] });
    const atRisk = rated(snapshot, '1.4');
    expect(atRisk).toMatchObject({ proposed: 'Green', agreed: 'Amber' });
    expect(atRisk.reason).toContain('("3": Partially achieved – at risk)');
  });

  test('a key down a column beside the plan', () => {
    const rows: CellValue[][] = [row('1.1', 'Dec 15', 'X'), row('1.2', 'Sep 16', 'P')];
    const snapshot = plan(rows);
    const beside: [number, string][] = [
      [1, 'Key'],
      [2, 'X = done'],
      [3, 'P = in progress'],
    ];
    for (const [r, text] of beside) snapshot.sheets[0].values[r - 1] = [...snapshot.sheets[0].values[r - 1], null, text];
    snapshot.sheets[0].numberFormats = snapshot.sheets[0].values.map((v) => v.map(() => 'General'));
    expect(rated(snapshot, '1.1').status).toBe('complete');
    expect(rated(snapshot, '1.2')).toMatchObject({ status: 'on-track', agreed: null, findings: [] });
  });

  test('a colour the key gives a status that is no rating stays that colour; one it calls complete is complete', () => {
    const key = [['Key: Red = not started; Amber = in progress; Green = complete']];
    const snapshot = plan([row('1.1', 'Sep 16', 'Red'), row('1.2', 'Jan 16', 'Green')], key);
    expect(rated(snapshot, '1.1')).toMatchObject({ agreed: 'Red', status: 'on-track' });
    expect(rated(snapshot, '1.2')).toMatchObject({ status: 'complete', agreed: 'Blue', findings: [] });
  });

  test('the plan’s own rows are never read as a key', () => {
    const rows = [['1', 'Complete the audit', 'PPPG', 'Sep 16', 'On track', 'A']];
    const a = rated(plan(rows), '1');
    expect(a.agreed).toBe('Amber');
  });
});

describe('a rating kept in a column per quarter', () => {
  const headings = ['Ref', 'Action', 'Lead', 'Timescale', 'Q3 RAG', 'Q4 RAG', 'Q4 commentary'];
  const quarterly = (q3: CellValue, q4: CellValue): CellValue[] => ['1.1', 'Action 1.1', 'PPPG', 'Sep 16', q3, q4, 'Work under way'];

  test('the latest quarter’s column is the board’s rating now, and its reason says it is the latest', () => {
    const snapshot = plan([quarterly('R', 'G'), ['1.2', 'Action 1.2', 'PPPG', 'Sep 16', 'A', 'G', 'On track']], [], headings);
    const result = check(snapshot, AS_OF);
    expect(result.plans[0].plan.columns.rag).toMatchObject({ letter: 'F', header: 'Q4 RAG' });
    expect(result.plans[0].plan.columns.rag?.reason).toContain('the latest of 2 rating columns');
    expect(rated(snapshot, '1.1')).toMatchObject({ agreed: 'Green', findings: [] });
  });

  test('a quarter whose column is still empty leaves the one before as the board’s rating', () => {
    const snapshot = plan([quarterly('A', null), ['1.2', 'Action 1.2', 'PPPG', 'Sep 16', 'G', null, 'On track']], [], headings);
    expect(check(snapshot, AS_OF).plans[0].plan.columns.rag).toMatchObject({ letter: 'E', header: 'Q3 RAG' });
    expect(rated(snapshot, '1.1')).toMatchObject({ agreed: 'Amber' });
  });
});

describe('an action written over several rows, one per milestone, each rated by the board', () => {
  const headings = ['Ref', 'Action', 'Lead', 'Timescale', 'Progress', 'RAG'];
  const milestones = (ratings: CellValue[]): CellValue[][] => [
    ['1.1', 'Implement the new front door', 'Head of MASH', 'Jun 16', 'Model agreed', ratings[0]],
    [null, null, 'HR', 'Sep 16', 'Three of five posts filled', ratings[1]],
    [null, null, 'Head of MASH', 'Dec 16', null, ratings[2]],
  ];

  test('is not complete while a milestone is open: the milestone furthest behind gives the board’s rating, and the finding names its cell', () => {
    const snapshot = plan(milestones(['B', 'A', 'G']), [], headings);
    expect(rated(snapshot, '1.1')).toMatchObject({ agreed: 'Amber', effective: 'Amber' });
    const findings = check(snapshot, AS_OF).findings.filter((f) => f.rule === 'rag-disagreement');
    expect(findings).toEqual([expect.objectContaining({ cell: 'F3' })]);
  });

  test('is complete when every milestone is', () => {
    expect(rated(plan(milestones(['B', 'Blue', 'Complete']), [], headings), '1.1')).toMatchObject({ status: 'complete', agreed: 'Blue' });
  });

  test('a milestone the board has not rated yet leaves the others to say', () => {
    expect(rated(plan(milestones(['B', 'R', null]), [], headings), '1.1')).toMatchObject({ agreed: 'Red' });
  });
});
