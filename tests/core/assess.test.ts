import fc from 'fast-check';
import { asOfFacts } from '../../src/core/as-of';
import { assess, type AssessContext } from '../../src/core/assess';
import type { Action, Progress, Timescale } from '../../src/core/model';
import { presetScheme } from '../../src/core/schemes';

const brag = presetScheme('brag')!;
const offTarget = presetScheme('off-target')!;

function timescale(t: Partial<Timescale> = {}): Timescale {
  const due = t.due ?? null;
  return {
    text: '',
    kind: due ? 'month' : 'unknown',
    due,
    milestones: due ? [due] : [],
    confidence: 'medium',
    outOfPeriod: [],
    placeholder: false,
    start: null,
    ...t,
  };
}

function progress(p: Partial<Progress> = {}): Progress {
  return {
    text: '',
    updates: [],
    lastUpdate: null,
    lastUpdateText: null,
    complete: false,
    notStarted: false,
    notDue: false,
    revised: null,
    hadMarkup: false,
    ...p,
  };
}

function action(a: { timescale?: Partial<Timescale>; progress?: Partial<Progress>; agreedRag?: string; ref?: string }): Action {
  return {
    sheet: 'Plan',
    row: 5,
    lastRow: 5,
    ref: a.ref ?? '1.1',
    refSource: 'column',
    priority: '1',
    action: 'Review the e-safety policy',
    outcome: '',
    lead: 'PPPG',
    timescale: timescale(a.timescale),
    progress: progress(a.progress),
    agreedRag: a.agreedRag ?? null,
    milestoneRags: [],
    statusText: null,
    cells: { ref: 'A5', rag: 'H5' },
  };
}

const ctx: AssessContext = { asOf: asOfFacts('2016-03-31'), dueSoonDays: 30, scheme: brag, datedUpdates: true };

