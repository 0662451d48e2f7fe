import type { GeneratedSheet } from './patch';
import { STATE_SHEET } from './patch';
import { cellAt, sheetBottom, type SheetSnapshot, type WorkbookSnapshot } from './snapshot';
import { DEFAULT_SETTINGS, describeSettingsErrors, SettingsSchema, type Settings } from './settings';

/**
 * BoardPlan's state lives in its own very hidden sheet, so it travels with the workbook and every
 * host (the pane, the ribbon button, the command line) reads the same settings. A sheet rather than
 * document settings or custom XML: ExcelJS and every Excel version can read and write cells, and an
 * officer can inspect it (unhide it with a macro or any file tool) when something looks wrong.
 *
 * A sheet is BoardPlan's by its title in A1, not by its name alone: a sheet of the user's that
 * happens to be called "BoardPlan" is read as theirs and never written over, and the state then
 * goes to a name no sheet has ("BoardPlan settings").
 *
 * Layout: one key/value pair per row: "settings" rows hold the settings JSON in slices (a cell holds
 * at most 32,767 characters), "owned-sheet" rows name the sheets BoardPlan created.
 */

const SLICE = 30_000;
const TITLE = 'BoardPlan settings. This sheet is managed by the BoardPlan add-in; edit settings in BoardPlan, not here.';

export interface WorkbookState {
  settings: Settings;
  /** Problems with stored settings, each a readable line; defaults were used instead. */
  problems: string[];
  /** Sheets BoardPlan created and may replace or delete. */
  ownedSheets: string[];
  /** Whether the workbook has BoardPlan's state sheet at all. */
  present: boolean;
  /** The name of BoardPlan's state sheet: the one it has, or the one it will write. */
  sheet: string;
}

/** Whether a sheet is BoardPlan's state sheet, by the title BoardPlan writes in its first cell. */
export function isStateSheet(sheet: SheetSnapshot): boolean {
  return cellAt(sheet, 1, 1) === TITLE;
}

/** BoardPlan's state sheet in a workbook, preferring one under its usual name. */
function stateSheetOf(snapshot: WorkbookSnapshot): SheetSnapshot | undefined {
  return snapshot.sheets.find((s) => s.name === STATE_SHEET && isStateSheet(s)) ?? snapshot.sheets.find(isStateSheet);
}

/** Where BoardPlan keeps its state: the sheet it has, else "BoardPlan" unless a sheet of the user has that name. */
export function stateSheetName(snapshot: WorkbookSnapshot): string {
  const own = stateSheetOf(snapshot);
  if (own) return own.name;
  const taken = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  let name = STATE_SHEET;
  for (let i = 1; taken.has(name.toLowerCase()); i++) name = `${STATE_SHEET} settings${i > 1 ? ` ${i}` : ''}`;
  return name;
}

export function readState(snapshot: WorkbookSnapshot): WorkbookState {
  const sheet = stateSheetOf(snapshot);
  if (!sheet) return { settings: DEFAULT_SETTINGS, problems: [], ownedSheets: [], present: false, sheet: stateSheetName(snapshot) };
  const present = { present: true, sheet: sheet.name };
  let json = '';
  const ownedSheets: string[] = [];
  for (let row = sheet.top; row <= sheetBottom(sheet); row++) {
    const key = cellAt(sheet, row, 1);
    const value = cellAt(sheet, row, 2);
    if (key === 'settings' && typeof value === 'string') json += value;
    if (key === 'owned-sheet' && typeof value === 'string' && value) ownedSheets.push(value);
  }
  if (!json) return { settings: DEFAULT_SETTINGS, problems: [], ownedSheets, ...present };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {
      settings: DEFAULT_SETTINGS,
      problems: [`The settings stored in sheet '${sheet.name}' are not readable; BoardPlan used its defaults. Save the settings again in BoardPlan.`],
      ownedSheets,
      ...present,
    };
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      settings: DEFAULT_SETTINGS,
      problems: describeSettingsErrors(parsed.error).map((p) => `Stored setting ${p}; BoardPlan used its defaults.`),
      ownedSheets,
      ...present,
    };
  }
  return { settings: parsed.data, problems: [], ownedSheets, ...present };
}

export function stateSheet(settings: Settings, ownedSheets: string[], name: string): GeneratedSheet {
  const json = JSON.stringify(settings);
  const rows: (string | number | null)[][] = [[TITLE, null], ['key', 'value']];
  for (let i = 0; i < json.length; i += SLICE) rows.push(['settings', json.slice(i, i + SLICE)]);
  for (const name of [...new Set(ownedSheets)].sort()) rows.push(['owned-sheet', name]);
  return {
    name,
    visibility: 'veryHidden',
    rows,
    styles: [],
    links: [],
    merges: [],
    widths: [],
    freezeRows: 0,
  };
}
