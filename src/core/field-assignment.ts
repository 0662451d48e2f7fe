import { columnLetter, formatDate } from './cells';
import type { CellFeatures } from './cell-features';
import { contentAgainst, contentEvidence, profileColumn, type ColumnProfile } from './column-evidence';
import { findDates, type DateMention } from './dates';
import { formatHint, spellByHint } from './format-hints';
import { headingEvidence } from './heading-words';
import { FIELDS, type ColumnMatch, type Field, type PlanPeriod, type Source } from './model';

/**
 * Which column holds which field, from both kinds of evidence: each column's heading words and
 * what its cells hold, combined per field. Fields are given to columns as a whole, best evidence
 * first, one column per field and one field per column; only progress may have several columns
 * (dated updates side by side, "Q1 update", "Q2 update": the latest is the plan's progress and the
 * older ones its history). A choice the officer made (settings, or an option) always stands.
 */

export type ColumnMap = Record<Field, ColumnMatch | null>;

/** A column of a plan: its heading and the features of its cells in the plan's rows. */
export interface CandidateColumn {
  col: number;
  header: string;
  cells: CellFeatures[];
}

/** A field pinned by the officer to a column, or to none (null). */
export type Pinned = Partial<Record<Field, { col: number | null; source: Exclude<Source, 'recognised'> }>>;

export interface Assignment {
  columns: ColumnMap;
  progressHistory: ColumnMatch[];
}

/** Below this, the evidence names no field. */
const MIN_SCORE = 0.4;

interface Candidate {
  field: Field;
  col: number;
  score: number;
  reason: string;
}

export function emptyColumnMap(): ColumnMap {
  return Object.fromEntries(FIELDS.map((f) => [f, null])) as ColumnMap;
}

const PINNED_REASON: Record<Exclude<Source, 'recognised'>, string> = {
  settings: "set in BoardPlan's Columns settings",
  option: 'set by the --map option',
};

/** A column's cells as its heading's date format reads them: "06/20" under "Target date (MM/YY)" is a date. */
function hinted(column: CandidateColumn): CellFeatures[] {
  const hint = formatHint(column.header);
  if (!hint) return column.cells;
  return column.cells.map((c) => (c.filled && !c.timescale && c.kind === 'text' && spellByHint(c.text, hint) ? { ...c, timescale: true } : c));
}

/** Each field's combined evidence for a column: heading and cells, as independent witnesses. */
function candidatesFor(column: CandidateColumn, profile: ColumnProfile): Candidate[] {
  const heading = headingEvidence(column.header);
  const content = contentEvidence(profile);
  const out: Candidate[] = [];
  for (const field of FIELDS) {
    const h = heading[field];
    const c = content[field];
    const against = h?.against ?? false;
    const hs = h && !against ? h.score : 0;
    const cs = c ? c.score * (against ? 0.3 : 1) : 0;
    if (hs === 0 && cs === 0) continue;
    const score = (1 - (1 - hs) * (1 - cs)) * contentAgainst(profile, field, hs >= 1);
    const reasons = [hs > 0 ? h!.reason : '', cs > 0 ? c!.reason : ''].filter(Boolean);
    if (score >= MIN_SCORE) out.push({ field, col: column.col, score, reason: reasons.join('; ') });
  }
  return out;
}

/** A progress column's date from its heading: "Q2 update", "Update Sept 18", "Progress at March 2014". */
export function headingDate(header: string, period: PlanPeriod): string | undefined {
  return findDates(header, period).at(-1)?.due;
}

/** Dates that say when notes were written: a day, a month, a quarter, a season. A year ("Progress 2015/16") names the plan's year. */
const POSITION_KINDS: ReadonlySet<DateMention['kind']> = new Set(['date', 'month', 'quarter', 'season']);

/**
 * The date a plan's only progress column is headed with ("Latest position (Jan 2026)", "Progress as
 * at Q3 2025/26", "Update – Sept 18"): the notes under it are the position at that date.
 */
export function positionDate(header: string, period: PlanPeriod): string | undefined {
  return findDates(header, period)
    .filter((m) => POSITION_KINDS.has(m.kind))
    .at(-1)?.due;
}

/**
 * Of two columns of dates, the deadline is the later one ("Start" and "End", "Date raised" and
 * "Due"): in how many rows each column's date is after the other's.
 */
function laterIn(a: ColumnProfile, b: ColumnProfile): number {
  let later = 0;
  a.dues.forEach((due, i) => {
    const other = b.dues[i];
    if (due && other && due > other) later++;
  });
  return later;
}

function settleDeadline(candidates: Candidate[], profiles: Map<number, ColumnProfile>, headers: Map<number, string>): void {
  const dated = candidates.filter((c) => c.field === 'timescale');
  for (const c of dated) {
    for (const other of dated) {
      // A heading that names the deadline for certain ("Timescale") is not settled by the dates under another.
      if (other === c || other.score >= 1 || Math.abs(other.score - c.score) > 0.1) continue;
      const later = laterIn(profiles.get(c.col)!, profiles.get(other.col)!);
      if (later > laterIn(profiles.get(other.col)!, profiles.get(c.col)!)) {
        c.score += 0.1;
        c.reason += `; its dates are later than those under '${headers.get(other.col)}' in ${later} of the rows`;
      }
    }
  }
}

/**
 * The plan's columns, field by field. `period` places the dates of progress headings; `pinned`
 * holds the officer's choices.
 */
