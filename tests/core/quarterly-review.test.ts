import { HISTORY_TITLE, readHistory } from '../../src/core/history';
import type { GeneratedSheet, PatchValue } from '../../src/core/patch';
import { refresh, type RefreshResult, type RunInput } from '../../src/core/refresh';
import { presetScheme } from '../../src/core/schemes';
import { SettingsSchema } from '../../src/core/settings';
import { readState } from '../../src/core/state';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { applyPatch } from './helpers/apply-patch';
import { ratingLookAt, styleAt } from './helpers/cf-eval';
import { PLAN_SHEET, QUARTER_END, REFRESH_DAY, workbookFor, type ReviewQuarter } from './helpers/review-plan';

/**
 * A plan taken through the reviews at the end of Q2, Q3 and Q4 2015/16: the officer edits the plan,
 * refreshes with the as-of date at the quarter's end and records the quarter; the patch is applied
 * to the workbook, so the next quarter reads its history back from the sheet.
 */

const brag = presetScheme('brag')!;
const colour = (label: string) => brag.ratings.find((r) => r.label === label)!;
const key = (ref: string) => `${PLAN_SHEET}!ref:${ref}`;
const DEV_DAY = `${PLAN_SHEET}!text:hold a board development day`;

interface Quarter {
  before: WorkbookSnapshot;
  result: RefreshResult;
  after: WorkbookSnapshot;
}

function review(q: ReviewQuarter, before: WorkbookSnapshot | undefined, input: RunInput = {}): Quarter {
  const snapshot = workbookFor(q, before);
  const result = refresh(snapshot, { asOf: QUARTER_END[q], today: REFRESH_DAY[q], record: true, ...input });
  return { before: snapshot, result, after: applyPatch(snapshot, result.patch) };
}

function threeQuarters(input: RunInput = {}): Record<ReviewQuarter, Quarter> {
  const q2 = review('Q2', undefined, input);
  const q3 = review('Q3', q2.after, input);
  const q4 = review('Q4', q3.after, input);
  return { Q2: q2, Q3: q3, Q4: q4 };
}

const run = threeQuarters();

