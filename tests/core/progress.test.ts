import fc from 'fast-check';
import { isValidDate, parseIso } from '../../src/core/cells';
import type { PlanPeriod } from '../../src/core/model';
import type { CellValue } from '../../src/core/snapshot';
import { clip, oneLine, stripMarkup } from '../../src/core/markup';
import { parseProgress } from '../../src/core/progress';

const FY15: PlanPeriod = { start: '2015-04-01', end: '2016-03-31' };
const FY14: PlanPeriod = { start: '2014-04-01', end: '2015-03-31' };
const H2_10: PlanPeriod = { start: '2010-10-01', end: '2011-03-31' };

const read = (note: CellValue, period: PlanPeriod = FY15) => parseProgress(note, period);

describe('stripping markup', () => {
  test('tags go, paragraphs and list items keep a line each', () => {
    const raw = '<p style="text-align: center;">Audit</p> <p>Report <b>agreed</b></p><ul class="x"><li>One</li><li>Two</li></ul>';
    expect(stripMarkup(raw)).toEqual({ text: 'Audit\nReport agreed\nOne\nTwo', hadMarkup: true });
  });

  test('line breaks become new lines and runs of spaces collapse', () => {
    expect(stripMarkup('First<br>Second<br/>   Third    part').text).toBe('First\nSecond\nThird part');
  });

  test.each([
    ['Police &amp; Health', 'Police & Health'],
    ['&lt;b&gt; is shown', '<b> is shown'],
    ['Young people&#39;s survey', "Young people's survey"],
    ['&quot;Voice of the child&quot;', '"Voice of the child"'],
    ['Safeguarding&nbsp;&nbsp;matters', 'Safeguarding matters'],
  ])('decodes "%s"', (raw, text) => {
    expect(stripMarkup(raw)).toEqual({ text, hadMarkup: true });
  });

  test('plain text is left alone and reported as such', () => {
    expect(stripMarkup('Audit 1 < 2 and R&D > 0')).toEqual({ text: 'Audit 1 < 2 and R&D > 0', hadMarkup: false });
  });

  test('blank lines between paragraphs are dropped', () => {
    expect(stripMarkup('One\r\n\r\n\r\nTwo\n \nThree').text).toBe('One\nTwo\nThree');
  });
});

describe('dated updates', () => {
  test.each([
    ['Update Dec 15: minutes circulated', '2015-12-31', 'minutes circulated'],
    ['Update March 16 – report to the board', '2016-03-31', 'report to the board'],
    ['<b>Update Jan 16</b> : schools audit returned', '2016-01-31', 'schools audit returned'],
    ['Update Dec 15; training booked', '2015-12-31', 'training booked'],
    ['Update 14.1.16: panel met', '2016-01-14', 'panel met'],
    ['UPDATE (Feb 2016) leaflet drafted', '2016-02-29', 'leaflet drafted'],
    ['Dec 15 update: terms of reference drafted', '2015-12-31', 'terms of reference drafted'],
    ['<b>Update March 2016:</b> policy out for comment', '2016-03-31', 'policy out for comment'],
    ['Update Nov: chair briefed', '2015-11-30', 'chair briefed'],
  ])('"%s" is an update of %s', (note, date, text) => {
    const p = read(note);
    expect(p.updates).toEqual([{ date, text }]);
    expect(p).toMatchObject({ lastUpdate: date, lastUpdateText: text });
  });

  test('each update runs to the next heading; the text before the first is not an update', () => {
    const p = read('Working group formed in the summer  Update Dec 15: first draft in Dec 15 Update March 16: draft out for consultation');
    expect(p.updates).toEqual([
      { date: '2015-12-31', text: 'first draft in Dec 15' },
      { date: '2016-03-31', text: 'draft out for consultation' },
    ]);
    expect(p.lastUpdate).toBe('2016-03-31');
    expect(p.lastUpdateText).toBe('draft out for consultation');
  });

  test('the latest update is the latest by date, wherever it is written', () => {
    const p = read('Update Mar 16: pilot running. Update Dec 15: pilot agreed');
    expect(p).toMatchObject({ lastUpdate: '2016-03-31', lastUpdateText: 'pilot running.' });
  });

  test('a month heading without a year is placed in the plan period', () => {
    expect(read('Update Jan: cases sampled', H2_10).lastUpdate).toBe('2011-01-31');
  });

  test('a note without headings has no updates', () => {
    const p = read('Receive update report from the commissioners in due course');
    expect(p).toMatchObject({ updates: [], lastUpdate: null, lastUpdateText: null });
  });
});

