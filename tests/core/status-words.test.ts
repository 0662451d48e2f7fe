import fc from 'fast-check';
import { readStatusWords, type Standing } from '../../src/core/status-words';

type Row = [text: string, standing: Standing | null, percent?: number];

function expectRows(rows: Row[]) {
  test.each(rows.map(([text, standing, percent]) => [text, standing ?? 'nothing', percent ?? null] as const))('"%s" is %s', (text, standing, percent) => {
    const r = readStatusWords(text);
    expect({ standing: r?.standing ?? 'nothing', percent: r?.percent ?? null }).toEqual({ standing, percent });
  });
}

describe('the board’s status words', () => {
  expectRows([
    ['Complete', 'complete'],
    ['Completed', 'complete'],
    ['Achieved', 'complete'],
    ['Fully achieved', 'complete'],
    ['Signed off', 'complete'],
    ['On track', 'on-track'],
    ['On target', 'on-track'],
    ['In progress', 'in-progress'],
    ['Ongoing', 'in-progress'],
    ['Behind schedule', 'at-risk'],
    ['Delayed', 'at-risk'],
    ['Slipped', 'at-risk'],
    ['At risk', 'at-risk'],
    ['Off track', 'off-track'],
    ['Off target', 'off-track'],
    ['Not achieved', 'off-track'],
    ['Will not be met', 'off-track'],
    ['On hold', 'on-hold'],
    ['Not started', 'not-started'],
    ['Not yet started', 'not-started'],
    ['Not due', 'not-due'],
    ['Not yet due', 'not-due'],
  ]);
});

describe('negation and wordings that contain others', () => {
  expectRows([
    ['Not yet complete', 'in-progress'],
    ['Incomplete', 'in-progress'],
    ['Not complete', 'in-progress'],
    ['No delays', 'on-track'],
    ['Not delayed', 'on-track'],
    ['No longer on hold', 'in-progress'],
    ['Not on track', 'off-track'],
    ['No longer on track', 'off-track'],
    ['Partially achieved', 'in-progress'],
    ['On track to be achieved', 'on-track'],
  ]);
});

describe('several words in one cell: a judgement over a fact, the worst judgement first, completion unless a fact rules it out', () => {
  expectRows([
    ['Partially achieved – on track', 'on-track'],
    ['Partially achieved – at risk', 'at-risk'],
    ['Completed, though delayed', 'complete'],
    ['Completed (late)', 'complete'],
    ['In progress – behind schedule', 'at-risk'],
    ['On track – some slippage', 'at-risk'],
    ['Some slippage, recoverable', 'at-risk'],
    ['Off track – needs Cabinet attention', 'off-track'],
  ]);
});

describe('percentages', () => {
  expectRows([
    ['100%', 'complete', 100],
    ['100% complete', 'complete', 100],
    ['50% complete', 'in-progress', 50],
    ['75 %', 'in-progress', 75],
    ['0%', 'in-progress', 0],
    ['60% – behind schedule', 'at-risk', 60],
  ]);
});

describe('not status words', () => {
  expectRows([
    ['See notes', null],
    ['Yes', null],
    ['Review in March', null],
    ['', null],
  ]);
});

describe('properties', () => {
  const phrases = fc
    .array(fc.constantFrom('Complete', 'not', 'yet', 'on', 'track', 'hold', 'delayed', 'behind schedule', 'partially', 'achieved', '50%', '100%', 'started', 'due', '–', '-', ',', 'no', 'longer', 'see notes'), {
      minLength: 1,
      maxLength: 8,
    })
    .map((ws) => ws.join(' '));

  test('never throws, and a percentage is between 0 and 100', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = readStatusWords(text);
        expect(r === null || r.percent === null || (r.percent >= 0 && r.percent <= 100)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test('capitals, spacing and the kind of dash change no reading', () => {
    const standing = (t: string) => {
      const r = readStatusWords(t);
      return r && { standing: r.standing, percent: r.percent };
    };
    fc.assert(
      fc.property(phrases, (text) => {
        const base = standing(text);
        for (const other of [text.toUpperCase(), text.toLowerCase(), text.replace(/ /g, '  '), text.replace(/-/g, '–'), text.replace(/–/g, '—')]) expect(standing(other)).toEqual(base);
      }),
      { numRuns: 1000 },
    );
  });
});
