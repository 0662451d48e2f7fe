import type ExcelJS from 'exceljs';
import { formatRect, intersects, parseAddress, type Rect } from './address';
import { FakeCollection, FakeObject, navFrom, type FakeState, type Target } from './base';
import { argb, hexFromArgb, normaliseColour } from './cells';
import { FakeOfficeError } from './errors';
import { assertWritable, FakeRange, type RangeTarget } from './range';

/**
 * Conditional formats over ExcelJS's `worksheet.conditionalFormattings` (entries of `{ ref, rules }`).
 * Each Office.js ConditionalFormat is one ExcelJS rule. As in Excel, a conditional format's id is
 * its position in the collection it came from (the rules that touch the collection's range,
 * highest priority first), and an object finds its rule by that position each time it is used: a
 * rule added, removed or moved meanwhile makes it another rule. Loading `custom` on a format of
 * another type fails, as Excel does (use customOrNullObject).
 */

interface Rule {
  type: string;
  priority?: number;
  formulae?: string[];
  style?: { fill?: ExcelJS.Fill; font?: Partial<ExcelJS.Font> };
  stopIfTrue?: boolean;
}
interface Entry {
  ref: string;
  rules: Rule[];
}
/** A rule as found at a position of a collection. */
export interface CfTarget {
  ws: ExcelJS.Worksheet;
  entry: Entry;
  rule: Rule;
  position: number;
}
/** What a ConditionalFormat object holds: a position in the collection of a range, or of several (a RangeAreas). */
interface CfSlot {
  ws: ExcelJS.Worksheet;
  rect: Rect;
  areas?: Rect[];
  position: number;
}

const TYPES: Record<string, string> = {
  expression: 'Custom', cellIs: 'CellValue', colorScale: 'ColorScale', dataBar: 'DataBar', iconSet: 'IconSet',
  top10: 'TopBottom', containsText: 'ContainsText',
};

function entriesOf(ws: ExcelJS.Worksheet): Entry[] {
  return (ws as unknown as { conditionalFormattings: Entry[] }).conditionalFormattings;
}

export function refRects(ref: string): Rect[] {
  return ref
    .split(/\s+/)
    .filter(Boolean)
    .map((a) => parseAddress(a)?.rect)
    .filter((r): r is Rect => !!r);
}

interface SheetRule {
  ws: ExcelJS.Worksheet;
  entry: Entry;
  rule: Rule;
}

/** Every rule of a sheet, highest priority first. */
export function rulesOf(ws: ExcelJS.Worksheet): SheetRule[] {
  const all: SheetRule[] = [];
  for (const entry of entriesOf(ws)) for (const rule of entry.rules) all.push({ ws, entry, rule });
  return all.sort((a, b) => (a.rule.priority ?? Infinity) - (b.rule.priority ?? Infinity));
}

/** The rules a range's collection holds: those touching the range (any of its areas), highest priority first. */
function collection(ws: ExcelJS.Worksheet, rect: Rect, areas: Rect[] = [rect]): SheetRule[] {
  return rulesOf(ws).filter((t) => refRects(t.entry.ref).some((r) => areas.some((a) => intersects(r, a))));
}

/** Excel keeps priorities contiguous: 1 is applied first. */
function renumber(ordered: SheetRule[]): void {
  ordered.forEach((t, i) => (t.rule.priority = i + 1));
}

/** The rule at a slot's position now, or ItemNotFound. */
function ruleAt(slot: CfSlot, where: string): CfTarget {
  const found = collection(slot.ws, slot.rect, slot.areas)[slot.position];
  if (!found) throw new FakeOfficeError('ItemNotFound', `There is no conditional format at position ${slot.position} of this range.`, where);
  return { ...found, position: slot.position };
}

/** Excel's bug with several rules on exactly one range (see FakeState.sharedRangeRuleBug). */
function assertNotSharedRange(state: FakeState, t: CfTarget, where: string): void {
  if (!state.sharedRangeRuleBug) return;
  const shared = rulesOf(t.ws).filter((r) => r.entry.ref === t.entry.ref).length > 1;
  if (shared) throw new FakeOfficeError('ItemNotFound', 'Item Not Found.', where);
}

export class FakeConditionalFormatCollection extends FakeCollection<FakeConditionalFormat> {
  readonly kind = 'ConditionalFormatCollection';

  protected members(target: Target): FakeConditionalFormat[] {
    const { ws, rect, areas } = target as RangeTarget;
    return collection(ws, rect, areas).map((_, position) => new FakeConditionalFormat(this.ctx).resolveAs({ ws, rect, areas, position } satisfies CfSlot));
  }

