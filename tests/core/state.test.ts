import { STATE_SHEET } from '../../src/core/patch';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/core/settings';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { readState, stateSheet } from '../../src/core/state';

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
    const sheet = stateSheet(settings, ['P1 Summary', 'Board Overview']);
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
    const sheet = stateSheet(settings, []);
    const slices = sheet.rows.filter((r) => r[0] === 'settings');
    expect(slices.length).toBeGreaterThan(1);
    for (const r of slices) expect(String(r[1]).length).toBeLessThanOrEqual(32767);
    expect(readState(snapshotWith(sheet.rows as (string | null)[][])).settings).toEqual(settings);
  });

  test('a workbook without the sheet gets the defaults and owns nothing', () => {
    const state = readState(snapshotWith([['x']], 'Plan'));
    expect(state).toEqual({ settings: DEFAULT_SETTINGS, problems: [], ownedSheets: [], present: false });
  });

  test('damaged or invalid stored settings fall back to defaults with a readable reason', () => {
    expect(readState(snapshotWith([['settings', '{not json']])).problems[0]).toContain('not readable');
    const invalid = readState(snapshotWith([['settings', JSON.stringify({ dueSoonDays: -3 })]]));
    expect(invalid.settings).toEqual(DEFAULT_SETTINGS);
    expect(invalid.problems[0]).toContain('dueSoonDays');
  });
});
