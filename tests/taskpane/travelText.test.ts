import type { TravelCounts } from '../../src/core/travel';
import { travelCount, travelLine } from '../../src/taskpane/travelText';

const counts = (c: Partial<TravelCounts>): TravelCounts => ({ improved: 0, worsened: 0, held: 0, new: 0, direction: 'level', redTwoQuarters: 0, ...c });

describe('travel text', () => {
  it('puts each count between the arrow and the word, so the arrow is never the only sign', () => {
    expect(travelCount('improved', 2)).toBe('↑ 2 improved');
    expect(travelCount('worsened', 1)).toBe('↓ 1 worsened');
    expect(travelCount('held', 5)).toBe('→ 5 held');
    expect(travelCount('new', 1)).toBe('1 new');
  });

  it('joins the kinds in a fixed order and leaves out those no action had', () => {
    expect(travelLine(counts({ improved: 2, worsened: 1, held: 5, direction: 'up' }))).toBe('↑ 2 improved · ↓ 1 worsened · → 5 held');
    expect(travelLine(counts({ held: 4, new: 1 }))).toBe('→ 4 held · 1 new');
    expect(travelLine(counts({ worsened: 3, direction: 'down' }))).toBe('↓ 3 worsened');
  });

  it('says nothing when there is no earlier quarter to compare with', () => {
    expect(travelLine(counts({ held: 4, direction: null }))).toBeNull();
  });
});
