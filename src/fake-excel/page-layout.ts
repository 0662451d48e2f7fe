import type ExcelJS from 'exceljs';
import { formatRect, parseAddress, type Rect } from './address';
import { FakeObject, type Target } from './base';
import { FakeOfficeError } from './errors';
import { assertWritable, type FakeRange, type RangeTarget } from './range';

/** A sheet's print setup and its manual page breaks, kept in the ExcelJS sheet. */

const PAPER: Record<string, number> = { Letter: 1, Legal: 5, A3: 8, A4: 9, A5: 11 };

export class FakePageLayout extends FakeObject {
  readonly kind = 'PageLayout';
  protected scalars(): string[] {
    return ['orientation', 'paperSize', 'zoom'];
  }
  protected scalar(prop: string, t: Target): unknown {
    const ps = (t as ExcelJS.Worksheet).pageSetup;
    switch (prop) {
      case 'orientation': return ps.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      case 'paperSize': return Object.keys(PAPER).find((k) => PAPER[k] === ps.paperSize) ?? 'Letter';
      default:
        return ps.fitToPage
          ? { horizontalFitToPages: ps.fitToWidth ?? 1, verticalFitToPages: ps.fitToHeight ?? 1 }
          : { scale: ps.scale ?? 100 };
    }
  }
  set orientation(value: string) {
    this.write('orientation', value, (t) => {
      if (value !== 'Portrait' && value !== 'Landscape') throw new FakeOfficeError('InvalidArgument', `Unknown orientation '${value}'.`, 'PageLayout.orientation');
      (t as ExcelJS.Worksheet).pageSetup.orientation = value === 'Landscape' ? 'landscape' : 'portrait';
    });
  }
  set paperSize(value: string) {
    this.write('paperSize', value, (t) => {
      const n = PAPER[value];
      if (!n) throw new FakeOfficeError('InvalidArgument', `The fake does not know paper size '${value}'.`, 'PageLayout.paperSize');
      (t as ExcelJS.Worksheet).pageSetup.paperSize = n as ExcelJS.PageSetup['paperSize'];
    });
  }
  set zoom(value: Excel.PageLayoutZoomOptions) {
    this.write('zoom', value, (t) => {
      const ps = (t as ExcelJS.Worksheet).pageSetup;
      if (value.scale !== undefined && value.scale !== null) {
        ps.fitToPage = false;
        ps.scale = value.scale;
        return;
      }
      ps.fitToPage = true;
      ps.fitToWidth = value.horizontalFitToPages ?? 1;
      ps.fitToHeight = value.verticalFitToPages ?? 0;
    });
  }
  setPrintTitleRows(rows: string | FakeRange): void {
    this.call('setPrintTitleRows', Array.from(arguments), (t) => {
      const ws = t as ExcelJS.Worksheet;
      const rect = this.rectOf(rows, ws, 'PageLayout.setPrintTitleRows');
      ws.pageSetup.printTitlesRow = `${rect.top}:${rect.bottom}`;
    });
  }
  setPrintArea(area: string | FakeRange): void {
    this.call('setPrintArea', Array.from(arguments), (t) => {
      const ws = t as ExcelJS.Worksheet;
      ws.pageSetup.printArea = formatRect(this.rectOf(area, ws, 'PageLayout.setPrintArea'));
    });
  }
  private rectOf(x: string | FakeRange, ws: ExcelJS.Worksheet, where: string): Rect {
    if (typeof x !== 'string') return (x.target() as RangeTarget).rect;
    const parsed = parseAddress(x);
    if (!parsed) throw new FakeOfficeError('InvalidArgument', `'${x}' is not an address on sheet '${ws.name}'.`, where);
    return parsed.rect;
  }
}

/** Manual page breaks above rows, kept in the ExcelJS sheet (which numbers each by the row before it). */
export class FakePageBreakCollection extends FakeObject {
  readonly kind = 'PageBreakCollection';
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on PageBreakCollection.`);
  }
  add(pageBreakRange: string | FakeRange): FakePageBreak {
    return this.make('add', Array.from(arguments), new FakePageBreak(this.ctx), (t) => {
      const ws = t as ExcelJS.Worksheet;
      assertWritable(ws, 'PageBreakCollection.add');
      const rect = typeof pageBreakRange === 'string' ? parseAddress(pageBreakRange)?.rect : (pageBreakRange.target() as RangeTarget).rect;
      if (!rect) throw new FakeOfficeError('InvalidArgument', `'${String(pageBreakRange)}' is not an address on sheet '${ws.name}'.`, 'PageBreakCollection.add');
      if (rect.top < 2) throw new FakeOfficeError('InvalidArgument', 'A page break cannot go above the first row.', 'PageBreakCollection.add');
      ws.getRow(rect.top - 1).addPageBreak();
      return { ws, row: rect.top };
    });
  }
  removePageBreaks(): void {
    this.call('removePageBreaks', Array.from(arguments), (t) => {
      (t as ExcelJS.Worksheet & { rowBreaks: unknown[] }).rowBreaks = [];
    });
  }
}

/** One manual page break: what PageBreakCollection.add gives back (BoardPlan only adds them). */
export class FakePageBreak extends FakeObject {
  readonly kind = 'PageBreak';
  protected scalars(): string[] {
    return ['rowIndex'];
  }
  protected scalar(_prop: string, t: Target): unknown {
    return (t as { row: number }).row - 1;
  }
}
