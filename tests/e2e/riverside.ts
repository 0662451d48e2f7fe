import { date, type FixtureWorkbook } from '../fixtures/workbook';

/**
 * A small adults' board plan for the end-to-end test. Its outcome column is headed "What will
 * change", which neither its words nor its cells name, so the officer maps it by hand in the
 * Columns tab. As of
 * 31 Mar 2016 its actions are complete (1.1, 2.2), overdue (1.2, 2.4), due soon (1.3), due later
 * (1.4), recurring (2.3) and undated (2.1, whose "At a date jointly agreed" is a finding in E11).
 */
export const riverside: FixtureWorkbook = {
  name: 'riverside-plan.xlsx',
  sheets: [
    {
      name: 'Business Plan',
      rows: [
        ['Riverside Safeguarding Adults Board — Business Plan 2015-16'],
        ['RAG key: Blue: Complete; Green: On track; Amber: At risk; Red: Overdue'],
        [],
        ['Ref', 'Action', 'What will change', 'Accountable', 'Timescale', 'Progress'],
        ['Priority 1: Making safeguarding personal'],
        [
          '1.1',
          'Survey people who went through a safeguarding enquiry about their experience',
          'What people tell us shapes practice',
          'Head of Adult Social Care',
          date('2015-12-31', 'mmm-yy'),
          'Update Dec 15: survey closed and report drafted. Update March 16: complete; report published on the Board website.',
        ],
        [
          '1.2',
          'Train frontline staff in person-centred safeguarding',
          'Eight in ten frontline staff trained',
          'Training sub-group',
          date('2016-01-31'),
          'Update Jan 16: half of the staff trained; more sessions to be booked.',
        ],
        [
          '1.3',
          'Publish guidance on person-centred safeguarding for care providers',
          'Providers follow the guidance',
          'Policy sub-group',
          'End of April 16',
          'Update March 16: final draft with the legal team.',
        ],
        [
          '1.4',
          'Audit case files for recorded outcomes',
          'Audit report to the Board',
          'Quality sub-group',
          'Sept 16',
          'Update March 16: audit tool agreed by the sub-group.',
        ],
        ['Priority 2: Prevention and early help'],
        ['2.1', 'Launch a self-neglect protocol across partners', 'Protocol adopted by all partners', 'Self-neglect task group', 'At a date jointly agreed', ''],
        [
          '2.2',
          'Review the multi-agency referral form',
          'Fewer referrals returned as incomplete',
          'Business Manager',
          date('2016-02-29'),
          'Update Feb 16: completed and in use since February.',
        ],
        [
          '2.3',
          'Hold learning events on financial abuse',
          'Practitioners know how to spot financial abuse',
          'Board Chair',
          'Quarterly',
          'Update March 16: second event held, 60 practitioners attended.',
        ],
        [
          '2.4',
          'Agree an information-sharing protocol with housing providers',
          'Signed protocol',
          'Housing lead',
          date('2015-11-30', 'mmm-yy'),
          'Update Dec 15: draft with partners for comment.',
        ],
      ],
    },
  ],
};