describe('assess: the status table of DESIGN.md under the default BRAG scheme', () => {
  test('a past due date with no completion is overdue and Red, and the reason says so in one sentence', () => {
    const { assessment } = assess(action({ timescale: { text: 'End of Nov 15', due: '2015-11-30' } }), ctx);
    expect(assessment.status).toBe('overdue');
    expect(assessment.effective).toBe('Red');
    expect(assessment.reason).toBe('Due 30 Nov 2015 and no completion recorded by 31 Mar 2016.');
  });

  test('completion recorded in the progress note wins over a past due date: Blue', () => {
    const { assessment } = assess(action({ timescale: { due: '2015-11-30' }, progress: { complete: true, text: 'Complete' } }), ctx);
    expect(assessment.status).toBe('complete');
    expect(assessment.effective).toBe('Blue');
  });

  test('due within the due-soon window is at risk (Amber); just outside it is on track (Green)', () => {
    expect(assess(action({ timescale: { due: '2016-04-30' } }), ctx).assessment.effective).toBe('Amber');
    expect(assess(action({ timescale: { due: '2016-05-31' } }), ctx).assessment.effective).toBe('Green');
    expect(assess(action({ timescale: { due: '2016-05-31' } }), { ...ctx, dueSoonDays: 90 }).assessment.effective).toBe('Amber');
  });

  test('the reasons name the as-of date and window of each run, however runs alternate', () => {
    const due = action({ timescale: { due: '2016-04-30' } });
    const guessed = action({ timescale: { due: '2016-04-30', confidence: 'low' } });
    for (let i = 0; i < 2; i++) {
      expect(assess(due, ctx).assessment.reason).toBe('Due 30 Apr 2016, within 30 days of 31 Mar 2016, and not yet complete.');
      expect(assess(due, { ...ctx, dueSoonDays: 45 }).assessment.reason).toBe('Due 30 Apr 2016, within 45 days of 31 Mar 2016, and not yet complete.');
      expect(assess(due, { ...ctx, asOf: asOfFacts('2016-05-31') }).assessment.reason).toBe('Due 30 Apr 2016 and no completion recorded by 31 May 2016.');
      expect(assess(due, { ...ctx, asOf: asOfFacts('2015-12-31') }).assessment.reason).toBe('Due 30 Apr 2016; not yet due as of 31 Dec 2015.');
      expect(assess(guessed, { ...ctx, asOf: asOfFacts('2015-12-31') }).assessment.reason).toBe(
        'Due 30 Apr 2016 (year assumed from the plan period); not yet due as of 31 Dec 2015.',
      );
    }
  });

  test('a revised date in the notes is at risk and the reason names both dates', () => {
    const { assessment } = assess(
      action({
        timescale: { due: '2015-12-31' },
        progress: { revised: { text: 'revise date to Jun 16', originalDue: '2015-12-31', newDue: '2016-06-30' } },
      }),
      ctx,
    );
    expect(assessment.status).toBe('at-risk');
    expect(assessment.reason).toContain('31 Dec 2015');
    expect(assessment.reason).toContain('30 Jun 2016');
  });

  test('a revised date that has itself passed is overdue', () => {
    const a = action({ timescale: { due: '2015-09-30' }, progress: { revised: { text: 'new date agreed', originalDue: null, newDue: '2016-01-31' } } });
    expect(assess(a, ctx).assessment.status).toBe('overdue');
  });

  test('an ongoing action updated this quarter is on track; one last updated two quarters ago is at risk', () => {
    const recent = action({ timescale: { kind: 'ongoing', text: 'On going' }, progress: { text: 'x', lastUpdate: '2016-03-31', updates: [{ date: '2016-03-31', text: 'x' }] } });
    const stale = action({ timescale: { kind: 'ongoing', text: 'On going' }, progress: { text: 'x', lastUpdate: '2015-06-30', updates: [{ date: '2015-06-30', text: 'x' }] } });
    expect(assess(recent, ctx).assessment.status).toBe('on-track');
    const s = assess(stale, ctx).assessment;
    expect(s.status).toBe('at-risk');
    expect(s.reason).toContain('Q3 2015/16');
  });

  test('an ongoing action with an undated note is on track only in plans that do not date their updates', () => {
    const a = action({ timescale: { kind: 'recurring', text: 'Quarterly' }, progress: { text: 'Monitored at each meeting' } });
    expect(assess(a, ctx).assessment.status).toBe('at-risk');
    expect(assess(a, { ...ctx, datedUpdates: false }).assessment.status).toBe('on-track');
  });

  test('a passed milestone with no update since is at risk', () => {
    const a = action({
      timescale: { kind: 'multi', due: '2016-09-30', milestones: ['2015-06-30', '2015-10-31', '2016-09-30'] },
      progress: { lastUpdate: '2015-07-31', updates: [{ date: '2015-07-31', text: 'audit plan agreed' }], text: 'audit plan agreed' },
    });
    const { assessment } = assess(a, ctx);
    expect(assessment.status).toBe('at-risk');
    expect(assessment.reason).toContain('31 Oct 2015');
  });

  test('no usable timescale is not assessed (Grey), quoting the text', () => {
    const { assessment } = assess(action({ timescale: { text: 'At a date jointly agreed' } }), ctx);
    expect(assessment.status).toBe('not-assessed');
    expect(assessment.effective).toBe('Grey');
    expect(assessment.reason).toContain('"At a date jointly agreed"');
  });
});