export function assignFields(columns: CandidateColumn[], period: PlanPeriod, pinned: Pinned = {}): Assignment {
  const map = emptyColumnMap();
  const headers = new Map(columns.map((c) => [c.col, c.header.replace(/\s+/g, ' ').trim()]));
  const match = (col: number, reason: string, source?: Source): ColumnMatch => ({
    col,
    letter: columnLetter(col),
    header: headers.get(col) ?? '',
    reason,
    ...(source ? { source } : {}),
  });
  const used = new Set<number>();
  for (const field of FIELDS) {
    const pin = pinned[field];
    if (!pin) continue;
    if (pin.col !== null) {
      map[field] = match(pin.col, PINNED_REASON[pin.source], pin.source);
      used.add(pin.col);
    }
  }

  const profiles = new Map(columns.map((c) => [c.col, profileColumn(hinted(c))]));
  const candidates = columns.filter((c) => !used.has(c.col)).flatMap((c) => candidatesFor(c, profiles.get(c.col)!));
  settleDeadline(candidates, profiles, headers);
  // Best evidence first; on a tie the leftmost column, then the field listed first.
  candidates.sort((a, b) => b.score - a.score || a.col - b.col || FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field));
  for (const c of candidates) {
    if (map[c.field] || pinned[c.field] || used.has(c.col)) continue;
    // A priority known only by its cells groups the actions to its right.
    if (c.field === 'priority' && !headingEvidence(headers.get(c.col) ?? '').priority && map.action && c.col > map.action.col) continue;
    map[c.field] = match(c.col, c.reason);
    used.add(c.col);
  }
  if (map.priority && map.action && map.priority.col > map.action.col && !headingEvidence(map.priority.header).priority) map.priority = null;
  tellRatingFromStatus(map, profiles);
  for (const field of ['rag', 'status'] as const) if (!pinned[field]) latestRating(field, map, candidates, used, profiles, period, match);
  const progressHistory = pinned.progress ? [] : progressColumns(map, candidates, used, period, match);
  if (map.progress && !progressHistory.length) map.progress = onlyProgressColumn(map.progress, period);
  return { columns: map, progressHistory };
}

/**
 * The board's own column holds colours (Red, A, Green) or its own words (On track, Complete, 2):
 * colours are its agreed RAG, words its status, whichever heading it has.
 */
function tellRatingFromStatus(map: ColumnMap, profiles: Map<number, ColumnProfile>): void {
  const colours = (m: ColumnMatch) => {
    const p = profiles.get(m.col)!;
    return p.filled > 0 && p.colour * 2 > p.filled;
  };
  if (map.rag && !map.rag.source && !map.status && !colours(map.rag) && profiles.get(map.rag.col)!.filled >= 3) [map.status, map.rag] = [map.rag, null];
  else if (map.status && !map.status.source && !map.rag && colours(map.status)) [map.rag, map.status] = [map.status, null];
}

/**
 * The board's ratings kept a column per quarter ("Q1 RAG", "Q2 RAG", "Status Sept 25"): the
 * board's rating now is the latest column, by its heading's date, that holds any rating yet; the
 * earlier ones are what it said before.
 */
function latestRating(
  field: 'rag' | 'status',
  map: ColumnMap,
  candidates: Candidate[],
  used: Set<number>,
  profiles: Map<number, ColumnProfile>,
  period: PlanPeriod,
  match: (col: number, reason: string) => ColumnMatch,
): void {
  const chosen = map[field];
  if (!chosen) return;
  const others = candidates.filter((c) => c.field === field && c.col !== chosen.col && !used.has(c.col)).map((c) => match(c.col, c.reason));
  const dated = [chosen, ...others]
    .map((m) => ({ m, dated: headingDate(m.header, period) }))
    .filter(({ m, dated }) => dated && profiles.get(m.col)!.filled > 0)
    .sort((a, b) => a.dated!.localeCompare(b.dated!) || a.m.col - b.m.col);
  if (dated.length < 2 || !dated.some(({ m }) => m === chosen)) return;
  const latest = dated[dated.length - 1].m;
  if (latest === chosen) return;
  used.delete(chosen.col);
  used.add(latest.col);
  map[field] = { ...latest, reason: `${latest.reason}; the latest of ${dated.length} rating columns` };
}

/**
 * Progress columns side by side, each dated by its heading: all are progress. The latest by its
 * heading's date is the plan's progress column; the others, oldest first, its history. An undated
 * progress column among them counts as the oldest.
 */
function progressColumns(
  map: ColumnMap,
  candidates: Candidate[],
  used: Set<number>,
  period: PlanPeriod,
  match: (col: number, reason: string) => ColumnMatch,
): ColumnMatch[] {
  const extra = candidates.filter((c) => c.field === 'progress' && !used.has(c.col));
  const all = [...(map.progress ? [map.progress] : []), ...extra.map((c) => match(c.col, c.reason))].map((m) => ({ ...m, dated: headingDate(m.header, period) }));
  const dated = all.filter((m) => m.dated);
  if (dated.length < 2) return [];
  const group = [...all.filter((m) => !m.dated && m.col === map.progress?.col), ...dated.sort((a, b) => a.dated!.localeCompare(b.dated!) || a.col - b.col)].map(
    ({ dated: d, ...m }) => (d ? { ...m, dated: d } : m),
  );
  const latest = group[group.length - 1];
  map.progress = { ...latest, reason: `${latest.reason}; the latest of ${group.length} progress columns` };
  return group.slice(0, -1);
}

/**
 * A plan's only progress column, dated by its heading when the heading says when its notes were
 * written: an undated note under "Latest position (Jan 2026)" is the position in January 2026.
 */
function onlyProgressColumn(progress: ColumnMatch, period: PlanPeriod): ColumnMatch {
  const dated = positionDate(progress.header, period);
  if (!dated) return progress;
  const reason = progress.reason ? `${progress.reason}; its heading dates its notes ${formatDate(dated)}` : `its heading dates its notes ${formatDate(dated)}`;
  return { ...progress, reason, dated };
}
