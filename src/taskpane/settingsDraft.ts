import type { z } from 'zod';
import { isIsoDate } from '../core/cells';
import { STATUSES, type Status } from '../core/model';
import { presetScheme, type Rating, type SchemeInput } from '../core/schemes';
import { SettingsSchema, type FormatStyle, type Settings, type SettingsInput } from '../core/settings';
import { fontOn, isHexColour, tintOf } from './colours';
import { STATUS_LABELS } from './labels';

/**
 * What the settings form edits: the same settings as text the officer types, turned back into
 * Settings by the zod schema so that the pane, the ribbon and the command line agree on what is valid.
 */

export interface RatingDraft {
  id: string;
  label: string;
  meaning: string;
  fill: string;
  symbol: string;
  aliases: string[];
}

export interface SettingsDraft {
  scheme: string;
  ratings: RatingDraft[];
  map: Record<Status, string>;
  dueSoonDays: string;
  period: 'workbook' | 'set';
  periodStart: string;
  periodEnd: string;
  asOf: Settings['asOf'];
  style: FormatStyle;
  symbols: boolean;
  summaries: Settings['summaries'];
}

/** Problems keyed by the settings path they concern ("dueSoonDays", "planPeriod.end", "customScheme.ratings.1.fill"). */
export type FieldErrors = Record<string, string>;

export type DraftOutcome = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

function ratingDraft(r: Rating): RatingDraft {
  return { id: r.id, label: r.label, meaning: r.meaning, fill: r.fill, symbol: r.symbol, aliases: [...r.aliases] };
}

/** The ratings a custom scheme starts from: the stored custom scheme, else a copy of a preset. */
export function customStart(settings: Settings, preset = 'brag'): Pick<SettingsDraft, 'ratings' | 'map'> {
  const scheme = settings.customScheme ?? presetScheme(preset) ?? presetScheme('brag')!;
  return { ratings: scheme.ratings.map(ratingDraft), map: { ...(scheme.map as Record<Status, string>) } };
}

export function draftFrom(settings: Settings): SettingsDraft {
  const start = customStart(settings, presetScheme(settings.scheme) ? settings.scheme : 'brag');
  return {
    scheme: settings.scheme,
    ...start,
    dueSoonDays: String(settings.dueSoonDays),
    period: settings.planPeriod ? 'set' : 'workbook',
    periodStart: settings.planPeriod?.start ?? '',
    periodEnd: settings.planPeriod?.end ?? '',
    asOf: settings.asOf,
    style: settings.format.style,
    symbols: settings.format.symbols,
    summaries: { ...settings.summaries },
  };
}

/** A fresh id for a rating the officer adds, unique within the scheme. */
export function newRatingId(ratings: RatingDraft[]): string {
  let n = ratings.length + 1;
  while (ratings.some((r) => r.id === `rating-${n}`)) n++;
  return `rating-${n}`;
}

function customScheme(draft: SettingsDraft): SchemeInput {
  return {
    name: 'custom',
    title: draft.ratings.map((r) => (r.meaning.trim() ? `${r.label.trim()}: ${r.meaning.trim()}` : r.label.trim())).join('; '),
    ratings: draft.ratings.map((r) => {
      const fill = r.fill.trim().toUpperCase();
      // Tint and font follow the fill; when the fill is not a colour yet, only the fill is reported.
      const ok = isHexColour(fill);
      return {
        id: r.id,
        label: r.label.trim(),
        meaning: r.meaning.trim(),
        fill,
        tint: ok ? tintOf(fill) : '#FFFFFF',
        font: ok ? fontOn(fill) : '#000000',
        symbol: r.symbol,
        aliases: r.aliases,
      };
    }),
    map: { ...draft.map },
  };
}

const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

export function settingsFromDraft(draft: SettingsDraft, base: Settings): DraftOutcome {
  const errors: FieldErrors = {};
  const days = draft.dueSoonDays.trim();
  if (!/^-?\d+$/.test(days)) errors.dueSoonDays = 'Enter a whole number of days, from 0 to 365.';
  if (draft.period === 'set') {
    if (!draft.periodStart) errors['planPeriod.start'] = 'Enter the date the plan period starts.';
    else if (!isIsoDate(draft.periodStart)) errors['planPeriod.start'] = 'Enter the date day first, e.g. 01/04/2015.';
    if (!draft.periodEnd) errors['planPeriod.end'] = 'Enter the date the plan period ends.';
    else if (!isIsoDate(draft.periodEnd)) errors['planPeriod.end'] = 'Enter the date day first, e.g. 31/03/2016.';
  }
  if (draft.scheme === 'custom') {
    draft.ratings.forEach((r, i) => {
      if (!r.label.trim()) errors[`customScheme.ratings.${i}.label`] = 'Give the rating a label, e.g. "Red".';
      if (!isHexColour(r.fill.trim())) errors[`customScheme.ratings.${i}.fill`] = 'Enter a colour as #RRGGBB, e.g. #C00000.';
    });
    for (const status of STATUSES) {
      if (!draft.ratings.some((r) => r.id === draft.map[status])) errors[`customScheme.map.${status}`] = `Choose the rating ${STATUS_LABELS[status].toLowerCase()} actions get.`;
    }
  }

  const input: SettingsInput = {
    ...base,
    scheme: draft.scheme,
    customScheme: draft.scheme === 'custom' ? customScheme(draft) : base.customScheme,
    dueSoonDays: errors.dueSoonDays ? base.dueSoonDays : Number(days),
    planPeriod: draft.period === 'set' ? { start: draft.periodStart, end: draft.periodEnd } : null,
    asOf: draft.asOf,
    format: { style: draft.style, symbols: draft.symbols },
    summaries: { ...draft.summaries },
  };
  const parsed = SettingsSchema.safeParse(input);
  if (!parsed.success) addIssues(errors, parsed.error);
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, settings: parsed.data! };
}

function addIssues(errors: FieldErrors, error: z.ZodError): void {
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'settings';
    errors[path] ??= `${sentence(issue.message)}.`.replace(/\.\.$/, '.');
  }
}
