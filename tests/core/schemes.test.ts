import { STATUSES } from '../../src/core/model';
import { PRESETS, presetScheme, ratingFor, recogniseRating, SchemeSchema } from '../../src/core/schemes';
import { contrast } from '../../src/core/sheet';

describe('schemes', () => {
  it.each(Object.keys(PRESETS))('%s: every rating cell reads at 4.5:1 or better, its label against its colour', (name) => {
    const faint = presetScheme(name)!.ratings.filter((r) => contrast(r.font, r.fill) < 4.5).map((r) => r.label);
    expect(faint).toEqual([]);
  });

  test('every preset is a valid scheme that rates every status', () => {
    for (const name of Object.keys(PRESETS)) {
      const scheme = presetScheme(name)!;
      for (const s of STATUSES) expect(ratingFor(scheme, s).label).toBeTruthy();
    }
  });

  test('the off-target preset is the key boards print: Red: Off Target; Amber: On Target; Green: Complete', () => {
    const s = presetScheme('off-target')!;
    expect(s.title).toBe('Red: Off Target; Amber: On Target; Green: Complete');
    expect(ratingFor(s, 'complete').label).toBe('Green');
    expect(ratingFor(s, 'on-track').meaning).toBe('On Target');
    expect(ratingFor(s, 'overdue').meaning).toBe('Off Target');
  });

  test('a custom scheme that maps a status to a missing rating is refused with the field named', () => {
    const bad = { ...PRESETS.brag, name: 'mine', map: { ...PRESETS.brag.map, overdue: 'crimson' } };
    const r = SchemeSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['map', 'overdue']);
    expect(r.error!.issues[0].message).toContain('crimson');
  });

  test('colours must be #RRGGBB', () => {
    const bad = { ...PRESETS.brag, ratings: PRESETS.brag.ratings.map((r, i) => (i === 0 ? { ...r, fill: 'blue' } : r)) };
    expect(SchemeSchema.safeParse(bad).success).toBe(false);
  });

  test.each([
    ['Red', 'Red'],
    ['red ', 'Red'],
    ['R', 'Red'],
    ['RAG: A', 'Amber'],
    ['Amber/Green', 'Amber'],
    ['G/A', 'Green'],
    ['A - some slippage', 'Amber'],
    ['Complete', 'Blue'],
    ['on track', 'Green'],
  ])('recognises %p as %p under BRAG', (text, label) => {
    expect(recogniseRating(presetScheme('brag')!, text)?.label).toBe(label);
  });

  test('long notes and unrelated words are not ratings', () => {
    const s = presetScheme('brag')!;
    expect(recogniseRating(s, 'Report to LSCB in Dec 15 and the red team will review it afterwards')).toBeNull();
    expect(recogniseRating(s, 'Ongoing')).toBeNull();
    expect(recogniseRating(s, 'A new approach')).toBeNull();
    expect(recogniseRating(s, '')).toBeNull();
  });
});
