import type { GeneratedSheet } from './patch';
import { STATE_SHEET } from './patch';
import { cellAt, sheetBottom, type WorkbookSnapshot } from './snapshot';
import { DEFAULT_SETTINGS, describeSettingsErrors, SettingsSchema, type Settings } from './settings';

/**
 * BoardPlan's state lives in its own very hidden sheet, so it travels with the workbook and every
 * host (the pane, the ribbon button, the command line) reads the same settings. A sheet rather than
 * document settings or custom XML: ExcelJS and every Excel version can read and write cells, and an
 * officer can inspect it (unhide it with a macro or any file tool) when something looks wrong.
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
}

export function readState(snapshot: WorkbookSnapshot): WorkbookState {
  const sheet = snapshot.sheets.find((s) => s.name === STATE_SHEET);
  if (!sheet) return { settings: DEFAULT_SETTINGS, problems: [], ownedSheets: [], present: false };
  let json = '';
  const ownedSheets: string[] = [];
  for (let row = sheet.top; row <= sheetBottom(sheet); row++) {
    const key = cellAt(sheet, row, 1);
    const value = cellAt(sheet, row, 2);
    if (key === 'settings' && typeof value === 'string') json += value;
    if (key === 'owned-sheet' && typeof value === 'string' && value) ownedSheets.push(value);
  }
  if (!json) return { settings: DEFAULT_SETTINGS, problems: [], ownedSheets, present: true };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {
      settings: DEFAULT_SETTINGS,
      problems: [`The settings stored in sheet '${STATE_SHEET}' are not readable; BoardPlan used its defaults. Save the settings again in BoardPlan.`],
      ownedSheets,
      present: true,
    };
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      settings: DEFAULT_SETTINGS,
      problems: describeSettingsErrors(parsed.error).map((p) => `Stored setting ${p}; BoardPlan used its defaults.`),
      ownedSheets,
      present: true,
    };
  }
  return { settings: parsed.data, problems: [], ownedSheets, present: true };
}

export function stateSheet(settings: Settings, ownedSheets: string[]): GeneratedSheet {
  const json = JSON.stringify(settings);
  const rows: (string | number | null)[][] = [[TITLE, null], ['key', 'value']];
  for (let i = 0; i < json.length; i += SLICE) rows.push(['settings', json.slice(i, i + SLICE)]);
  for (const name of [...new Set(ownedSheets)].sort()) rows.push(['owned-sheet', name]);
  return {
    name: STATE_SHEET,
    visibility: 'veryHidden',
    rows,
    styles: [],
    links: [],
    merges: [],
    widths: [],
    freezeRows: 0,
  };
}
