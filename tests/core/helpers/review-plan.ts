import { date, fixtureSnapshot, type FixtureCell, type FixtureSheet } from '../../fixtures/workbook';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';

/**
 * One adults board plan as its officer keeps it through three quarterly reviews of 2015/16 (end of
 * Q2, Q3 and Q4): progress notes gain dated updates, one timescale is moved in the plan, one date is
 * revised in the notes, an action is finished and taken out, and a new action is added. The wording
 * is invented; the shapes (section rows, "Update Dec 15:" notes, "mmm-yy" date cells, "End of Nov 15",
 * "Ongoing", "Quarterly", leads such as "PPPG / CSE Group") follow real plans.
 */

export type ReviewQuarter = 'Q2' | 'Q3' | 'Q4';
export const QUARTER_END: Record<ReviewQuarter, string> = { Q2: '2015-09-30', Q3: '2015-12-31', Q4: '2016-03-31' };
/** The officer refreshes a few days after the quarter ends, with the as-of date set to the quarter's end. */
export const REFRESH_DAY: Record<ReviewQuarter, string> = { Q2: '2015-10-06', Q3: '2016-01-08', Q4: '2016-04-07' };

const mon = (iso: string): FixtureCell => date(iso, 'mmm-yy');
const by = <T>(q: ReviewQuarter, values: Record<ReviewQuarter, T>): T => values[q];

export const PLAN_SHEET = 'Business Plan';

export function planSheet(q: ReviewQuarter): FixtureSheet {
  const rows: FixtureCell[][] = [
    ['Northvale Safeguarding Adults Board Business Plan 2015-16'],
    [],
    ['Priority 1: Making safeguarding personal'],
    ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'],
    [
      '1.1',
      'Agree a multi-agency protocol for self-neglect',
      'PPPG / CSE Group',
      mon('2015-12-31'),
      by(q, {
        Q2: 'Update Sep 15: First draft written.',
        Q3: 'Update Sep 15: First draft written. Update Dec 15: Draft out to partners for comment.',
        Q4: 'Update Sep 15: First draft written. Update Dec 15: Draft out to partners for comment.',
      }),
    ],
    [
      '1.2',
      'Train care home managers in person-centred safeguarding',
      'Training Sub group',
      'End of Nov 15',
      by(q, {
        Q2: 'Update Sep 15: Course booked with the trainer.',
        Q3: 'Update Sep 15: Course booked with the trainer. Update Dec 15: First course held; two more to run.',
        Q4: 'Update Sep 15: Course booked with the trainer. Update Dec 15: First course held; two more to run.',
      }),
    ],
    [
      '1.3',
      'Publish easy-read leaflets on raising a concern',
      'Comms Group',
      date('2016-01-15'),
      by(q, {
        Q2: null,
        Q3: 'Update Dec 15: Leaflet drafted.',
        Q4: 'Update Dec 15: Leaflet drafted. Update Mar 16: Printer delayed; new date agreed June 16.',
      }),
    ],
    ['1.4', 'Keep the audit tool for personal outcomes in use', 'CSE Subgroup', 'Ongoing', 'Update Sep 15: Audit tool in use by all teams.'],
    ['1.5', 'Report safeguarding data to the Board', 'Performance Manager', 'Quarterly', 'Update Jun 15: First report received.'],
    [],
    ['Priority 2: Learning from reviews'],
    [
      '2.1',
      'Share learning briefings from adult reviews',
      'SAR Sub-group',
      mon('2016-03-31'),
      by(q, { Q2: null, Q3: 'Update Dec 15: Two briefings held. Complete', Q4: 'Update Dec 15: Two briefings held. Complete' }),
    ],
  ];
  if (q !== 'Q4') {
    // Finished in Q3, and taken out of the plan before the Q4 review.
    rows.push(['2.2', 'Audit the quality of safeguarding enquiries', 'Quality Assurance Group', mon('2015-09-30'), q === 'Q2' ? null : 'Update Dec 15: Audit complete and reported to the Board.']);
  } else {
    rows.push(['2.3', 'Commission a thematic review of hospital discharge', 'SAR Sub group', mon('2016-09-30'), 'Update Mar 16: Terms of reference drafted.']);
  }
  rows.push(
    [
      '2.4',
      'Refresh the learning and improvement framework',
      'Board Manager',
      q === 'Q4' ? mon('2016-09-30') : mon('2016-03-31'),
      by(q, {
        Q2: null,
        Q3: 'Update Dec 15: Consultation under way.',
        Q4: "Update Dec 15: Consultation under way. Update Mar 16: Consultation widened to include the children's board.",
      }),
    ],
    [
      null,
      // No ref: known by its text, which the officer retyped with different spacing and case in Q4.
      q === 'Q4' ? 'Hold a Board  development day' : 'Hold a board development day',
      'Board Chair',
      mon('2016-03-31'),
      by(q, { Q2: null, Q3: 'Update Dec 15: Venue booked.', Q4: 'Update Dec 15: Venue booked. Update Mar 16: Held on 10 March. Complete' }),
    ],
  );
  return { name: PLAN_SHEET, rows };
}

/** The workbook as the officer left it for quarter q: `before`'s other sheets, the plan sheet replaced. */
export function workbookFor(q: ReviewQuarter, before?: WorkbookSnapshot): WorkbookSnapshot {
  const plan = fixtureSnapshot({ name: 'northvale-sab-plan-2015-16.xlsx', sheets: [planSheet(q)] });
  if (!before) return plan;
  return { ...before, sheets: before.sheets.map((s) => (s.name === PLAN_SHEET ? plan.sheets[0] : s)) };
}