function sheet(result: RefreshResult, name: string): GeneratedSheet {
  const s = result.patch.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`No sheet "${name}" among ${result.patch.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

function rowStarting(s: GeneratedSheet, text: string): number {
  const i = s.rows.findIndex((r) => typeof r[0] === 'string' && (r[0] as string).startsWith(text));
  if (i < 0) throw new Error(`No row starting "${text}" in ${s.name}`);
  return i + 1;
}

const d = (date: string): PatchValue => ({ date });

describe('the RAG History', () => {
  test('has a column of effective ratings per recorded quarter and the due dates beside them', () => {
    const s = sheet(run.Q4.result, 'RAG History');
    expect(s.rows[0]).toEqual([HISTORY_TITLE]);
    expect(s.rows[3]).toEqual(['Sheet', 'Ref', 'Action', 'Status', 'Q2 2015/16', 'Q3 2015/16', 'Q4 2015/16', 'Due Q2 2015/16', 'Due Q3 2015/16', 'Due Q4 2015/16']);
    // Status says which quarters each action was recorded in.
    expect(s.rows.slice(4)).toEqual([
      [PLAN_SHEET, '1.1', 'Agree a multi-agency protocol for self-neglect', 'recorded since Q2 2015/16', 'Green', 'Amber', 'Red', d('2015-12-31'), d('2015-12-31'), d('2015-12-31')],
      [PLAN_SHEET, '1.2', 'Train care home managers in person-centred safeguarding', 'recorded since Q2 2015/16', 'Green', 'Red', 'Red', d('2015-11-30'), d('2015-11-30'), d('2015-11-30')],
      // The note revised the date in Q4: the recorded due date moves with it.
      [PLAN_SHEET, '1.3', 'Publish easy-read leaflets on raising a concern', 'recorded since Q2 2015/16', 'Green', 'Amber', 'Amber', d('2016-01-15'), d('2016-01-15'), d('2016-06-30')],
      [PLAN_SHEET, '1.4', 'Keep the audit tool for personal outcomes in use', 'recorded since Q2 2015/16', 'Green', 'Green', 'Amber', null, null, null],
      [PLAN_SHEET, '1.5', 'Report safeguarding data to the Board', 'recorded since Q2 2015/16', 'Green', 'Amber', 'Amber', null, null, null],
      [PLAN_SHEET, '2.1', 'Share learning briefings from adult reviews', 'recorded since Q2 2015/16', 'Green', 'Blue', 'Blue', d('2016-03-31'), d('2016-03-31'), d('2016-03-31')],
      [PLAN_SHEET, '2.2', 'Audit the quality of safeguarding enquiries', 'removed after Q3 2015/16', 'Amber', 'Blue', null, d('2015-09-30'), d('2015-09-30'), null],
      [PLAN_SHEET, '2.4', 'Refresh the learning and improvement framework', 'recorded since Q2 2015/16', 'Green', 'Green', 'Green', d('2016-03-31'), d('2016-03-31'), d('2016-09-30')],
      // No ref: matched by its text although it was retyped; the current wording is shown.
      [PLAN_SHEET, null, 'Hold a Board development day', 'recorded since Q2 2015/16', 'Green', 'Green', 'Blue', d('2016-03-31'), d('2016-03-31'), d('2016-03-31')],
      [PLAN_SHEET, '2.3', 'Commission a thematic review of hospital discharge', 'added in Q4 2015/16', null, null, 'Green', null, null, d('2016-09-30')],
    ]);
  });

  test('colours each recorded rating as the scheme does, freezes its header and prints across', () => {
    const s = sheet(run.Q4.result, 'RAG History');
    expect(ratingLookAt(s, 'E5')).toMatchObject({ fill: colour('Green').fill, font: colour('Green').font, bold: true });
    expect(ratingLookAt(s, 'G5')).toMatchObject({ fill: colour('Red').fill, font: colour('Red').font });
    expect(ratingLookAt(s, 'F10')).toMatchObject({ fill: colour('Blue').fill });
    expect(ratingLookAt(s, 'E14')).toBeNull(); // 2.3 was not in the plan in Q2
    expect(ratingLookAt(s, 'E4')).toBeNull(); // the quarter's header
    expect(ratingLookAt(s, 'H5')).toBeNull(); // a due date
    // A run of one rating down a quarter's column is one style.
    const runs = s.styles.filter((x) => ratingLookAt({ styles: [x] }, x.address.split(':')[0]));
    const rated = ['E', 'F', 'G'].flatMap((col) => Array.from({ length: 10 }, (_, i) => `${col}${5 + i}`)).filter((cell) => ratingLookAt(s, cell));
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.length).toBeLessThan(rated.length);
    expect(styleAt(s, 'F7')).toMatchObject({ align: 'center' });
    expect(styleAt(s, 'H5')).toMatchObject({ numberFormat: expect.stringMatching(/yy/) });
    expect(styleAt(s, 'A4')).toMatchObject({ bold: true });
    expect(s.freezeRows).toBe(4);
    expect(s.print).toMatchObject({ orientation: 'landscape', fitToWidth: true, titleRows: '1:4' });
  });

  test('is read back from the workbook as it was written, and is listed as BoardPlan’s own', () => {
    const state = readState(run.Q4.after);
    expect(state.ownedSheets).toContain('RAG History');
    expect(readHistory(run.Q4.after, state.ownedSheets)).toEqual(run.Q4.result.history);
    expect(run.Q4.result.history.quarters).toEqual(['Q2 2015/16', 'Q3 2015/16', 'Q4 2015/16']);
    expect(run.Q4.result.recordedQuarter).toBe('Q4 2015/16');
    expect(run.Q4.result.replacedQuarter).toBe(false);
  });

  test('recording the same quarter again replaces its column and gives the same patch', () => {
    const again = refresh(run.Q4.after, { asOf: QUARTER_END.Q4, today: REFRESH_DAY.Q4, record: true });
    expect(again.patch).toEqual(run.Q4.result.patch);
    expect(again.history.quarters).toEqual(['Q2 2015/16', 'Q3 2015/16', 'Q4 2015/16']);
    expect([again.recordedQuarter, again.replacedQuarter]).toEqual(['Q4 2015/16', true]);
  });

  test('recording a quarter again after the plan changed replaces what was recorded for it', () => {
    // The officer finishes 1.1 after recording Q4, and records Q4 again.
    const edited: WorkbookSnapshot = {
      ...run.Q4.after,
      sheets: run.Q4.after.sheets.map((s) =>
        s.name !== PLAN_SHEET ? s : { ...s, values: s.values.map((r, i) => (i + s.top === 5 ? r.map((v, j) => (j + s.left === 5 ? 'Update Mar 16: Protocol signed off. Complete' : v)) : r)) },
      ),
    };
    const again = refresh(edited, { asOf: QUARTER_END.Q4, today: REFRESH_DAY.Q4, record: true });
    const s = sheet(again, 'RAG History');
    expect(s.rows[4].slice(4, 7)).toEqual(['Green', 'Amber', 'Blue']);
    expect(s.rows[3]).toHaveLength(10);
  });

  test('a refresh without recording writes the history back unchanged', () => {
    const later = refresh(run.Q4.after, { asOf: '2016-04-20', today: '2016-04-20' });
    expect(later.recordedQuarter).toBeNull();
    expect(sheet(later, 'RAG History')).toEqual(sheet(run.Q4.result, 'RAG History'));
    expect(later.patch.deleteSheets).not.toContain('RAG History');
    expect(readState(applyPatch(run.Q4.after, later.patch)).ownedSheets).toContain('RAG History');
  });

  test('nothing is written about history until a quarter is recorded', () => {
    const first = refresh(workbookFor('Q2'), { asOf: QUARTER_END.Q2, today: REFRESH_DAY.Q2 });
    expect(first.patch.sheets.map((s) => s.name)).not.toContain('RAG History');
    expect(first.history.quarters).toEqual([]);
    expect(first.travel).toEqual({});
  });

  test('takes another name when the user has a sheet called "RAG History", and finds it again next quarter', () => {
    const own = (snapshot: WorkbookSnapshot): WorkbookSnapshot => ({
      ...snapshot,
      sheets: [...snapshot.sheets, { name: 'RAG History', visibility: 'visible', top: 1, left: 1, values: [['My own notes']], numberFormats: [['General']] }],
    });
    const q2 = refresh(own(workbookFor('Q2')), { asOf: QUARTER_END.Q2, today: REFRESH_DAY.Q2, record: true });
    expect(q2.patch.sheets.map((s) => s.name)).toContain('RAG History (2)');
    expect(q2.patch.sheets.map((s) => s.name)).not.toContain('RAG History');
    expect(q2.notices).toContain("A sheet named 'RAG History' already exists and is not BoardPlan's, so the RAG History was written to 'RAG History (2)'.");
    const q3 = refresh(workbookFor('Q3', applyPatch(own(workbookFor('Q2')), q2.patch)), { asOf: QUARTER_END.Q3, today: REFRESH_DAY.Q3, record: true });
    expect(q3.history.sheet).toBe('RAG History (2)');
    expect(q3.history.quarters).toEqual(['Q2 2015/16', 'Q3 2015/16']);
    expect(q3.travel[key('1.2')]).toBe('worsened');
  });

  test('a history sheet whose header was removed is left alone, with a message, and nothing is recorded', () => {
    const broken: WorkbookSnapshot = {
      ...run.Q3.after,
      sheets: run.Q3.after.sheets.map((s) => (s.name === 'RAG History' ? { ...s, values: s.values.map((r, i) => (i === 3 ? r.map(() => null) : r)) } : s)),
    };
    const q4 = refresh(workbookFor('Q4', broken), { asOf: QUARTER_END.Q4, today: REFRESH_DAY.Q4, record: true });
    expect(q4.recordedQuarter).toBeNull();
    expect(q4.patch.sheets.map((s) => s.name)).not.toContain('RAG History');
    expect(q4.patch.deleteSheets).not.toContain('RAG History');
    expect(readState(applyPatch(broken, q4.patch)).ownedSheets).toContain('RAG History');
    expect(q4.notices.join('\n')).toMatch(/header row of BoardPlan's history sheet 'RAG History'.*missing/);
    expect(q4.notices).toContain("Q4 2015/16 was not recorded: BoardPlan could not read its history sheet 'RAG History'.");
  });
});

describe('direction of travel', () => {
  test('is not given before a quarter has been recorded to compare with', () => {
    expect(run.Q2.result.travel).toEqual({});
    expect(run.Q2.result.review.baseline).toBeNull();
  });

  test('compares each action with the last recorded quarter before this one', () => {
    expect(run.Q3.result.review.baseline).toBe('Q2 2015/16');
    expect(run.Q3.result.travel).toEqual({
      [key('1.1')]: 'worsened', // Green → Amber
      [key('1.2')]: 'worsened', // Green → Red
      [key('1.3')]: 'worsened',
      [key('1.4')]: 'held',
      [key('1.5')]: 'worsened',
      [key('2.1')]: 'improved', // Green → Blue
      [key('2.2')]: 'improved', // Amber → Blue
      [key('2.4')]: 'held',
      [DEV_DAY]: 'held',
    });
    expect(run.Q4.result.review.baseline).toBe('Q3 2015/16');
    expect(run.Q4.result.travel).toEqual({
      [key('1.1')]: 'worsened', // Amber → Red
      [key('1.2')]: 'held', // Red → Red
      [key('1.3')]: 'held',
      [key('1.4')]: 'worsened',
      [key('1.5')]: 'held',
      [key('2.1')]: 'held',
      [key('2.3')]: 'new',
      [key('2.4')]: 'held',
      [DEV_DAY]: 'improved',
    });
  });

  test('once the current quarter is recorded, compares with the one before it, not with itself', () => {
    const again = refresh(run.Q4.after, { asOf: QUARTER_END.Q4, today: REFRESH_DAY.Q4 });
    expect(again.review.baseline).toBe('Q3 2015/16');
    expect(again.travel).toEqual(run.Q4.result.travel);
  });

  test('counts actions Red for two recorded quarters running, this one included', () => {
    expect(run.Q3.result.redTwoQuarters).toBe(0); // 1.2 turned Red in Q3
    expect(run.Q4.result.redTwoQuarters).toBe(1); // 1.2 again; 1.1 only now
    expect(run.Q4.result.review.actions[key('1.2')]?.redStreak).toBe(2);
    expect(run.Q4.result.review.actions[key('1.1')]?.redStreak).toBe(1);
  });

  test('per priority: counts and an overall arrow', () => {
    const p = run.Q4.result.review.byPriority.map((x) => [x.priority, x.improved, x.worsened, x.held, x.new, x.direction, x.redTwoQuarters]);
    expect(p).toEqual([
      ['1', 0, 2, 3, 0, 'down', 1],
      ['2', 1, 0, 2, 1, 'up', 0],
    ]);
  });

  test('shows in the summaries: a Travel column, a line per priority, and travel columns on the Board Overview', () => {
    const p1 = sheet(run.Q4.result, 'P1 Summary');
    expect(p1.rows.flat()).toContain('Direction of travel since Q3 2015/16: 2 worsened, 3 held (↓ worsening); 1 Red for two quarters or more.');
    const head = rowStarting(p1, 'Exceptions') + 1;
    expect(p1.rows[head - 1][6]).toBe('Travel');
    const travelByRef = Object.fromEntries(p1.rows.slice(head, head + 5).map((r) => [r[0], r[6]]));
    expect(travelByRef).toEqual({ '1.1': '↓ worsened', '1.2': '→ held', '1.3': '→ held', '1.4': '↓ worsened', '1.5': '→ held' });

    const overview = sheet(run.Q4.result, 'Board Overview');
    const h = rowStarting(overview, 'Priority');
    const header = overview.rows[h - 1] as string[];
    const cols = ['Improved', 'Worsened', 'Held', 'New', 'Travel', 'Red 2+ quarters'].map((c) => header.indexOf(c));
    const pick = (row: PatchValue[]) => cols.map((c) => row[c]);
    expect(pick(overview.rows[h])).toEqual([0, 2, 3, 0, '↓ worsening', 1]);
    expect(pick(overview.rows[h + 1])).toEqual([1, 0, 2, 1, '↑ improving', 0]);
    expect(pick(overview.rows[h + 2])).toEqual([1, 2, 5, 1, '↓ worsening', 1]);
    expect(overview.rows.flat()).toContain('Direction of travel since Q3 2015/16: 1 improved, 2 worsened, 5 held, 1 new (↓ worsening). Red for two quarters or more: 1.');
  });
});

describe('stale updates and slipped dates', () => {
  test('lists actions whose progress note has no update since the start of the previous quarter', () => {
    const refs = (q: ReviewQuarter) => run[q].result.stale.map((s) => [s.ref, s.lastUpdate, s.since]);
    expect(refs('Q2')).toEqual([['2.2', null, '2015-04-01']]);
    expect(refs('Q3')).toEqual([['1.5', '2015-06-30', '2015-07-01']]);
    expect(refs('Q4')).toEqual([
      ['1.4', '2015-09-30', '2015-10-01'],
      ['1.5', '2015-06-30', '2015-10-01'],
    ]);
    // The same actions as the stale-update findings.
    const cells = run.Q4.result.findings.filter((f) => f.rule === 'stale-update').map((f) => f.cell);
    expect(run.Q4.result.stale.map((s) => s.cell)).toEqual(cells);
  });

  test('lists dates revised in the notes and dates changed in the plan since they were recorded', () => {
    expect(run.Q3.result.slipped).toEqual([]);
    expect(run.Q4.result.slipped.map((s) => [s.ref, s.original, s.current, s.source])).toEqual([
      ['1.3', '2016-01-15', '2016-06-30', 'notes'],
      ['2.4', '2016-03-31', '2016-09-30', 'plan'],
    ]);
    expect(run.Q4.result.slipped[0].note).toMatch(/new date agreed June 16/);
  });
});

describe('the Exceptions sheet', () => {
  const s = sheet(run.Q4.result, 'Exceptions');

  test('lists only what the board must see, grouped by priority, with the reasons', () => {
    const head = rowStarting(s, 'Ref');
    expect(s.rows[head - 1]).toEqual(['Ref', 'Action', 'Lead', 'Rating', 'Travel', 'Due', 'Listed for', 'Details', 'Latest update']);
    const table = s.rows.slice(head, rowStarting(s, 'Exceptions by lead') - 2).map((r) => r.slice(0, 7));
    expect(table).toEqual([
      ['Priority 1: Making safeguarding personal'],
      // Within a priority, each lead's exceptions sit together (alphabetically), worst first.
      ['1.3', 'Publish easy-read leaflets on raising a concern', 'Comms Group', 'Amber', '→ held', d('2016-06-30'), 'At risk, Date revised'],
      ['1.4', 'Keep the audit tool for personal outcomes in use', 'CSE Subgroup', 'Amber', '↓ worsened', null, 'At risk, No recent update'],
      ['1.5', 'Report safeguarding data to the Board', 'Performance Manager', 'Amber', '→ held', null, 'At risk, No recent update'],
      ['1.1', 'Agree a multi-agency protocol for self-neglect', 'PPPG / CSE Group', 'Red', '↓ worsened', d('2015-12-31'), 'Overdue'],
      ['1.2', 'Train care home managers in person-centred safeguarding', 'Training Sub group', 'Red', '→ held', d('2015-11-30'), 'Overdue'],
      ['Priority 2: Learning from reviews'],
      ['2.4', 'Refresh the learning and improvement framework', 'Board Manager', 'Green', '→ held', d('2016-09-30'), 'Date revised'],
    ]);
    const details = (ref: string) => s.rows.find((r) => r[0] === ref)![7];
    expect(details('1.2')).toBe('Red: Due 30 Nov 2015 and no completion recorded by 31 Mar 2016. Red for 2 quarters running.');
    expect(details('1.4')).toBe('Amber: Ongoing; last update 30 Sep 2015, nothing since the start of Q3 2015/16. No progress update since 1 Oct 2015 (the last is dated 30 Sep 2015).');
    // The rating's reason already gives both dates; they are not repeated.
    expect(details('1.3')).toBe('Amber: Timescale revised from 15 Jan 2016 to 30 Jun 2016; not yet complete.');
    expect(details('2.4')).toBe('Date revised from 31 Mar 2016 to 30 Sep 2016 in the plan since it was recorded.');
    expect(s.rows.flat()).toContain('2 actions overdue; 3 at risk; 2 progress notes without a recent update; 2 dates revised; 1 Red for two quarters or more.');
  });

  test('counts the exceptions per lead, an action with two leads under both', () => {
    const t = rowStarting(s, 'Exceptions by lead');
    expect(s.rows.slice(t, t + 10)).toEqual([
      // The lead across the first two columns.
      ['Lead', null, 'Overdue or at risk', 'No recent update', 'Date revised', 'Refs'],
      ['Board Manager', null, 0, 0, 1, '2.4'],
      ['Comms Group', null, 1, 0, 1, '1.3'],
      ['CSE Group', null, 1, 0, 0, '1.1'],
      ['CSE Subgroup', null, 1, 1, 0, '1.4'],
      ['Performance Manager', null, 1, 1, 0, '1.5'],
      ['PPPG', null, 1, 0, 0, '1.1'],
      ['Training Sub group', null, 1, 0, 0, '1.2'],
    ]);
  });

  test('links each ref to its row in the plan, colours the rating and prints A4-ready', () => {
    const row = s.rows.findIndex((r) => r[0] === '1.2') + 1;
    expect(s.links).toContainEqual({ cell: `A${row}`, sheet: PLAN_SHEET, target: 'A6' });
    expect(ratingLookAt(s, `D${row}`)).toMatchObject({ fill: colour('Red').fill, font: colour('Red').font, bold: true });
    const head = rowStarting(s, 'Ref');
    expect(ratingLookAt(s, `D${head}`)).toBeNull(); // the header
    expect(ratingLookAt(s, `D${head + 1}`)).toBeNull(); // the first priority's row
    expect(ratingLookAt(s, `D${rowStarting(s, 'Board Manager')}`)).toBeNull(); // the counts by lead
    expect(s.print).toMatchObject({ orientation: 'landscape', fitToWidth: true, titleRows: `1:${head}` });
    expect(s.freezeRows).toBe(head);
  });

  test('is left out when exceptions are turned off', () => {
    const settings = SettingsSchema.parse({ summaries: { exceptions: false } });
    const off = refresh(workbookFor('Q2'), { asOf: QUARTER_END.Q2, today: REFRESH_DAY.Q2, settings });
    expect(off.patch.sheets.map((x) => x.name)).not.toContain('Exceptions');
  });
});

describe('the view by lead', () => {
  test('groups actions under each lead, spellings of a lead together, two leads in one cell under both', () => {
    const groups = run.Q4.result.byLead.map((g) => [g.lead, g.actions.map((a) => a.ref ?? a.action)]);
    expect(groups).toEqual([
      ['Board Chair', ['Hold a Board development day']],
      ['Board Manager', ['2.4']],
      ['Comms Group', ['1.3']],
      ['CSE Group', ['1.1']],
      ['CSE Subgroup', ['1.4']],
      ['Performance Manager', ['1.5']],
      ['PPPG', ['1.1']],
      ['SAR Sub-group', ['2.1', '2.3']],
      ['Training Sub group', ['1.2']],
    ]);
    const cse = run.Q4.result.byLead.find((g) => g.lead === 'CSE Subgroup')!.actions[0];
    expect(cse).toMatchObject({ ref: '1.4', effective: 'Amber', due: null, lastUpdate: '2015-09-30', stale: true });
  });

  test('writes a "By Lead" sheet only when the setting asks for it', () => {
    expect(run.Q4.result.patch.sheets.map((x) => x.name)).not.toContain('By Lead');
    const on = refresh(run.Q4.after, { asOf: QUARTER_END.Q4, today: REFRESH_DAY.Q4, settings: SettingsSchema.parse({ summaries: { perLead: true } }) });
    const s = sheet(on, 'By Lead');
    const t = rowStarting(s, 'SAR Sub-group');
    expect(s.rows[t - 1]).toEqual(['SAR Sub-group (2 actions)']);
    expect(s.rows[t]).toEqual(['Ref', 'Action', 'Rating', 'Travel', 'Due', 'Last update', 'Update needed']);
    // Under the lead, the priority the actions belong to (one plan: no plan heading).
    expect(s.rows[t + 1]).toEqual(['Priority 2: Learning from reviews']);
    expect(s.rows[t + 2]).toEqual(['2.1', 'Share learning briefings from adult reviews', 'Blue', '→ held', d('2016-03-31'), d('2015-12-31'), null]);
    expect(s.rows[t + 3]).toEqual(['2.3', 'Commission a thematic review of hospital discharge', 'Green', 'new', d('2016-09-30'), d('2016-03-31'), null]);
    const cse = s.rows.find((r) => r[0] === '1.4')!;
    expect(cse[6]).toBe('Yes');
    expect(s.links).toContainEqual({ cell: `A${t + 3}`, sheet: PLAN_SHEET, target: 'A12' });
    // Turning it off again removes the sheet BoardPlan made.
    const off = refresh(applyPatch(run.Q4.after, on.patch), { asOf: QUARTER_END.Q4, today: REFRESH_DAY.Q4, settings: SettingsSchema.parse({}) });
    expect(off.patch.deleteSheets).toEqual(['By Lead']);
  });
});
