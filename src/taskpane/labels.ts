import type { Field, Rule, Severity, Status } from '../core/model';
import { FIELD_LABELS as CORE_FIELD_LABELS } from '../core/columns';
import { PRESETS } from '../core/schemes';

/** Words the pane shows for the engine's identifiers. Display only: nothing here decides anything. */

/** The engine's field names, but "Agreed RAG": in the pane the RAG column is the board's own rating. */
export const FIELD_LABELS: Record<Field, string> = { ...CORE_FIELD_LABELS, rag: 'Agreed RAG' };

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: 'Errors',
  warning: 'Warnings',
  info: 'Notes',
};

export const RULE_LABELS: Record<Rule, string> = {
  'no-plan': 'No plan found',
  'missing-column': 'Missing columns',
  'blank-cell': 'Blank cells',
  'timescale-unknown': 'Timescales that are not dates',
  placeholder: 'Placeholders (TBC, ???)',
  'duplicate-ref': 'Duplicate refs',
  'ref-priority-mismatch': 'Refs under another priority',
  'date-outside-period': 'Dates outside the plan period',
  'stale-update': 'No recent update',
  'excel-error': 'Excel errors in cells',
  markup: 'Text with markup',
  'rag-disagreement': 'Agreed RAG differs from proposed',
  'rag-unrecognised': 'RAG text not recognised',
};

export const STATUS_LABELS: Record<Status, string> = {
  complete: 'Complete',
  overdue: 'Overdue',
  'at-risk': 'At risk',
  'on-track': 'On track',
  'not-assessed': 'Not assessed',
};

const SCHEME_NAMES: Record<string, string> = {
  brag: 'BRAG (Blue for complete)',
  'off-target': 'Red off target, Amber on target, Green complete',
  rag: 'RAG (Green for complete or on track)',
  custom: 'Custom (defined in Settings)',
};

export function schemeName(name: string): string {
  return SCHEME_NAMES[name] ?? PRESETS[name]?.title ?? name;
}
