import { columnLetter } from '../core/cells';
import type { Plan } from '../core/model';
import { oneLine, stripMarkup } from '../core/markup';
import { cellAt, type WorkbookSnapshot } from '../core/snapshot';

/** A column of a plan's header row the officer can map a field to. */
export interface ColumnChoice {
  letter: string;
  header: string;
  /** "C — Who will lead?" */
  label: string;
}

/** The columns of a plan's header row (BoardPlan's own columns left out), as the mapping editor lists them. */
export function columnChoices(snapshot: WorkbookSnapshot, plan: Plan): ColumnChoice[] {
  const sheet = snapshot.sheets.find((s) => s.name === plan.sheet);
  const owned = new Set([plan.owned.proposed, plan.owned.reason]);
  const choices: ColumnChoice[] = [];
  for (let col = plan.firstCol; col <= plan.lastCol; col++) {
    if (owned.has(col)) continue;
    const raw = sheet ? cellAt(sheet, plan.headerRow, col) : null;
    const header = raw === null ? '' : oneLine(stripMarkup(String(raw)).text);
    const letter = columnLetter(col);
    choices.push({ letter, header, label: `${letter} — ${header || '(no heading)'}` });
  }
  return choices;
}