describe('completion', () => {
  test.each([
    'Complete',
    'Completed',
    'completed',
    'Target achieved',
    'Strategy signed off by the Board',
    'Protocol in place',
    'Action plan in place and monitored routinely',
    'Work done',
    'Guidance finalised and circulated',
    'Training delivered to all designated leads',
    'Closed',
    'Update Dec 15: All single agency action plans completed.',
    'Front sheet for the policies now in place and the remaining documents will follow as they are reviewed by the group',
    'Update Dec 15: strategy written and will be launched in January. Update March 16: Strategy launched in January.',
  ])('"%s" is complete', (note) => {
    expect(read(note).complete).toBe(true);
  });

  test.each([
    'Not complete',
    'not yet complete',
    'Incomplete',
    'Policy not in place',
    'Report to be completed by June',
    'Will be completed once the audit returns',
    'Once completed, share with partners',
    'Sample visits being undertaken before final report completed.',
    'Awaiting sign off from the executive',
    'Strategy due to be signed off in March',
    'Evaluation yet to be finalised',
    'Complete the audit by March',
    'Complete?',
    'Update Dec 15: draft shared and approved by PPPG; agreed to include more agencies and review in 12 months',
    'Draft model and project plan in place; progress is being made with four task and finish groups in place across the partnership.',
    'Update Dec 15: All action plans completed. Update Mar 16: reopened after the inspection; new actions added',
    'Not started - will be completed next year',
  ])('"%s" is not complete', (note) => {
    expect(read(note).complete).toBe(false);
  });
});

describe('not started and not due', () => {
  test.each(['Not started', 'not yet started', 'No progress', 'Not yet commenced', 'Not commenced currently'])('"%s" is not started', (note) => {
    expect(read(note)).toMatchObject({ notStarted: true, complete: false });
  });

  test.each(['Not due', 'Not yet due', 'Not due until June 2016'])('"%s" is not due', (note) => {
    expect(read(note).notDue).toBe(true);
  });

  test('a later update overrides an earlier "not started"', () => {
    expect(read('Not started  Update March 16: first meeting held').notStarted).toBe(false);
  });

  test('an ordinary note is neither', () => {
    expect(read('Meeting held with the schools lead')).toMatchObject({ notStarted: false, notDue: false, complete: false });
  });
});

describe('revised dates', () => {
  test.each([
    ['New date agreed for April 2016', null, '2016-04-30'],
    ['Revised date June 2016', null, '2016-06-30'],
    ['Update Dec 15: in hand but not complete - revise date to Mar 16 - chair agreed', null, '2016-03-31'],
    ['Update March 16: new date requested (original date was Dec 15)', '2015-12-31', null],
    ['Deadline extended to June 2016', null, '2016-06-30'],
    ['Slipped to Sept 16', null, '2016-09-30'],
    ['Delayed until April 2016', null, '2016-04-30'],
    ['Date changed to May 2016', null, '2016-05-31'],
    ['Moved to Q1 2016/17', null, '2016-06-30'],
    ['Originally Dec 15, now moved to March 16', '2015-12-31', '2016-03-31'],
    ['Update March 16: moved to June agenda', null, '2016-06-30'],
  ])('"%s" records a revision (was %s, now %s)', (note, originalDue, newDue) => {
    expect(read(note).revised).toMatchObject({ originalDue, newDue });
  });

  test('the revision recorded is the latest one, with its sentence', () => {
    const p = read('Update Dec 15: in hand but not complete - revise date to Mar 16 - chair agreed Update March 16: date revised again to June 16');
    expect(p.revised).toEqual({ text: 'date revised again to June 16', originalDue: null, newDue: '2016-06-30' });
  });

  test('a revision without a date is still a revision', () => {
    expect(read('Update Dec 15: scheduled for reporting, amended timescale').revised).toMatchObject({ originalDue: null, newDue: null });
  });

  test.each(['Moved to new offices', 'Revised strategy presented to the board', 'Extended to include adult services', 'Update Dec 15: on track'])(
    '"%s" records no revision',
    (note) => {
      expect(read(note).revised).toBeNull();
    },
  );
});

