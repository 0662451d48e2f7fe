import type ExcelJS from 'exceljs';
import { formatRect, intersects, parseAddress, type Rect } from './address';
import { FakeCollection, FakeObject, idOf, navFrom, type Target } from './base';
import { argb, hexFromArgb, normaliseColour } from './cells';
import { FakeOfficeError } from './errors';
import { assertWritable, FakeRange, type RangeTarget } from './range';

/**
 * Conditional formats over ExcelJS's `worksheet.conditionalFormattings` (entries of `{ ref, rules }`).
 * Each Office.js ConditionalFormat is one ExcelJS rule; its id is stable for the life of the fake.
 * Loading `custom` on a format of another type fails the sync, as Excel does (use customOrNullObject).
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
export interface CfTarget {
  ws: ExcelJS.Worksheet;
  entry: Entry;
  rule: Rule;
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

/** Every rule of a sheet, highest priority first. */
export function rulesOf(ws: ExcelJS.Worksheet): CfTarget[] {
  const all: CfTarget[] = [];
  for (const entry of entriesOf(ws)) for (const rule of entry.rules) all.push({ ws, entry, rule });
  return all.sort((a, b) => (a.rule.priority ?? Infinity) - (b.rule.priority ?? Infinity));
}

/** Excel keeps priorities contiguous: 1 is applied first. */
function renumber(ordered: CfTarget[]): void {
  ordered.forEach((t, i) => (t.rule.priority = i + 1));
}

export class FakeConditionalFormatCollection extends FakeCollection<FakeConditionalFormat> {
  readonly kind = 'ConditionalFormatCollection';

  protected members(target: Target): FakeConditionalFormat[] {
    const { ws, rect } = target as RangeTarget;
    return rulesOf(ws)
      .filter((t) => refRects(t.entry.ref).some((r) => intersects(r, rect)))
      .map((t) => new FakeConditionalFormat(this.ctx).resolveAs(t));
  }

  add(type: string): FakeConditionalFormat {
    return this.make('add', Array.from(arguments), new FakeConditionalFormat(this.ctx), (target) => {
      const { ws, rect } = target as RangeTarget;
      assertWritable(ws, 'ConditionalFormatCollection.add');
      if (type !== 'Custom') {
        throw new FakeOfficeError('InvalidArgument', `The fake models only 'Custom' conditional formats, not '${type}'.`, 'ConditionalFormatCollection.add');
      }
      const rule: Rule = { type: 'expression', formulae: [], style: {}, priority: 0 };
      const entry: Entry = { ref: formatRect(rect), rules: [rule] };
      entriesOf(ws).push(entry);
      renumber(rulesOf(ws));
      return { ws, entry, rule } satisfies CfTarget;
    });
  }

  private find(target: Target, id: string): CfTarget | null {
    const found = this.members(target).find((m) => idOf(this.state, (m.target() as CfTarget).rule) === id);
    return found ? (found.target() as CfTarget) : null;
  }

  getItem(id: string): FakeConditionalFormat {
    return this.make('getItem', Array.from(arguments), new FakeConditionalFormat(this.ctx), (t) => {
      const f = this.find(t, id);
      if (!f) throw new FakeOfficeError('ItemNotFound', `There is no conditional format with id '${id}' on this range.`, 'ConditionalFormatCollection.getItem');
      return f;
    });
  }

  getItemOrNullObject(id: string): FakeConditionalFormat {
    return this.make('getItemOrNullObject', Array.from(arguments), new FakeConditionalFormat(this.ctx), (t) => this.find(t, id));
  }

  getItemAt(index: number): FakeConditionalFormat {
    return this.make('getItemAt', Array.from(arguments), new FakeConditionalFormat(this.ctx), (t) => {
      const m = this.members(t)[index];
      if (!m) throw new FakeOfficeError('ItemNotFound', `There is no conditional format at index ${index}.`, 'ConditionalFormatCollection.getItemAt');
      return m.target();
    });
  }

  /** Removes every rule that applies to any cell of the range (the fake removes such rules whole). */
  clearAll(): void {
    this.call('clearAll', Array.from(arguments), (target) => {
      const { ws } = target as RangeTarget;
      assertWritable(ws, 'ConditionalFormatCollection.clearAll');
      for (const m of this.members(target)) removeRule(m.target() as CfTarget);
      renumber(rulesOf(ws));
    });
  }
}

function removeRule(t: CfTarget): void {
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

  protected override checkAlive(target: Target): void {
    const t = target as CfTarget;
    if (!entriesOf(t.ws).includes(t.entry) || !t.entry.rules.includes(t.rule)) {
      throw new FakeOfficeError('ItemNotFound', 'The conditional format no longer exists.', 'ConditionalFormat');
    }
  }

  protected scalars(): string[] {
    return ['id', 'type', 'priority', 'stopIfTrue'];
  }

  protected scalar(prop: string, target: Target): unknown {
    const t = target as CfTarget;
    switch (prop) {
      case 'id': return idOf(this.state, t.rule);
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

  get id(): string { return this.read('id'); }
  get type(): string { return this.read('type'); }
  get priority(): number { return this.read('priority'); }
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
  get stopIfTrue(): boolean { return this.read('stopIfTrue'); }

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
    const f = (target as CfTarget).rule.formulae?.[0];
    return f === undefined ? '' : `=${f}`;
  }
  get formula(): string { return this.read('formula'); }
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
  get color(): string { return this.read('color'); }
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
  get color(): string { return this.read('color'); }
  set color(v: string) {
    this.update('color', v, (f) => {
      const hex = normaliseColour(v);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(v)}' is not a colour Excel knows.`, 'ConditionalRangeFont.color');
      f.color = { argb: argb(hex) };
    });
  }
  get bold(): boolean { return this.read('bold'); }
  set bold(v: boolean) { this.update('bold', v, (f) => (f.bold = !!v)); }
  get italic(): boolean { return this.read('italic'); }
  set italic(v: boolean) { this.update('italic', v, (f) => (f.italic = !!v)); }
}
