import { isOwnedRule, type ConditionalFormat } from '../core/patch';
import { ExcelHostError, rulesMessage } from './errors';
import { jsonBytes } from './payload';
import type { Syncs } from './syncs';
import { isRuleFailure, unit, type Unit, type Writer } from './writer';

/**
 * BoardPlan's conditional formats: found by their mark in the write's own batch (a rule's id is only
 * its position among the sheet's rules, so one read earlier could name the user's rule), and added
 * so that they keep the patch's order.
 */

/** Excel clamps a priority past the end to the last place. */
const LAST_PRIORITY = 1_000_000;

/** A sheet's conditional formats with what tells BoardPlan's apart (their formulas' mark), queued for the next sync. */
export function loadRuleMarks(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  return sheet.getRange().conditionalFormats.load('items/id,items/type,items/customOrNullObject/rule/formula');
}

/** Positions of BoardPlan's rules among those loaded. */
export function ownRuleIds(formats: Excel.ConditionalFormatCollection): string[] {
  return formats.items.filter((f) => f.type === 'Custom' && !f.customOrNullObject.isNullObject && isOwnedRule(f.customOrNullObject.rule.formula)).map((f) => f.id);
}

/** Positions of BoardPlan's conditional formats on each sheet, by the mark in their formulas. */
export async function findOwnRules(syncs: Syncs, sheets: string[]): Promise<Map<string, string[]>> {
  const loads = sheets.map((name) => ({ name, formats: loadRuleMarks(syncs.context.workbook.worksheets.getItem(name)) }));
  try {
    await syncs.sync();
  } catch (e) {
    if (!isRuleFailure(e)) throw e;
    throw new ExcelHostError('partial-update', rulesMessage(sheets.join("', '"), false), { cause: e });
  }
  return new Map(loads.map(({ name, formats }) => [name, ownRuleIds(formats)]));
}

/**
 * Adds rules, first = highest priority. Excel adds a rule at the top; each is moved to the end so
 * that the patch's rules keep their order and rank after the user's own, as the .xlsx host writes
 * them. The move comes last: after a priority change Excel's reference says the object must be
 * fetched again before it is changed further.
 */
export function addRules(w: Writer, sheet: string, rules: ConditionalFormat[], owner?: string): void {
  for (const rule of rules) w.add(ruleUnit(sheet, rule, true, owner));
}

/** On BoardPlan's own (emptied) sheet there are no rules of the user's: added last first, they end in the patch's order with no move. */
export function addOwnSheetRules(w: Writer, sheet: string, rules: ConditionalFormat[]): void {
  for (const rule of [...rules].reverse()) w.add(ruleUnit(sheet, rule, false));
}

function ruleUnit(sheet: string, rule: ConditionalFormat, toEnd: boolean, owner?: string): Unit {
  const formula = rule.formula.startsWith('=') ? rule.formula : `=${rule.formula}`;
  return unit(1, 7, toEnd ? 5 : 4, jsonBytes(formula) + 40, (r) => {
    const cf = r.range(sheet, rule.address).conditionalFormats.add('Custom');
    const custom = cf.custom;
    custom.rule.formula = formula;
    if (rule.fill) custom.format.fill.color = rule.fill;
    if (rule.font) custom.format.font.color = rule.font;
    if (rule.bold !== undefined) custom.format.font.bold = rule.bold;
    if (toEnd) cf.priority = LAST_PRIORITY;
  }, owner);
}