describe('assess: a RAG the board agreed by hand', () => {
  test('wins over the proposed rating, and the disagreement is reported with the cell', () => {
    const out = assess(action({ timescale: { due: '2015-11-30' }, agreedRag: 'Amber' }), ctx);
    expect(out.assessment.proposed).toBe('Red');
    expect(out.assessment.agreed).toBe('Amber');
    expect(out.assessment.effective).toBe('Amber');
    expect(out.assessment.effectiveStatus).toBe('at-risk');
    expect(out.assessment.reason).toMatch(/^Agreed Amber by the board; BoardPlan proposes Red/);
    expect(out.findings).toEqual([expect.objectContaining({ rule: 'rag-disagreement', sheet: 'Plan', cell: 'H5' })]);
  });

  test('agreeing ratings give no finding; short forms such as "G" are understood', () => {
    const out = assess(action({ timescale: { due: '2016-12-31' }, agreedRag: ' g ' }), ctx);
    expect(out.assessment.effective).toBe('Green');
    expect(out.findings).toEqual([]);
  });

  test('an agreed cell that is not a rating is flagged and the proposed rating is used', () => {
    const out = assess(action({ timescale: { due: '2016-12-31' }, agreedRag: 'see notes' }), ctx);
    expect(out.assessment.effective).toBe('Green');
    expect(out.findings[0]).toMatchObject({ rule: 'rag-unrecognised', severity: 'warning', cell: 'H5' });
    expect(out.findings[0].message).toContain('"see notes"');
  });

  test("both findings name the cell as Excel writes it, an apostrophe in the sheet's name doubled", () => {
    const onSheet = (a: Action): Action => ({ ...a, sheet: "Children's Plan" });
    const disagreed = assess(onSheet(action({ timescale: { due: '2015-11-30' }, agreedRag: 'Amber' })), ctx).findings[0];
    const unread = assess(onSheet(action({ timescale: { due: '2016-12-31' }, agreedRag: 'see notes' })), ctx).findings[0];
    for (const f of [disagreed, unread]) expect(f.message).toContain(`in 'Children''s Plan'!H5`);
  });
});

describe('assess under the "Red: Off Target; Amber: On Target; Green: Complete" scheme', () => {
  const c = { ...ctx, scheme: offTarget };
  test('complete is Green, work in hand is Amber, overdue and at-risk are Red', () => {
    expect(assess(action({ progress: { complete: true } }), c).assessment.effective).toBe('Green');
    expect(assess(action({ timescale: { due: '2016-12-31' } }), c).assessment.effective).toBe('Amber');
    expect(assess(action({ timescale: { due: '2015-12-31' } }), c).assessment.effective).toBe('Red');
    expect(assess(action({ timescale: { due: '2016-04-15' } }), c).assessment.effective).toBe('Red');
  });
  test('"Off Target" typed by hand is read as Red', () => {
    expect(assess(action({ timescale: { due: '2016-12-31' }, agreedRag: 'Off Target' }), c).assessment.agreed).toBe('Red');
  });
});

describe('assess: words in the notes that say the work has fallen behind', () => {
  test('make an action at risk though not yet due, and the reason says which words were read', () => {
    const { assessment } = assess(action({ timescale: { due: '2016-12-31' }, progress: { text: 'Behind schedule', setback: 'Behind schedule' } }), ctx);
    expect(assessment.status).toBe('at-risk');
    expect(assessment.reason).toBe('Progress says "Behind schedule"; due 31 Dec 2016, not yet complete.');
  });

  test('past the due date they make it overdue, and the reason names them', () => {
    const { assessment } = assess(action({ timescale: { due: '2015-12-31' }, progress: { text: 'On hold', setback: 'On hold' } }), ctx);
    expect(assessment).toMatchObject({ status: 'overdue' });
    expect(assessment.reason).toBe('Due 31 Dec 2015 and no completion recorded by 31 Mar 2016; progress says "On hold".');
  });

  test('never on track, whatever the timescale, the as-of date and the other words', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2012, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.option(day, { nil: null }),
        day,
        fc.constantFrom<Timescale['kind']>('month', 'ongoing', 'recurring', 'unknown'),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
        (due, asOf, kind, notStarted, percent) => {
          const a = action({ timescale: { due, kind: due ? 'month' : kind }, progress: { text: 'x', setback: 'delayed', notStarted, percent } });
          const { status } = assess(a, { ...ctx, asOf: asOfFacts(asOf) }).assessment;
          expect(['at-risk', 'overdue']).toContain(status);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a percentage below 100 is shown in the reason', () => {
    expect(assess(action({ timescale: { due: '2016-12-31' }, progress: { text: '60% complete', percent: 60 } }), ctx).assessment.reason).toBe(
      'Due 31 Dec 2016; not yet due as of 31 Mar 2016; 60% complete.',
    );
  });
});
