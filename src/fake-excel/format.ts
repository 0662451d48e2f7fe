import type ExcelJS from 'exceljs';
import { pointsToWidth, widthToPoints } from '../excel/units';
import type { Rect } from './address';
import { FakeObject, navFrom, type Target } from './base';
import { argb, displayText, hexFromArgb, normaliseColour, readNumberFormat, readValue, updateStyle } from './cells';
import { FakeOfficeError } from './errors';
import { areasOf, assertWritable, bounded, common, eachCell, findCell, type RangeTarget } from './walk';

/** A range's format and its parts (fill, font, borders), over ExcelJS cell styles. */

abstract class FakeFormatPart extends FakeObject {
  protected override write(prop: string, value: unknown, apply: (t: Target) => void): void {
    super.write(prop, value, (t) => areasOf(t as RangeTarget).forEach(apply));
  }
  protected override call(name: string, args: unknown[], run: (t: Target) => void): void {
    super.call(name, args, (t) => areasOf(t as RangeTarget).forEach(run));
  }
}

export const H_ALIGN: Record<string, string | undefined> = {
  General: undefined, Left: 'left', Center: 'center', Right: 'right', Fill: 'fill', Justify: 'justify',
  CenterAcrossSelection: 'centerContinuous', Distributed: 'distributed',
};
export const V_ALIGN: Record<string, string> = { Top: 'top', Center: 'middle', Bottom: 'bottom', Justify: 'justify', Distributed: 'distributed' };

function styleWrite(ws: ExcelJS.Worksheet, rect: Rect, where: string, change: (style: Partial<ExcelJS.Style>) => void): void {
  assertWritable(ws, where);
  eachCell(ws, rect, (cell) => updateStyle(cell, change));
}

export class FakeRangeFormat extends FakeFormatPart {
  readonly kind = 'RangeFormat';
  private fillObj?: FakeRangeFill;
  private fontObj?: FakeRangeFont;
  private bordersObj?: FakeRangeBorderCollection;

  protected scalars(): string[] {
    return ['columnWidth', 'rowHeight', 'wrapText', 'horizontalAlignment', 'verticalAlignment'];
  }

