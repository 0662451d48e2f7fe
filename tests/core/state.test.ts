import { STATE_SHEET } from '../../src/core/patch';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/core/settings';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { readState, stateSheet } from '../../src/core/state';
import { refresh } from '../../src/core/refresh';

/** The first row BoardPlan writes on its state sheet: its title, by which the sheet is known. */
const TITLE_ROW = stateSheet(DEFAULT_SETTINGS, [], STATE_SHEET).rows[0] as (string | null)[];

/** A snapshot holding a generated sheet as a host would read it back. */
function snapshotWith(rows: (string | number | null)[][], name = STATE_SHEET): WorkbookSnapshot {
  return {
    name: 'book.xlsx',
    tables: [],
    sheets: [{ name, visibility: 'veryHidden', top: 1, left: 1, values: rows, numberFormats: rows.map((r) => r.map(() => 'General')) }],
  };
}

describe('state sheet', () => {
  test('settings and owned sheets survive a write and a read', () => {
    const settings = SettingsSchema.parse({ scheme: 'off-target', dueSoonDays: 14, columns: { 'Plan!A4': { lead: 'D', outcome: null } } });
    const sheet = stateSheet(settings, ['P1 Summary', 'Board Overview'], STATE_SHEET);
    expect(sheet.visibility).toBe('veryHidden');
    const state = readState(snapshotWith(sheet.rows as (string | null)[][]));
    expect(state.settings).toEqual(settings);
    expect(state.ownedSheets.sort()).toEqual(['Board Overview', 'P1 Summary']);
    expect(state.problems).toEqual([]);
  });

  test('settings longer than one cell can hold are split across rows and joined again', () => {
    const columns: Record<string, { lead: string }> = {};
    for (let i = 0; i < 3000; i++) columns[`Sheet number ${i}!A${i + 1}`] = { lead: 'C' };
    const settings = SettingsSchema.parse({ columns });
    const sheet = stateSheet(settings, [], STATE_SHEET);
    const slices = sheet.rows.filter((r) => r[0] === 'settings');
    expect(slices.length).toBeGreaterThan(1);
    for (const r of slices) expect(String(r[1]).length).toBeLessThanOrEqual(32767);
    expect(readState(snapshotWith(sheet.rows as (string | null)[][])).settings).toEqual(settings);
  });

  test('a workbook without the sheet gets the defaults and owns nothing', () => {
    const state = readState(snapshotWith([['x']], 'Plan'));
    expect(state).toEqual({ settings: DEFAULT_SETTINGS, problems: [], ownedSheets: [], present: false, sheet: STATE_SHEET });
  });

  test('damaged or invalid stored settings fall back to defaults with a readable reason', () => {
    expect(readState(snapshotWith([TITLE_ROW, ['settings', '{not json']])).problems[0]).toContain('not readable');
    const invalid = readState(snapshotWith([TITLE_ROW, ['settings', JSON.stringify({ dueSoonDays: -3 })]]));
    expect(invalid.settings).toEqual(DEFAULT_SETTINGS);
    expect(invalid.problems[0]).toContain('dueSoonDays');
    // A plan period ending on a day no calendar has is refused like any other bad setting.
    const noSuchDay = readState(snapshotWith([TITLE_ROW, ['settings', JSON.stringify({ planPeriod: { start: '2015-04-01', end: '2016-02-30' } })]]));
    expect(noSuchDay.settings.planPeriod).toBeNull();
    expect(noSuchDay.problems[0]).toMatch(/planPeriod.*YYYY-MM-DD/);
  });

  test("a sheet of the user's named BoardPlan is theirs: its plan is read, and the state goes to a name no sheet has", () => {
    const rows = [
      ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'],
      ['1.1', 'Audit case files', 'PPPG', 'Jun 2016', 'Not due'],
    ];
    const snapshot: WorkbookSnapshot = {
      name: 'book.xlsx',
      tables: [],
      sheets: [{ name: STATE_SHEET, visibility: 'visible', top: 1, left: 1, values: rows, numberFormats: rows.map((r) => r.map(() => 'General')) }],
    };
    expect(readState(snapshot)).toMatchObject({ present: false, sheet: 'BoardPlan settings' });
    const result = refresh(snapshot, { today: '2016-03-31' });
    expect(result.plans.map((p) => [p.plan.sheet, p.actions.length])).toEqual([[STATE_SHEET, 1]]);
    expect(result.patch.sheets.map((s) => s.name)).not.toContain(STATE_SHEET);
    expect(result.patch.sheets.find((s) => s.visibility === 'veryHidden')?.name).toBe('BoardPlan settings');

    // Once written, the state is found there on the next refresh, and the user's sheet stays theirs.
    const written = result.patch.sheets.find((s) => s.name === 'BoardPlan settings')!;
    const next: WorkbookSnapshot = { ...snapshot, sheets: [...snapshot.sheets, { ...snapshotWith(written.rows as (string | null)[][], written.name).sheets[0] }] };
    expect(readState(next)).toMatchObject({ present: true, sheet: 'BoardPlan settings' });
    expect(refresh(next, { today: '2016-03-31' }).patch.sheets.map((s) => s.name)).not.toContain(STATE_SHEET);
  });

  test("BoardPlan's own sheets stay when they are the workbook's last visible ones, as Excel requires", () => {
    const summary = (name: string) => ({ name, visibility: 'visible' as const, top: 1, left: 1, values: [['Summary']], numberFormats: [['General']] });
    const state = stateSheet(DEFAULT_SETTINGS, ['P1 Summary', 'Board Overview'], STATE_SHEET);
    const stateRows = state.rows as (string | null)[][];
    const onlyOwn: WorkbookSnapshot = {
      name: 'book.xlsx',
      tables: [],
      sheets: [summary('P1 Summary'), summary('Board Overview'), { ...snapshotWith(stateRows).sheets[0] }],
    };
    // No plan is left to summarise: the summaries are no longer produced, but nothing else is visible.
    const kept = refresh(onlyOwn, { today: '2016-03-31' }).patch;
    expect(kept.deleteSheets).toEqual([]);
    // They are still BoardPlan's, for a later refresh to replace.
    const written = kept.sheets.find((s) => s.name === STATE_SHEET)!;
    expect(readState(snapshotWith(written.rows as (string | null)[][])).ownedSheets.sort()).toEqual(['Board Overview', 'P1 Summary']);
    // With a sheet of the user's still visible, they go.
    const withNotes: WorkbookSnapshot = { ...onlyOwn, sheets: [summary('Notes'), ...onlyOwn.sheets] };
    expect(refresh(withNotes, { today: '2016-03-31' }).patch.deleteSheets.sort()).toEqual(['Board Overview', 'P1 Summary']);
  });
});
