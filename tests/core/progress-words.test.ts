import fc from 'fast-check';
import type { PlanPeriod } from '../../src/core/model';
import { parseProgress } from '../../src/core/progress';
import { readNoteWords } from '../../src/core/progress-words';

const FY13: PlanPeriod = { start: '2013-04-01', end: '2014-03-31' };
const FY18: PlanPeriod = { start: '2018-04-01', end: '2019-03-31' };
const FY15: PlanPeriod = { start: '2015-04-01', end: '2016-03-31' };

type Said = 'complete' | 'setback' | 'not started' | 'nothing';
type Row = [note: string, said: Said, words?: string];

/** What a note says, in one word, and the setback words it read. */
function said(note: string): { said: Said; words: string | null } {
  const w = readNoteWords(note);
  const s: Said = w.complete ? 'complete' : w.setback ? 'setback' : w.notStarted ? 'not started' : 'nothing';
  return { said: s, words: w.setback };
}

function expectRows(rows: Row[]) {
  test.each(rows.map(([note, s, words]) => [note, s, words ?? null] as const))('"%s" says %s', (note, s, words) => {
    const got = said(note);
    expect(got.said).toBe(s);
    if (s === 'setback') expect(got.words?.toLowerCase()).toBe(words?.toLowerCase());
  });
}

describe('setbacks: words that say the work has fallen behind', () => {
  expectRows([
    ['Recruitment closed with no suitable applicants. The target date will not be met.', 'setback', 'The target date will not be met'],
    ['Not achieved – partners’ resources went elsewhere.', 'setback', 'not achieved'],
    ['Behind schedule: the supplier has gone into administration', 'setback', 'behind schedule'],
    ['Contract award delayed by a supplier challenge', 'setback', 'delayed'],
    ['Lease problems – on hold.', 'setback', 'on hold'],
    ['Work is off track after the lead left', 'setback', 'off track'],
    ['Some slippage against the milestones', 'setback', 'slippage'],
    ['Cabinet decision deferred pending legal advice', 'setback', 'deferred'],
    ['There have been delays in getting data from health partners', 'setback', 'delays'],
    ['The project is no longer on track', 'setback', 'no longer on track'],
    ['We missed the deadline for the bid', 'setback', 'missed the deadline'],
  ]);
});

describe('a date that will be missed: a setback on the action’s own date, quoted as written', () => {
  expectRows([
    ['The review is not going to be finished before the summer', 'setback', 'is not going to be finished before the summer'],
    ['Our target date of December was not met', 'setback', 'Our target date of December was not met'],
    ['Staff shortages mean the strategy will now not be completed by year end', 'setback', 'will now not be completed by year end'],
    ['Partners are not expected to finish the audit by 31/01/26', 'setback', 'are not expected to finish the audit by 31/01/26'],
    ['The protocol is not likely to be in place in time for the June board', 'setback', 'is not likely to be in place in time for the June board'],
    ['The evaluation will miss the agreed deadline', 'setback', 'will miss the agreed deadline'],
    ['We won’t meet the September milestone', 'setback', 'won’t meet the September milestone'],
    ['The Q2 deadline for the strategy won’t be met', 'setback', 'The Q2 deadline for the strategy won’t be met'],
    ['Cannot be delivered within the agreed timescale', 'setback', 'Cannot be delivered within the agreed timescale'],
    ['Venue closed, so the training will not be delivered as planned', 'setback', 'will not be delivered as planned'],
  ]);
});

describe('a date that will be met, or words that only look like a missed date: no setback', () => {
  expectRows([
    ['Met by March as planned', 'nothing'],
    ['Will be met by March', 'nothing'],
    ['On course: the December deadline will be met', 'nothing'],
    ['We are confident the deadline will not be missed', 'nothing'],
    ['There is no reason the March target will not be met', 'nothing'],
    ['Sessions will not be delivered by the police but by youth workers from April', 'nothing'],
    ['Training will not only be delivered but evaluated', 'nothing'],
    ['Not yet achieved; on schedule for March', 'nothing'],
  ]);
});

describe('negation and context: no setback', () => {
  expectRows([
    ['No delay expected; training booked for May', 'nothing'],
    ['Not delayed by the restructure', 'nothing'],
    ['Plan agreed without any slippage', 'nothing'],
    ['Extra staff brought in to avoid delays', 'nothing'],
    ['If delayed, escalate to the executive', 'nothing'],
    ['There is a risk of slippage if funding is cut', 'nothing'],
    ['Delayed discharges down 12% on last year', 'nothing'],
    ['Was delayed in the summer but is now back on track', 'nothing'],
    ['No longer on hold: the new lead started in May', 'nothing'],
    ['Not yet achieved; audit in May', 'nothing'],
  ]);
});

describe('completion against setbacks: the later one is the note’s last word', () => {
  expectRows([
    ['Was delayed but now complete', 'complete'],
    ['Completed in May, though delayed by the election', 'complete'],
    ['Phase 1 complete; phase 2 delayed by the restructure', 'setback', 'delayed'],
  ]);
});

describe('percentages', () => {
  test.each([
    ['50% complete', 50, false],
    ['75% complete – two of the four workshops are still to run', 75, false],
    ['75 % done', 75, false],
    ['100% complete', 100, true],
    ['100%', 100, true],
    ['Recorded in 74% of enquiries against a target of 90%', null, false],
    ['Complete', null, true],
  ] as const)('"%s" is %s%% through; complete: %s', (note, percent, complete) => {
    expect(readNoteWords(note)).toMatchObject({ percent, complete });
  });
});

