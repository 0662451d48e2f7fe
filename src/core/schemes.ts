import { z } from 'zod';
import { STATUSES, type Status } from './model';

/**
 * A scheme turns the engine's status into the board's colour and label. Schemes are data, so a
 * board can define its own in settings; the presets below cover the common keys.
 */

const Hex = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'a colour as #RRGGBB');

export const RatingSchema = z.object({
  /** Stable id used in rules and history: "red", "amber"… */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  /** What the cell shows: "Red", "Blue"… */
  label: z.string().min(1).max(40),
  /** What the rating means in this scheme: "Off Target", "Complete"… */
  meaning: z.string().max(80).default(''),
  fill: Hex,
  /** Light tint for the row. */
  tint: Hex,
  font: Hex,
  symbol: z.string().max(2).default(''),
  /** Other words a board may type by hand for this rating ("R", "Off track"). */
  aliases: z.array(z.string()).default([]),
});
export type Rating = z.infer<typeof RatingSchema>;

export const SchemeSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
    title: z.string().min(1),
    ratings: z.array(RatingSchema).min(2),
    /** Which rating each status gets. */
    map: z.record(z.enum(STATUSES), z.string()),
  })
  .superRefine((s, ctx) => {
    const ids = new Set(s.ratings.map((r) => r.id));
    for (const status of STATUSES) {
      const id = s.map[status];
      if (!id) ctx.addIssue({ code: 'custom', path: ['map', status], message: `no rating chosen for "${status}"` });
      else if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['map', status], message: `"${id}" is not one of this scheme's ratings` });
    }
    if (ids.size !== s.ratings.length) ctx.addIssue({ code: 'custom', path: ['ratings'], message: 'two ratings share an id' });
    const labels = s.ratings.map((r) => r.label.toLowerCase());
    if (new Set(labels).size !== labels.length) ctx.addIssue({ code: 'custom', path: ['ratings'], message: 'two ratings share a label' });
  });
export type Scheme = z.infer<typeof SchemeSchema>;
export type SchemeInput = z.input<typeof SchemeSchema>;

const red = { id: 'red', label: 'Red', fill: '#C00000', tint: '#F8D7D7', font: '#FFFFFF', symbol: '■', aliases: ['R'] };
const amber = { id: 'amber', label: 'Amber', fill: '#FFC000', tint: '#FFF2CC', font: '#000000', symbol: '▲', aliases: ['A', 'Orange'] };
const green = { id: 'green', label: 'Green', fill: '#00B050', tint: '#E2EFDA', font: '#000000', symbol: '●', aliases: ['G'] };
const blue = { id: 'blue', label: 'Blue', fill: '#0070C0', tint: '#DDEBF7', font: '#FFFFFF', symbol: '✓', aliases: ['B'] };
const grey = { id: 'grey', label: 'Grey', fill: '#737373', tint: '#EDEDED', font: '#FFFFFF', symbol: '○', aliases: ['Not assessed', 'N/A'] };

export const PRESETS: Record<string, SchemeInput> = {
  brag: {
    name: 'brag',
    title: 'Blue: Complete; Green: On track; Amber: At risk; Red: Overdue; Grey: Not assessed',
    ratings: [
      { ...blue, meaning: 'Complete', aliases: ['B', 'Complete', 'Completed'] },
      { ...green, meaning: 'On track', aliases: ['G', 'On track'] },
      { ...amber, meaning: 'At risk', aliases: ['A', 'At risk', 'Orange'] },
      { ...red, meaning: 'Overdue', aliases: ['R', 'Overdue', 'Off track'] },
      { ...grey, meaning: 'Not assessed' },
    ],
    map: { complete: 'blue', overdue: 'red', 'at-risk': 'amber', 'on-track': 'green', 'not-assessed': 'grey' },
  },
  // "Red: Off Target; Amber: On Target; Green: Complete": Green means done, so work in hand is Amber.
  'off-target': {
    name: 'off-target',
    title: 'Red: Off Target; Amber: On Target; Green: Complete',
    ratings: [
      { ...green, meaning: 'Complete', aliases: ['G', 'Complete', 'Completed'] },
      { ...amber, meaning: 'On Target', aliases: ['A', 'On Target', 'Orange'] },
      { ...red, meaning: 'Off Target', aliases: ['R', 'Off Target'] },
      { ...grey, meaning: 'Not assessed' },
    ],
    map: { complete: 'green', overdue: 'red', 'at-risk': 'red', 'on-track': 'amber', 'not-assessed': 'grey' },
  },
  rag: {
    name: 'rag',
    title: 'Green: Complete or on track; Amber: At risk; Red: Overdue; Grey: Not assessed',
    ratings: [
      { ...green, meaning: 'Complete or on track', aliases: ['G', 'Complete', 'On track'] },
      { ...amber, meaning: 'At risk', aliases: ['A', 'At risk'] },
      { ...red, meaning: 'Overdue', aliases: ['R', 'Overdue'] },
      { ...grey, meaning: 'Not assessed' },
    ],
    map: { complete: 'green', overdue: 'red', 'at-risk': 'amber', 'on-track': 'green', 'not-assessed': 'grey' },
  },
};

export const PRESET_NAMES = Object.keys(PRESETS);

export function presetScheme(name: string): Scheme | null {
  const p = PRESETS[name.toLowerCase()];
  return p ? SchemeSchema.parse(p) : null;
}

export function ratingFor(scheme: Scheme, status: Status): Rating {
  const id = scheme.map[status];
  const r = scheme.ratings.find((x) => x.id === id);
  if (!r) throw new Error(`Scheme "${scheme.name}" has no rating "${id}" for status "${status}"`);
  return r;
}

export function ratingByLabel(scheme: Scheme, label: string): Rating | undefined {
  return scheme.ratings.find((r) => r.label === label);
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const RAG_PREFIX = /^\s*rag\s*[:\-]?\s*/i;

/**
 * The rating a board typed by hand ("Amber", "A", "RAG: G", "Off Target"), or null when the text
 * is not a rating. Only short cells count: a long progress note that mentions "red" is not a rating.
 */
export function recogniseRating(scheme: Scheme, text: string): Rating | null {
  const t = norm(text.replace(RAG_PREFIX, ''));
  if (!t || t.length > 30) return null;
  // Failing the whole text, its first word decides: a rating's name ("Amber/Green", "Green (on track)"),
  // or any of its words cut off by a mark ("G/A", "A - some slippage", "Complete - Blue"), never a
  // word that starts a sentence ("A new approach").
  const words = (r: Rating) => [r.label, r.meaning, ...r.aliases].filter(Boolean).map(norm);
  const first = t.split(' ')[0];
  const marked = /^\s*([a-z]+)\s*[/\\\-–—(,:;]/i.exec(text.replace(RAG_PREFIX, ''))?.[1].toLowerCase();
  return (
    scheme.ratings.find((r) => words(r).includes(t)) ??
    scheme.ratings.find((r) => norm(r.label) === first) ??
    (marked ? scheme.ratings.find((r) => words(r).includes(marked)) : undefined) ??
    null
  );
}

/** The status a hand-agreed rating stands for: the first status the scheme maps to it. */
export function statusForRating(scheme: Scheme, rating: Rating): Status {
  const order: Status[] = ['overdue', 'at-risk', 'on-track', 'complete', 'not-assessed'];
  const hit = order.find((s) => scheme.map[s] === rating.id);
  return hit ?? 'not-assessed';
}
