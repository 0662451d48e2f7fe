import type { Finding } from '../../src/core/model';
import { check, type CheckResult } from '../../src/core/refresh';
import { fixtureSnapshot, type FixtureCell } from '../fixtures/workbook';

/**
 * A plan with one progress column headed with its date ("Latest position (Jan 2026)", "Position at
 * March 2014"): an undated note under it is the position at that date, so it is rated, reported as
 * stale or current, and named in the reason by that date; a dated opening in the note still wins.
 */

const HEADER = (progress: string) => ['Ref', 'Action', 'Lead', 'Timescale', progress];

/** A community safety partnership's delivery plan, its one progress column headed as given. */
function plan(progress: string, rows: FixtureCell[][], asOf: string, title = 'Community Safety Partnership – Delivery Plan 2025-26'): CheckResult {
  const snapshot = fixtureSnapshot({ name: 'csp.xlsx', sheets: [{ name: 'Delivery Plan', rows: [[title], [], HEADER(progress), ...rows] }] });
  return check(snapshot, { asOf });
}

const ROWS: FixtureCell[][] = [
  ['1.1', 'Run knife crime awareness sessions in secondary schools', 'Youth Service', 'Ongoing', 'Work has started with schools'],
  ['1.2', 'Publish the hate crime reporting guide', 'Community Safety Team', 'December 2025', 'Guide published and sent to partners – complete'],
  ['1.3', 'Agree a protocol for sharing ASB data', 'Police / Housing', 'Ongoing', 'Update Oct 25: first draft shared with housing providers'],
  ['1.4', 'Train licensed premises staff in vulnerability', 'Licensing', 'Ongoing', null],
];

function actionAt(result: CheckResult, ref: string) {
  const found = result.plans.flatMap((p) => p.actions).find((a) => a.action.ref === ref);
  if (!found) throw new Error(`No action ${ref}`);
  return found;
}
const stale = (result: CheckResult): (string | null)[] => result.findings.filter((f: Finding) => f.rule === 'stale-update').map((f) => f.cell);

describe('one progress column headed with its date', () => {
  test.each([
    ['Latest position (Jan 2026)', '2026-01-31'],
    ['Current position – December 2025', '2025-12-31'],
    ['Progress as at Q3 2025/26', '2025-12-31'],
    ['Comments at 30/09/2025', '2025-09-30'],
    ['Position (Autumn 2025)', '2025-11-30'],
  ])('under "%s", an undated note is the position at %s', (heading, date) => {
    const result = plan(heading, ROWS, '2026-03-31');
    expect(result.plans[0].plan.columns.progress).toMatchObject({ letter: 'E', dated: date });
    expect(actionAt(result, '1.1').action.progress).toMatchObject({ lastUpdate: date, updates: [{ date, text: 'Work has started with schools' }] });
  });

  test('the reason names the note by the heading’s date, as it names any dated update', () => {
    const result = plan('Latest position (Jan 2026)', ROWS, '2026-03-31');
    expect(actionAt(result, '1.2').assessment).toMatchObject({ effective: 'Blue', reason: 'Progress records the action as complete (update of 31 Jan 2026).' });
    expect(actionAt(result, '1.1').assessment).toMatchObject({ effective: 'Green', reason: 'Ongoing; updated 31 Jan 2026.' });
  });

  test('a dated opening in the note itself wins over the heading', () => {
    const result = plan('Latest position (Jan 2026)', ROWS, '2026-03-31');
    expect(actionAt(result, '1.3').action.progress).toMatchObject({ lastUpdate: '2025-10-31', updates: [{ date: '2025-10-31' }] });
    expect(actionAt(result, '1.3').assessment.reason).toBe('Ongoing; updated 31 Oct 2025.');
  });

  test('an empty cell under a dated heading is no update', () => {
    const result = plan('Latest position (Jan 2026)', ROWS, '2026-03-31');
    expect(actionAt(result, '1.4').action.progress).toMatchObject({ lastUpdate: null, updates: [] });
    expect(actionAt(result, '1.4').assessment.reason).toBe('Ongoing; no progress recorded.');
  });

  test('a position a year old is stale, as the officer would see it; without the heading’s date the same note counted as current', () => {
    // No note of this plan dates itself: only the heading can.
    const undatedNotes = ROWS.filter((r) => r[0] !== '1.3');
    const old = plan('Position at March 2025', undatedNotes, '2026-03-31');
    expect(actionAt(old, '1.1').assessment).toMatchObject({ effective: 'Amber', reason: 'Ongoing; last update 31 Mar 2025, nothing since the start of Q3 2025/26.' });
    expect(stale(old)).toContain('E4');
    expect(old.findings.find((f) => f.rule === 'stale-update' && f.cell === 'E4')?.message).toContain('the last is dated 31 Mar 2025');

    const undated = plan('Latest position', undatedNotes, '2026-03-31');
    expect(undated.plans[0].plan.columns.progress?.dated).toBeUndefined();
    expect(actionAt(undated, '1.1').action.progress.lastUpdate).toBeNull();
    expect(actionAt(undated, '1.1').assessment).toMatchObject({ effective: 'Green', reason: 'Ongoing; progress is recorded.' });
    expect(stale(undated)).not.toContain('E4');
  });

  test('a 2018/19 plan reads "Update – Sept 18" as September 2018', () => {
    const rows: FixtureCell[][] = [['A1', 'Audit the exploitation pathway', 'Police', 'Ongoing', 'Audit tool agreed']];
    const result = plan('Update – Sept 18', rows, '2018-12-31', 'Children’s Safeguarding Partnership Plan 2018-19');
    expect(actionAt(result, 'A1').action.progress.lastUpdate).toBe('2018-09-30');
    expect(actionAt(result, 'A1').assessment.reason).toBe('Ongoing; updated 30 Sep 2018.');
  });

  test.each(['Progress 2025/26', 'Progress update (please date each entry)', 'Progress'])('"%s" names no date its notes were written: they stay undated', (heading) => {
    const result = plan(heading, ROWS, '2026-03-31');
    expect(result.plans[0].plan.columns.progress?.dated).toBeUndefined();
    expect(actionAt(result, '1.1').action.progress).toMatchObject({ lastUpdate: null, updates: [] });
  });

  test('the column’s reason says its heading dates its notes', () => {
    const result = plan('Latest position (Jan 2026)', ROWS, '2026-03-31');
    expect(result.plans[0].plan.columns.progress?.reason).toContain('its heading dates its notes 31 Jan 2026');
  });
});