  /**
   * Excel adds a rule at the top: first in priority, position 0 of every collection that holds it.
   * On a RangeAreas (ExcelApi 1.9) one rule applies to all its areas, its formula written for the
   * first area's top-left cell, as in the file's space-separated sqref.
   */
  add(type: string): FakeConditionalFormat {
    return this.make('add', Array.from(arguments), new FakeConditionalFormat(this.ctx), (target) => {
      const { ws, rect, areas } = target as RangeTarget;
      assertWritable(ws, 'ConditionalFormatCollection.add');
      if (type !== 'Custom') {
        throw new FakeOfficeError('InvalidArgument', `The fake models only 'Custom' conditional formats, not '${type}'.`, 'ConditionalFormatCollection.add');
      }
      const rule: Rule = { type: 'expression', formulae: [], style: {}, priority: 0 };
      entriesOf(ws).push({ ref: (areas ?? [rect]).map(formatRect).join(' '), rules: [rule] });
      renumber(rulesOf(ws));
      return { ws, rect, areas, position: 0 } satisfies CfSlot;
    });
  }

  /** By id, which is a position: whatever rule is there when it is used. */
  getItem(id: string): FakeConditionalFormat {
    return this.make('getItem', Array.from(arguments), new FakeConditionalFormat(this.ctx), (t) => {
      const { ws, rect, areas } = t as RangeTarget;
      const position = /^\d+$/.test(String(id)) ? Number(id) : -1;
      const slot: CfSlot = { ws, rect, areas, position };
      ruleAt(slot, 'ConditionalFormatCollection.getItem');
      return slot;
    });
  }

  getItemAt(index: number): FakeConditionalFormat {
    return this.getItem(String(index));
  }

  /** Removes every rule that applies to any cell of the range (the fake removes such rules whole). */
  clearAll(): void {
    this.call('clearAll', Array.from(arguments), (target) => {
      const { ws, rect, areas } = target as RangeTarget;
      assertWritable(ws, 'ConditionalFormatCollection.clearAll');
      for (const r of collection(ws, rect, areas)) removeRule(r);
      renumber(rulesOf(ws));
    });
  }
}

function removeRule(t: SheetRule): void {
  t.entry.rules = t.entry.rules.filter((r) => r !== t.rule);
  if (t.entry.rules.length === 0) {
    const entries = entriesOf(t.ws);
    const i = entries.indexOf(t.entry);
    if (i >= 0) entries.splice(i, 1);
  }
}

export class FakeConditionalFormat extends FakeObject {
  readonly kind = 'ConditionalFormat';
  private customObj?: FakeCustomConditionalFormat;
  private customOrNullObj?: FakeCustomConditionalFormat;

  /** The rule at this object's position, looked up now. */
  override target(): Target {
    const slot = super.target() as CfSlot | null;
    return slot === null ? null : ruleAt(slot, 'ConditionalFormat');
  }

  override instanceId(t: Target): string | null {
    return String((t as CfTarget).position);
  }

  protected scalars(): string[] {
    return ['id', 'type', 'priority', 'stopIfTrue'];
  }

  protected scalar(prop: string, target: Target): unknown {
    const t = target as CfTarget;
    switch (prop) {
      case 'id': return String(t.position);
      case 'type': return TYPES[t.rule.type] ?? 'PresetCriteria';
      case 'priority': return (t.rule.priority ?? 1) - 1;
      default: return t.rule.stopIfTrue ?? false;
    }
  }

  protected override nav(prop: string): FakeObject | undefined {
    if (prop === 'custom') return this.custom;
    if (prop === 'customOrNullObject') return this.customOrNullObject;
    return undefined;
  }

  /** 0 is applied first; beyond the end means last; negative counts from the back. */
  set priority(value: number) {
    this.write('priority', value, (target) => {
      const t = target as CfTarget;
      assertWritable(t.ws, 'ConditionalFormat.priority');
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new FakeOfficeError('InvalidArgument', 'A priority must be a whole number.', 'ConditionalFormat.priority');
      const others = rulesOf(t.ws).filter((r) => r.rule !== t.rule);
      const at = value < 0 ? Math.max(0, others.length + 1 + value) : Math.min(value, others.length);
      others.splice(at, 0, t);
      renumber(others);
    });
  }

  get custom(): FakeCustomConditionalFormat {
    return (this.customObj ??= new FakeCustomConditionalFormat(this.ctx, navFrom(this, (t) => {
      if ((t as CfTarget).rule.type !== 'expression') {
        throw new FakeOfficeError('InvalidOperation', undefined, 'ConditionalFormat.custom');
      }
      return t;
    })));
  }

  get customOrNullObject(): FakeCustomConditionalFormat {
    return (this.customOrNullObj ??= new FakeCustomConditionalFormat(this.ctx, navFrom(this, (t) => ((t as CfTarget).rule.type === 'expression' ? t : null))));
  }

  getRange(): FakeRange {
    return this.make('getRange', Array.from(arguments), new FakeRange(this.ctx), (target) => {
      const t = target as CfTarget;
      const rects = refRects(t.entry.ref);
      if (rects.length !== 1) throw new FakeOfficeError('InvalidOperation', 'The conditional format applies to several ranges.', 'ConditionalFormat.getRange');
      return { ws: t.ws, rect: rects[0] } satisfies RangeTarget;
    });
  }

