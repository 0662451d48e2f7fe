import { columnLetter, columnNumber, rangeA1 } from '../core/cells';
import { isOwnedRule, type ConditionalFormat } from '../core/patch';
import { ExcelHostError, rulesMessage } from './errors';
import { jsonBytes } from './payload';
import type { Syncs } from './syncs';
import { cellsOf, isRuleFailure, MAX_AREAS_ADDRESS, overlaps, unit, type Rect, type Unit, type Writer } from './writer';

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
 * A formula's references moved by `rows` and `cols`, as Excel moves a relative reference when it
 * applies a rule to another cell: "$G3" → "$G5", "F18" → "F26"; what is pinned with $ stays, and
 * text in quotes is left alone. Null when a reference would leave the sheet.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string | null {
  let out = '';
  let failed = false;
  // Text in quotes, or a cell reference not part of a longer name nor a function's name.
  const token = /"(?:[^"]|"")*"|(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_(])/g;
  let at = 0;
  for (let m = token.exec(formula); m; m = token.exec(formula)) {
    out += formula.slice(at, m.index);
    at = m.index + m[0].length;
    if (m[0].startsWith('"')) {
      out += m[0];
      continue;
    }
    const [, colPin, letters, rowPin, digits] = m;
    const col = colPin ? columnNumber(letters) : columnNumber(letters) + cols;
    const row = rowPin ? Number(digits) : Number(digits) + rows;
    if (col < 1 || col > 16_384 || row < 1 || row > 1_048_576) failed = true;
    out += `${colPin}${columnLetter(Math.max(1, col))}${rowPin}${Math.max(1, row)}`;
  }
  return failed ? null : out + formula.slice(at);
}

/** One conditional format over one or more areas of a sheet: the first area's top-left is the formula's cell. */
interface RuleAreas {
  rule: ConditionalFormat;
  areas: Rect[];
}

const sameLook = (a: ConditionalFormat, b: ConditionalFormat) => a.fill === b.fill && a.font === b.font && a.bold === b.bold;

/**
 * Rules that say the same over different areas of a sheet (a priority's two rated tables, say) as
 * one conditional format over all of them (a RangeAreas, ExcelApi 1.9): the same formula seen from
 * each area's top-left cell, the same look. Each cell is coloured exactly as by the separate rules.
 * A rule joins an earlier one only when no rule between them touches its cells, so that its place
 * among the rules that do is kept, and only below and right of the first area, where its formula is
 * written.
 */
export function ruleAreas(rules: ConditionalFormat[]): RuleAreas[] {
  const out: RuleAreas[] = [];
  for (const rule of rules) {
    const rect = cellsOf(rule.address)!;
    const joins = (g: RuleAreas) => {
      const first = g.areas[0];
      const length = g.areas.reduce((n, a) => n + rangeA1(a.top, a.left, a.bottom, a.right).length + 1, 0) + rule.address.length;
      return length <= MAX_AREAS_ADDRESS && sameLook(g.rule, rule) && rect.top >= first.top && rect.left >= first.left && shiftFormula(g.rule.formula, rect.top - first.top, rect.left - first.left) === rule.formula;
    };
    let joined = false;
    for (let i = out.length - 1; i >= 0; i--) {
      if (joins(out[i])) {
        out[i].areas.push(rect);
        joined = true;
        break;
      }
      if (out[i].areas.some((a) => overlaps(a, rect))) break;
    }
    if (!joined) out.push({ rule, areas: [rect] });
  }
  return out;
}

/**
 * Adds rules, first = highest priority. Excel adds a rule at the top; each is moved to the end so
 * that the patch's rules keep their order and rank after the user's own, as the .xlsx host writes
 * them. The move comes last: after a priority change Excel's reference says the object must be
 * fetched again before it is changed further.
 */
export function addRules(w: Writer, sheet: string, rules: ConditionalFormat[], owner?: string): void {
  for (const rule of ruleAreas(rules)) w.add(ruleUnit(sheet, rule, owner));
}

function ruleUnit(sheet: string, { rule, areas }: RuleAreas, owner?: string): Unit {
  const formula = rule.formula.startsWith('=') ? rule.formula : `=${rule.formula}`;
  const addresses = areas.map((a) => rangeA1(a.top, a.left, a.bottom, a.right));
  return unit(1, 7, 5, jsonBytes(formula) + jsonBytes(addresses) + 40, (r) => {
    const on = addresses.length === 1 ? r.range(sheet, addresses[0]) : r.areas(sheet, addresses.join(','));
    const cf = on.conditionalFormats.add('Custom');
    const custom = cf.custom;
    custom.rule.formula = formula;
    if (rule.fill) custom.format.fill.color = rule.fill;
    if (rule.font) custom.format.font.color = rule.font;
    if (rule.bold !== undefined) custom.format.font.bold = rule.bold;
    cf.priority = LAST_PRIORITY;
  }, owner);
}