describe('the note itself', () => {
  test('text is free of markup and hadMarkup says there was some', () => {
    const p = read('<b>Update Dec 15</b> : Revised strategy &amp; plan presented');
    expect(p.text).toBe('Update Dec 15 : Revised strategy & plan presented');
    expect(p.hadMarkup).toBe(true);
    expect(read('Update Dec 15: plan presented').hadMarkup).toBe(false);
  });

  test('empty and non-text cells give an empty reading', () => {
    expect(read(null)).toEqual({
      text: '',
      updates: [],
      lastUpdate: null,
      lastUpdateText: null,
      complete: false,
      notStarted: false,
      notDue: false,
      setback: null,
      percent: null,
      revised: null,
      hadMarkup: false,
    });
    expect(read(42).text).toBe('42');
  });

  test('updates in a 2014/15 plan take their years from the headings', () => {
    expect(read('Update Sept 14: survey launched Update Jan 15: results in', FY14).updates.map((u) => u.date)).toEqual(['2014-09-30', '2015-01-31']);
  });
});

// ---- properties ------------------------------------------------------------------------------

const PIECES = [
  'Update', 'update', 'Dec 15', 'March 16', '14.1.16', '(Feb 2016)', ':', ';', ' – ', '<b>', '</b>', '<p>', '&amp;', 'complete', 'not',
  'to be', 'in place', 'Not due', 'Not started', 'revised date', 'moved to', 'original date was', 'Jun', ' ', '\n', '.',
];
const note: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((ps) => ps.join(' ')),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((ps) => ps.join('')),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const period = fc.constantFrom(FY15, FY14, H2_10);

const isIso = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && isValidDate(parseIso(d).year, parseIso(d).month, parseIso(d).day);

describe('properties', () => {
  test('never throws, and the latest update is the latest date', () => {
    fc.assert(
      fc.property(note, period, (value, p) => {
        const r = parseProgress(value, p);
        expect(r.updates.every((u) => isIso(u.date))).toBe(true);
        if (r.updates.length === 0) expect(r.lastUpdate).toBeNull();
        else expect(r.lastUpdate).toBe(r.updates.map((u) => u.date).sort().pop());
        expect(r.text).not.toMatch(/<\/?(?:b|p)>/);
        if (r.complete) expect(r.notStarted).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  test('is deterministic', () => {
    fc.assert(
      fc.property(note, period, (value, p) => {
        expect(parseProgress(value, p)).toEqual(parseProgress(value, p));
      }),
      { numRuns: 500 },
    );
  });

  test('stripped text has no blank lines, no runs of spaces and no stray whitespace at either end', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...PIECES, '<br>', '&nbsp;', '\t', '\r\n')).map((ps) => ps.join(''))), (raw) => {
        const { text } = stripMarkup(raw);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/ {2}|\n\s*\n|[ \t]\n|\n[ \t]/);
      }),
    );
  });

  test('every character JavaScript counts as whitespace is folded, and no other', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(oneLine(text)).toBe(text.replace(/\s+/g, ' '));
    }
  });

  test('one-line text is the text with every run of whitespace made one space, whatever the whitespace', () => {
    const spaces = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u2028', '\u3000', '\ufeff', '\v', '\f'];
    const text = fc.oneof(fc.string({ maxLength: 60, unit: 'binary' }), fc.array(fc.constantFrom(...spaces, 'a', 'Update', '1.1', '<b>', '&amp;')).map((ps) => ps.join('')));
    fc.assert(
      fc.property(text, (raw) => {
        expect(oneLine(raw)).toBe(raw.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 1000 },
    );
  });

  test('a clipped text fits, keeps its start, and marks the cut; a text that fits is left whole', () => {
    const words = fc.array(fc.constantFrom('a', 'Priority', '2a:', 'exploitation', 'and', '—', 'x'.repeat(30)), { maxLength: 20 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.oneof(words, fc.string({ maxLength: 80 })), fc.integer({ min: 2, max: 60 }), (text, max) => {
        const out = clip(text, max);
        if (text.length <= max) return expect(out).toBe(text);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.endsWith('…')).toBe(true);
        expect(text.startsWith(out.slice(0, -1))).toBe(true);
      }),
    );
    expect(clip('Priority 2: Child sexual exploitation and children who go missing', 48)).toBe('Priority 2: Child sexual exploitation and…');
    expect(clip('Antisocialbehaviourpartnershipsubgroupreportingcycle', 20)).toBe('Antisocialbehaviour…');
  });
});

describe('a new date in the notes, in the words boards use', () => {
  const period = { start: '2015-04-01', end: '2016-03-31' };
  test.each([
    ['Delayed – the police lead changed in October. Now expected February 2016.', '2016-02-29'],
    ['First version in use; full version now expected in March 2016.', '2016-03-31'],
    ['Report not ready for the June meeting; it will come in September 2015.', '2015-09-30'],
  ])('%j gives the revised date %s', (note, due) => {
    expect(parseProgress(note, period).revised?.newDue).toBe(due);
  });
});