  delete(): void {
    this.call('delete', Array.from(arguments), (target) => {
      const t = target as CfTarget;
      assertWritable(t.ws, 'ConditionalFormat.delete');
      assertNotSharedRange(this.state, t, 'ConditionalFormat.delete');
      removeRule(t);
      renumber(rulesOf(t.ws));
    });
  }
}

export class FakeCustomConditionalFormat extends FakeObject {
  readonly kind = 'CustomConditionalFormat';
  private ruleObj?: FakeConditionalFormatRule;
  private formatObj?: FakeConditionalRangeFormat;
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on CustomConditionalFormat.`);
  }
  protected override nav(prop: string): FakeObject | undefined {
    if (prop === 'rule') return this.rule;
    if (prop === 'format') return this.format;
    return undefined;
  }
  get rule(): FakeConditionalFormatRule {
    return (this.ruleObj ??= new FakeConditionalFormatRule(this.ctx, navFrom(this)));
  }
  get format(): FakeConditionalRangeFormat {
    return (this.formatObj ??= new FakeConditionalRangeFormat(this.ctx, navFrom(this)));
  }
}

export class FakeConditionalFormatRule extends FakeObject {
  readonly kind = 'ConditionalFormatRule';
  protected scalars(): string[] {
    return ['formula'];
  }
  protected scalar(_prop: string, target: Target): unknown {
    assertNotSharedRange(this.state, target as CfTarget, 'ConditionalFormatRule.formula');
    const f = (target as CfTarget).rule.formulae?.[0];
    return f === undefined ? '' : `=${f}`;
  }
  set formula(value: string) {
    this.write('formula', value, (target) => {
      const t = target as CfTarget;
      assertWritable(t.ws, 'ConditionalFormatRule.formula');
      if (typeof value !== 'string' || value.replace(/^=/, '').trim() === '') {
        throw new FakeOfficeError('InvalidArgument', 'A conditional format needs a formula.', 'ConditionalFormatRule.formula');
      }
      t.rule.formulae = [value.replace(/^=/, '')];
    });
  }
}

export class FakeConditionalRangeFormat extends FakeObject {
  readonly kind = 'ConditionalRangeFormat';
  private fillObj?: FakeConditionalRangeFill;
  private fontObj?: FakeConditionalRangeFont;
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on ConditionalRangeFormat.`);
  }
  protected override nav(prop: string): FakeObject | undefined {
    if (prop === 'fill') return this.fill;
    if (prop === 'font') return this.font;
    return undefined;
  }
  get fill(): FakeConditionalRangeFill {
    return (this.fillObj ??= new FakeConditionalRangeFill(this.ctx, navFrom(this)));
  }
  get font(): FakeConditionalRangeFont {
    return (this.fontObj ??= new FakeConditionalRangeFont(this.ctx, navFrom(this)));
  }
}

function styleOf(t: CfTarget): NonNullable<Rule['style']> {
  t.rule.style = { ...(t.rule.style ?? {}) };
  return t.rule.style;
}

export class FakeConditionalRangeFill extends FakeObject {
  readonly kind = 'ConditionalRangeFill';
  protected scalars(): string[] {
    return ['color'];
  }
  protected scalar(_prop: string, target: Target): unknown {
    const fill = (target as CfTarget).rule.style?.fill as ExcelJS.FillPattern | undefined;
    return fill ? hexFromArgb(fill.bgColor) ?? hexFromArgb(fill.fgColor) : null;
  }
  set color(value: string) {
    this.write('color', value, (target) => {
      const t = target as CfTarget;
      assertWritable(t.ws, 'ConditionalRangeFill.color');
      const hex = normaliseColour(value);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(value)}' is not a colour Excel knows.`, 'ConditionalRangeFill.color');
      // A differential (dxf) fill: Excel reads bgColor, some readers fgColor; both are set.
      styleOf(t).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) }, bgColor: { argb: argb(hex) } };
    });
  }
}

export class FakeConditionalRangeFont extends FakeObject {
  readonly kind = 'ConditionalRangeFont';
  protected scalars(): string[] {
    return ['color', 'bold', 'italic'];
  }
  protected scalar(prop: string, target: Target): unknown {
    const font = (target as CfTarget).rule.style?.font;
    if (prop === 'color') return font?.color ? hexFromArgb(font.color as { argb?: string }) : null;
    return prop === 'bold' ? !!font?.bold : !!font?.italic;
  }
  private update(prop: string, value: unknown, change: (font: Partial<ExcelJS.Font>) => void): void {
    this.write(prop, value, (target) => {
      const t = target as CfTarget;
      assertWritable(t.ws, `ConditionalRangeFont.${prop}`);
      const style = styleOf(t);
      const font = { ...(style.font ?? {}) };
      change(font);
      style.font = font;
    });
  }
  set color(v: string) {
    this.update('color', v, (f) => {
      const hex = normaliseColour(v);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(v)}' is not a colour Excel knows.`, 'ConditionalRangeFont.color');
      f.color = { argb: argb(hex) };
    });
  }
  set bold(v: boolean) { this.update('bold', v, (f) => (f.bold = !!v)); }
  set italic(v: boolean) { this.update('italic', v, (f) => (f.italic = !!v)); }
}