  protected scalar(prop: string, target: Target): unknown {
    const { ws, rect } = target as RangeTarget;
    switch (prop) {
      case 'columnWidth': {
        const b = bounded(ws, rect);
        const widths = new Set<number>();
        for (let c = b.left; c <= b.right; c++) widths.add(widthToPoints(ws.getColumn(c).width ?? 9.140625));
        return widths.size === 1 ? [...widths][0] : null;
      }
      case 'rowHeight': {
        const b = bounded(ws, rect);
        const heights = new Set<number>();
        for (let r = b.top; r <= b.bottom; r++) heights.add(ws.findRow(r)?.height ?? 15);
        return heights.size === 1 ? [...heights][0] : null;
      }
      case 'wrapText':
        return common(ws, rect, (c) => !!c?.alignment?.wrapText);
      case 'horizontalAlignment':
        return common(ws, rect, (c) => {
          const h = c?.alignment?.horizontal;
          return Object.keys(H_ALIGN).find((k) => H_ALIGN[k] === h) ?? 'General';
        });
      case 'verticalAlignment':
        return common(ws, rect, (c) => {
          const v = c?.alignment?.vertical;
          return Object.keys(V_ALIGN).find((k) => V_ALIGN[k] === v) ?? 'Bottom';
        });
      default:
        throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on RangeFormat.`);
    }
  }

  protected override nav(prop: string): FakeObject | undefined {
    if (prop === 'fill') return this.fill;
    if (prop === 'font') return this.font;
    if (prop === 'borders') return this.borders;
    return undefined;
  }

  get fill(): FakeRangeFill {
    return (this.fillObj ??= new FakeRangeFill(this.ctx, navFrom(this)));
  }
  get font(): FakeRangeFont {
    return (this.fontObj ??= new FakeRangeFont(this.ctx, navFrom(this)));
  }
  get borders(): FakeRangeBorderCollection {
    return (this.bordersObj ??= new FakeRangeBorderCollection(this.ctx, navFrom(this)));
  }

  set columnWidth(points: number) {
    this.write('columnWidth', points, (target) => {
      const { ws, rect } = target as RangeTarget;
      assertWritable(ws, 'RangeFormat.columnWidth');
      if (typeof points !== 'number' || !(points >= 0)) throw new FakeOfficeError('InvalidArgument', 'A column width must be a number of points.', 'RangeFormat.columnWidth');
      const b = bounded(ws, { ...rect, top: 1, bottom: 1 });
      for (let c = b.left; c <= b.right; c++) ws.getColumn(c).width = pointsToWidth(points);
    });
  }

  set rowHeight(points: number) {
    this.write('rowHeight', points, (target) => {
      const { ws, rect } = target as RangeTarget;
      assertWritable(ws, 'RangeFormat.rowHeight');
      // Only the rows matter: a whole row's columns are not counted.
      const b = bounded(ws, { ...rect, left: 1, right: 1 });
      for (let r = b.top; r <= b.bottom; r++) ws.getRow(r).height = points;
    });
  }

  set wrapText(on: boolean) {
    this.write('wrapText', on, (target) => {
      const { ws, rect } = target as RangeTarget;
      styleWrite(ws, rect, 'RangeFormat.wrapText', (s) => (s.alignment = { ...s.alignment, wrapText: !!on }));
    });
  }

  set horizontalAlignment(a: string) {
    this.write('horizontalAlignment', a, (target) => {
      const { ws, rect } = target as RangeTarget;
      if (!(a in H_ALIGN)) throw new FakeOfficeError('InvalidArgument', `Unknown horizontal alignment '${a}'.`, 'RangeFormat.horizontalAlignment');
      styleWrite(ws, rect, 'RangeFormat.horizontalAlignment', (s) => {
        s.alignment = { ...s.alignment, horizontal: H_ALIGN[a] as ExcelJS.Alignment['horizontal'] };
      });
    });
  }

  set verticalAlignment(a: string) {
    this.write('verticalAlignment', a, (target) => {
      const { ws, rect } = target as RangeTarget;
      if (!(a in V_ALIGN)) throw new FakeOfficeError('InvalidArgument', `Unknown vertical alignment '${a}'.`, 'RangeFormat.verticalAlignment');
      styleWrite(ws, rect, 'RangeFormat.verticalAlignment', (s) => {
        s.alignment = { ...s.alignment, vertical: V_ALIGN[a] as ExcelJS.Alignment['vertical'] };
      });
    });
  }

  /** Widths to fit the longest text shown in each column of the range. */
  autofitColumns(): void {
    this.call('autofitColumns', Array.from(arguments), (target) => {
      const { ws, rect } = target as RangeTarget;
      assertWritable(ws, 'RangeFormat.autofitColumns');
      const b = bounded(ws, rect);
      for (let c = b.left; c <= b.right; c++) {
        let longest = 0;
        for (let r = b.top; r <= b.bottom; r++) {
          const cell = findCell(ws, r, c);
          if (cell && !cell.alignment?.wrapText) longest = Math.max(longest, displayText(readValue(cell), readNumberFormat(cell)).length);
        }
        ws.getColumn(c).width = Math.min(255, Math.max(longest + 1.7, 9.140625));
      }
    });
  }

  autofitRows(): void {
    this.call('autofitRows', Array.from(arguments), () => undefined);
  }
}

export class FakeRangeFill extends FakeFormatPart {
  readonly kind = 'RangeFill';
  protected scalars(): string[] {
    return ['color'];
  }
  protected scalar(_prop: string, target: Target): unknown {
    const { ws, rect } = target as RangeTarget;
    return common(ws, rect, (c) => {
      const f = c?.fill as ExcelJS.FillPattern | undefined;
      return f && f.type === 'pattern' && f.pattern !== 'none' ? hexFromArgb(f.fgColor) ?? '#FFFFFF' : '#FFFFFF';
    });
  }
  set color(value: string) {
    this.write('color', value, (target) => {
      const { ws, rect } = target as RangeTarget;
      const hex = normaliseColour(value);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(value)}' is not a colour Excel knows.`, 'RangeFill.color');
      styleWrite(ws, rect, 'RangeFill.color', (s) => (s.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } }));
    });
  }
  clear(): void {
    this.call('clear', Array.from(arguments), (target) => {
      const { ws, rect } = target as RangeTarget;
      styleWrite(ws, rect, 'RangeFill.clear', (s) => delete s.fill);
    });
  }
}