describe('steps that are not the action: "closed" and "in place" count only in a short note or after "now"', () => {
  expectRows([
    ['Closed', 'complete'],
    ['Action now closed by the executive after review of the evidence from all partners', 'complete'],
    ['Survey closed 20 October with a 61% response; results to the all-staff briefing in January', 'nothing'],
    ['Regulation 19 consultation closed 30 November; 1,240 responses being logged.', 'nothing'],
  ]);
});

describe('dated openings without the word "Update"', () => {
  test.each([
    ['March 2014 – strategy agreed by the Board', FY13, '2014-03-31', 'strategy agreed by the Board'],
    ['March 2014. Strategy agreed by the Board', FY13, '2014-03-31', 'Strategy agreed by the Board'],
    ['Q3 update panel met twice', FY13, '2013-12-31', 'panel met twice'],
    ['Q3 2013/14: panel met twice', FY13, '2013-12-31', 'panel met twice'],
    ['Sept 18 – training plan drafted', FY18, '2018-09-30', 'training plan drafted'],
    ['31/03/14 – report to the Board', FY13, '2014-03-31', 'report to the Board'],
    ['- Dec 15: terms of reference agreed', FY15, '2015-12-31', 'terms of reference agreed'],
  ])('"%s" is an update of %s', (note, period, date, text) => {
    expect(parseProgress(note, period)).toMatchObject({ lastUpdate: date, updates: [{ date, text }] });
  });

  test('several in one note: each is an update, and the latest is the last update', () => {
    const p = parseProgress('June 2018 – scoping meeting held. Sept 18 – draft out to partners.\nDec 18: signed off by the Board', FY18);
    expect(p.updates.map((u) => u.date)).toEqual(['2018-06-30', '2018-09-30', '2018-12-31']);
    expect(p).toMatchObject({ lastUpdate: '2018-12-31', lastUpdateText: 'signed off by the Board', complete: true });
  });

  test.each([
    ['March 2014 – March 2015: programme running', FY13],
    ['2015/16 – programme running', FY15],
    ['Board met in March 2014 – strategy agreed', FY13],
    ['March 2014 board meeting agreed the strategy', FY13],
  ])('"%s" opens no update', (note, period) => {
    expect(parseProgress(note, period).updates).toEqual([]);
  });
});

describe('properties', () => {
  const phrases = fc
    .array(
      fc.constantFrom('Complete', 'not', 'no', 'delayed', 'delay', 'behind schedule', 'on hold', 'will not be met', 'Not achieved', 'but', 'now', 'back on track', 'to avoid',
        '50%', '100%', 'complete', 'March 2014', '–', ':', '.', ';', 'Q3', 'update', 'closed', 'in place', 'the report', 'started', 'Not started', 'due',
        'by March', 'by the end of Q2', 'the deadline', 'won’t be achieved', 'is unlikely to be completed', 'will miss the target date', 'was not met', 'as planned', 'by the police'),
      { minLength: 1, maxLength: 12 },
    )
    .map((ws) => ws.join(' '));

  test('never throws, on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const w = readNoteWords(text);
      expect(w.percent === null || (w.percent >= 0 && w.percent <= 100)).toBe(true);
    }), { numRuns: 1000 });
  });

  test('capitals, extra spaces and the kind of dash change no reading', () => {
    fc.assert(
      fc.property(phrases, (text) => {
        const read = readNoteWords(text);
        const same = (other: string) => {
          const w = readNoteWords(other);
          expect({ ...w, setback: w.setback?.toLowerCase().replace(/[–—]/g, '-') ?? null }).toEqual({ ...read, setback: read.setback?.toLowerCase().replace(/[–—]/g, '-') ?? null });
        };
        same(text.toUpperCase());
        same(text.toLowerCase());
        same(text.replace(/ /g, '   '));
        same(text.replace(/–/g, '-'));
        same(text.replace(/–/g, '—'));
      }),
      { numRuns: 1000 },
    );
  });

  test('capitals, spacing and the kind of dash change no update a note is read to have', () => {
    // Lower-case "may" is the verb, so the month is left out.
    const notes = fc
      .array(fc.constantFrom('March 2014', 'Sept 18', 'Q3', '2013/14', '31/03/14', 'Update', 'update', '–', '-', ':', '.', 'panel met', 'report agreed', 'to', '\n', 'Dec 15', 'and'), { minLength: 1, maxLength: 10 })
      .map((ws) => ws.join(' '));
    const dates = (note: string) => parseProgress(note, FY13).updates.map((u) => u.date);
    fc.assert(
      fc.property(notes, (note) => {
        const base = dates(note);
        for (const other of [note.toUpperCase(), note.toLowerCase(), note.replace(/ /g, '   '), note.replace(/–/g, '-'), note.replace(/-/g, '—')]) expect(dates(other)).toEqual(base);
      }),
      { numRuns: 1000 },
    );
  });

  test('a note with a setback that counts is never read as complete unless completion comes after it', () => {
    fc.assert(
      fc.property(phrases, (text) => {
        const w = readNoteWords(`${text}. Behind schedule.`);
        expect(w.complete && w.percent === null).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
