import { DIRECTION_TEXT, TRAVEL_TEXT, type Direction, type Travel, type TravelCounts } from '../core/travel';

/** The engine's travel words with their counts, for the pane: arrow and word together, never the arrow alone. */

const ORDER: Travel[] = ['improved', 'worsened', 'held', 'new'];

/** "↑ 2 improved" from the engine's "↑ improved"; "1 new" for a word without an arrow. */
export function travelCount(travel: Travel, count: number): string {
  const text = TRAVEL_TEXT[travel];
  const space = text.indexOf(' ');
  const arrow = space > 0 && !/[a-z]/i.test(text.slice(0, space)) ? text.slice(0, space) : '';
  return arrow ? `${arrow} ${count}${text.slice(space)}` : `${count} ${text}`;
}

/** "↑ 2 improved · ↓ 1 worsened · → 5 held", leaving out kinds no action had; null when there is no earlier quarter. */
export function travelLine(counts: TravelCounts): string | null {
  if (!counts.direction) return null;
  const parts = ORDER.filter((t) => counts[t] > 0).map((t) => travelCount(t, counts[t]));
  return parts.length ? parts.join(' · ') : null;
}

export function directionText(direction: Direction): string {
  return DIRECTION_TEXT[direction];
}