export class FakeRangeFont extends FakeFormatPart {
  readonly kind = 'RangeFont';
  protected scalars(): string[] {
    return ['bold', 'italic', 'color', 'size', 'name', 'underline'];
  }
  protected scalar(prop: string, target: Target): unknown {
    const { ws, rect } = target as RangeTarget;
    return common(ws, rect, (c) => {
      const f = (c?.font ?? {}) as Partial<ExcelJS.Font>;
      switch (prop) {
        case 'bold': return !!f.bold;
        case 'italic': return !!f.italic;
        case 'color': return hexFromArgb(f.color as { argb?: string }) ?? '#000000';
        case 'size': return f.size ?? 11;
        case 'name': return f.name ?? 'Calibri';
        default: return f.underline ? 'Single' : 'None';
      }
    });
  }
  private update(prop: string, value: unknown, change: (font: Partial<ExcelJS.Font>) => void): void {
    this.write(prop, value, (target) => {
      const { ws, rect } = target as RangeTarget;
      styleWrite(ws, rect, `RangeFont.${prop}`, (s) => {
        const font = { ...(s.font ?? {}) } as Partial<ExcelJS.Font>;
        change(font);
        s.font = font;
      });
    });
  }
  set bold(v: boolean) { this.update('bold', v, (f) => (f.bold = !!v)); }
  set italic(v: boolean) { this.update('italic', v, (f) => (f.italic = !!v)); }
  set size(v: number) { this.update('size', v, (f) => (f.size = v)); }
  set name(v: string) { this.update('name', v, (f) => (f.name = v)); }
  set underline(v: string) { this.update('underline', v, (f) => (f.underline = v === 'None' ? false : 'single')); }
  set color(v: string) {
    this.update('color', v, (f) => {
      const hex = normaliseColour(v);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(v)}' is not a colour Excel knows.`, 'RangeFont.color');
      f.color = { argb: argb(hex) };
    });
  }
}

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];
const LINE: Record<string, ExcelJS.BorderStyle | undefined> = {
  None: undefined, Continuous: 'thin', Dash: 'dashed', DashDot: 'dashDot', DashDotDot: 'dashDotDot', Dot: 'dotted', Double: 'double', SlantDashDot: 'slantDashDot',
};

interface BorderTarget extends RangeTarget {
  edge: string;
}

export class FakeRangeBorderCollection extends FakeFormatPart {
  readonly kind = 'RangeBorderCollection';
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on RangeBorderCollection.`);
  }
  getItem(index: string): FakeRangeBorder {
    return this.make('getItem', Array.from(arguments), new FakeRangeBorder(this.ctx), (t) => {
      if (!EDGES.includes(index)) throw new FakeOfficeError('InvalidArgument', `Unknown border '${index}'.`, 'RangeBorderCollection.getItem');
      return { ...(t as RangeTarget), edge: index } satisfies BorderTarget;
    });
  }
}

export class FakeRangeBorder extends FakeFormatPart {
  readonly kind = 'RangeBorder';
  protected scalars(): string[] {
    return ['style', 'color'];
  }
  protected scalar(prop: string, target: Target): unknown {
    const { ws, rect, edge } = target as BorderTarget;
    const side = edge === 'EdgeTop' ? 'top' : edge === 'EdgeBottom' ? 'bottom' : edge === 'EdgeLeft' ? 'left' : 'right';
    return common(ws, rect, (c) => {
      const b = (c?.border as Record<string, ExcelJS.Border | undefined> | undefined)?.[side];
      if (prop === 'color') return hexFromArgb(b?.color as { argb?: string }) ?? '#000000';
      return Object.keys(LINE).find((k) => LINE[k] === b?.style) ?? 'None';
    });
  }
  private apply(prop: string, value: unknown, border: (current: ExcelJS.Border | undefined) => ExcelJS.Border | undefined): void {
    this.write(prop, value, (target) => {
      const { ws, rect, edge } = target as BorderTarget;
      assertWritable(ws, `RangeBorder.${prop}`);
      eachCell(ws, rect, (cell, row, col) => {
        const sides: string[] = [];
        if (edge === 'EdgeTop' && row === rect.top) sides.push('top');
        if (edge === 'EdgeBottom' && row === rect.bottom) sides.push('bottom');
        if (edge === 'EdgeLeft' && col === rect.left) sides.push('left');
        if (edge === 'EdgeRight' && col === rect.right) sides.push('right');
        if (edge === 'InsideHorizontal') {
          if (row > rect.top) sides.push('top');
          if (row < rect.bottom) sides.push('bottom');
        }
        if (edge === 'InsideVertical') {
          if (col > rect.left) sides.push('left');
          if (col < rect.right) sides.push('right');
        }
        if (!sides.length) return;
        updateStyle(cell, (s) => {
          const b = { ...(s.border ?? {}) } as Record<string, ExcelJS.Border | undefined>;
          for (const side of sides) {
            const next = border(b[side]);
            if (next) b[side] = next;
            else delete b[side];
          }
          s.border = b as Partial<ExcelJS.Borders>;
        });
      });
    });
  }
  set style(v: string) {
    this.apply('style', v, (cur) => {
      if (!(v in LINE)) throw new FakeOfficeError('InvalidArgument', `Unknown border style '${v}'.`, 'RangeBorder.style');
      const style = LINE[v];
      return style ? ({ ...(cur ?? {}), style } as ExcelJS.Border) : undefined;
    });
  }
  set color(v: string) {
    this.apply('color', v, (cur) => {
      const hex = normaliseColour(v);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${String(v)}' is not a colour Excel knows.`, 'RangeBorder.color');
      return { style: cur?.style ?? 'thin', color: { argb: argb(hex) } };
    });
  }
}
