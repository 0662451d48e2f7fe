import fc from 'fast-check';
import type { PlanPeriod } from '../../src/core/model';
import { parseProgress } from '../../src/core/progress';
import { missedDates } from '../../src/core/progress-words';
import { check, type CheckResult } from '../../src/core/refresh';
import { fixtureSnapshot, type FixtureCell } from '../fixtures/workbook';

/**
 * "Will not be met by March", "the March deadline will not be met": the officer says the action's
 * date will be missed. That is a setback on the action's own date (Amber while the date is ahead,
 * Red once it has passed), quoted in the reason; not a revised timescale. A new date given with it
 * ("extended to June 2026", "now expected in May 2026") is still a revision.
 */

const FY15: PlanPeriod = { start: '2015-04-01', end: '2016-03-31' };

describe('the date in a missed-date phrase is the date missed, never a new one', () => {
  test.each([
    'Recruitment slipped, so this will not be met by March',
    'Volunteer recruitment slipped, so this will not be met by February.',
    'Staffing delayed – the deadline won’t be achieved by Q4',
    'Supplier went into administration; is unlikely to be completed by 31/03/16',
    'Originally planned for March; the March deadline will not be met',
    'Postponed: not going to be finished before the summer',
  ])('"%s" records no revision, and a setback', (note) => {
    const p = parseProgress(note, FY15);
    expect(p.revised).toBeNull();
    expect(p.setback).not.toBeNull();
  });

  test.each([
    ['Will not be met by December; deadline extended to June 2016', '2016-06-30'],
    ['Not going to be completed by March – now expected in May 2016', '2016-05-31'],
    ['The March deadline will not be met. Revised date: July 2016', '2016-07-31'],
    ['Delayed until April 2016', '2016-04-30'],
  ])('"%s" still records the new date %s', (note, due) => {
    expect(parseProgress(note, FY15).revised?.newDue).toBe(due);
  });

  test('an earlier update’s new date stands when a later one says it will be missed', () => {
    const p = parseProgress('Update Dec 15: moved to March 2016. Update Feb 16: will not be met by March either', FY15);
    expect(p.revised?.newDue).toBe('2016-03-31');
    expect(p.setback).toBe('will not be met by March');
  });
});

describe('rated as a setback on the action’s own date', () => {
  const HEADER = ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'];
  const ROWS: FixtureCell[][] = [
    ['2.1', 'Open a third-party hate crime reporting centre', 'Police', 'March 2026', 'Recruitment slipped, so this will not be met by March'],
    ['2.2', 'Refresh the ASB case review procedure', 'Community Safety Team', 'March 2026', 'The March deadline will not be met; extended to June 2026'],
    ['2.3', 'Roll out the safer streets CCTV upgrade', 'Council', 'March 2026', 'Cameras ordered; will be met by March as planned'],
  ];
  function rated(asOf: string): CheckResult {
    const rows = [['Community Safety Partnership – Delivery Plan 2025-26'], [], HEADER, ...ROWS];
    return check(fixtureSnapshot({ name: 'csp.xlsx', sheets: [{ name: 'Delivery Plan', rows }] }), { asOf });
  }
  const assessmentOf = (result: CheckResult, ref: string) => result.plans[0].actions.find((a) => a.action.ref === ref)!.assessment;

  test('before the date: Amber, the reason quoting the officer and giving the action’s own date', () => {
    const result = rated('2026-01-31');
    expect(assessmentOf(result, '2.1')).toMatchObject({ effective: 'Amber', status: 'at-risk', reason: 'Progress says "will not be met by March"; due 31 Mar 2026, not yet complete.' });
    expect(assessmentOf(result, '2.3')).toMatchObject({ effective: 'Green', status: 'on-track' });
  });

  test('after the date: Red, still quoting the officer', () => {
    expect(assessmentOf(rated('2026-04-30'), '2.1')).toMatchObject({
      effective: 'Red',
      reason: 'Due 31 Mar 2026 and no completion recorded by 30 Apr 2026; progress says "will not be met by March".',
    });
  });

  test('a new date given with it is a revision to that date', () => {
    expect(assessmentOf(rated('2026-01-31'), '2.2')).toMatchObject({ effective: 'Amber', reason: 'Timescale revised from 31 Mar 2026 to 30 Jun 2026; not yet complete.' });
    expect(assessmentOf(rated('2026-04-30'), '2.2')).toMatchObject({ effective: 'Amber', status: 'at-risk' });
  });
});

describe('properties', () => {
  const pieces = fc.constantFrom(
    'will not be met', 'won’t', 'be', 'achieved', 'by', 'May', 'the end of', 'Q2', 'deadline', 'the', 'is unlikely to', 'not', 'going to', 'miss', 'target date',
    'extended to', 'June 2016', 'delayed', 'slipped', 'as planned', 'Update Dec 15:', ';', '–', '.', 'was', 'met', 'in time for', 'board', '\n', '',
  );
  const notes = fc.array(pieces, { maxLength: 14 }).map((ws) => ws.join(' '));

  test('never throws, on any text or on notes of these words; each span lies within the note', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), notes), (text) => {
        for (const { index, end } of missedDates(text)) {
          expect(index).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(text.length);
          expect(index).toBeLessThan(end);
        }
        parseProgress(text, FY15);
      }),
      { numRuns: 1000 },
    );
  });

  // The notes around it name other dates (May, Q2, June 2016), never 31 March 2016.
  test('the date a note says will be missed never becomes its new date', () => {
    fc.assert(
      fc.property(notes, notes, (before, after) => {
        const note = `${before}. The work will not be completed by 31/03/16. ${after}`;
        expect(parseProgress(note, FY15).revised?.newDue).not.toBe('2016-03-31');
      }),
      { numRuns: 500 },
    );
  });
});
