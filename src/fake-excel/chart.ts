import type ExcelJS from 'exceljs';
import { formatRect, parseAddress, rectCols } from './address';
import { FakeCollection, FakeObject, navFrom, type FakeChartModel, type Target } from './base';
import { normaliseColour } from './cells';
import { FakeOfficeError } from './errors';
import { assertWritable, type FakeRange, type RangeTarget } from './range';

/**
 * Charts, kept in the fake's side list (ExcelJS does not model charts): type, title, series with
 * their value and category ranges and fill colours, and the cells the chart covers.
 */

const TYPES = ['BarStacked', 'BarClustered', 'ColumnStacked', 'ColumnClustered', 'Line', 'Pie'];

function chartsOf(all: FakeChartModel[], ws: ExcelJS.Worksheet): FakeChartModel[] {
  return all.filter((c) => c.sheet === ws);
}

function rangeArg(x: unknown, where: string): RangeTarget {
  if (x && typeof x === 'object' && 'target' in x && typeof (x as FakeRange).target === 'function') return (x as FakeRange).target() as RangeTarget;
  throw new FakeOfficeError('InvalidArgument', 'Expected a Range.', where);
}

export class FakeChartCollection extends FakeCollection<FakeChart> {
  readonly kind = 'ChartCollection';

  protected members(t: Target): FakeChart[] {
    return chartsOf(this.state.charts, t as ExcelJS.Worksheet).map((c) => new FakeChart(this.ctx).resolveAs(c));
  }

  /** Columns of the source become series (the first column is the categories when it holds text). */
  add(type: string, sourceData: FakeRange, seriesBy: string = 'Auto'): FakeChart {
    return this.make('add', Array.from(arguments), new FakeChart(this.ctx), (t) => {
      const ws = t as ExcelJS.Worksheet;
      assertWritable(ws, 'ChartCollection.add');
      if (!TYPES.includes(type)) throw new FakeOfficeError('InvalidArgument', `The fake does not model chart type '${type}'.`, 'ChartCollection.add');
      const src = rangeArg(sourceData, 'ChartCollection.add');
      if (seriesBy === 'Rows') throw new FakeOfficeError('InvalidArgument', 'The fake models series by columns only.', 'ChartCollection.add');
      const { rect } = src;
      const firstIsText = rectCols(rect) > 1 && typeof src.ws.getCell(rect.top, rect.left).value === 'string';
      const categories = firstIsText ? formatRect({ ...rect, right: rect.left }) : null;
      const series: FakeChartModel['series'] = [];
      for (let c = firstIsText ? rect.left + 1 : rect.left; c <= rect.right; c++) {
        series.push({ name: `Series${series.length + 1}`, values: formatRect({ ...rect, left: c, right: c }), categories, colour: null });
      }
      let n = chartsOf(this.state.charts, ws).length + 1;
      while (this.state.charts.some((c) => c.sheet === ws && c.name === `Chart ${n}`)) n++;
      const chart: FakeChartModel = { name: `Chart ${n}`, sheet: ws, type, title: '', series, from: null, to: null };
      this.state.charts.push(chart);
      return chart;
    });
  }

  getItem(name: string): FakeChart {
    return this.make('getItem', Array.from(arguments), new FakeChart(this.ctx), (t) => {
      const c = chartsOf(this.state.charts, t as ExcelJS.Worksheet).find((x) => x.name === name);
      if (!c) throw new FakeOfficeError('ItemNotFound', `There is no chart named '${name}'.`, 'ChartCollection.getItem');
      return c;
    });
  }

  getItemAt(index: number): FakeChart {
    return this.make('getItemAt', Array.from(arguments), new FakeChart(this.ctx), (t) => {
      const c = chartsOf(this.state.charts, t as ExcelJS.Worksheet)[index];
      if (!c) throw new FakeOfficeError('ItemNotFound', `There is no chart at index ${index}.`, 'ChartCollection.getItemAt');
      return c;
    });
  }
}

export class FakeChart extends FakeObject {
  readonly kind = 'Chart';
  private titleObj?: FakeChartTitle;
  private seriesObj?: FakeChartSeriesCollection;

  protected override checkAlive(t: Target): void {
    if (!this.state.charts.includes(t as FakeChartModel)) throw new FakeOfficeError('ItemNotFound', 'The chart no longer exists.', 'Chart');
  }
  protected scalars(): string[] {
    return ['name', 'chartType'];
  }
  /** Charts are found again by name (ChartCollection.getItem). */
  override instanceId(t: Target): string | null {
    return (t as FakeChartModel).name;
  }
  protected scalar(prop: string, t: Target): unknown {
    const c = t as FakeChartModel;
    return prop === 'name' ? c.name : c.type;
  }
  protected override nav(prop: string): FakeObject | undefined {
    if (prop === 'title') return this.title;
    if (prop === 'series') return this.series;
    return undefined;
  }
  set name(v: string) {
    this.write('name', v, (t) => ((t as FakeChartModel).name = v));
  }
  get title(): FakeChartTitle {
    return (this.titleObj ??= new FakeChartTitle(this.ctx, navFrom(this)));
  }
  get series(): FakeChartSeriesCollection {
    return (this.seriesObj ??= new FakeChartSeriesCollection(this.ctx, navFrom(this)));
  }
  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    this.call('setPosition', Array.from(arguments), (t) => {
      const c = t as FakeChartModel;
      const cell = (x: string | FakeRange): string => {
        if (typeof x === 'string') {
          const p = parseAddress(x);
          if (!p) throw new FakeOfficeError('InvalidArgument', `'${x}' is not a cell address.`, 'Chart.setPosition');
          return formatRect({ ...p.rect, bottom: p.rect.top, right: p.rect.left });
        }
        const r = rangeArg(x, 'Chart.setPosition').rect;
        return formatRect({ ...r, bottom: r.top, right: r.left });
      };
      c.from = cell(startCell);
      c.to = endCell === undefined || endCell === null ? null : cell(endCell);
    });
  }
  delete(): void {
    this.call('delete', Array.from(arguments), (t) => {
      this.state.charts = this.state.charts.filter((c) => c !== t);
    });
  }
}

export class FakeChartTitle extends FakeObject {
  readonly kind = 'ChartTitle';
  protected scalars(): string[] {
    return ['text', 'visible'];
  }
  protected scalar(prop: string, t: Target): unknown {
    const c = t as FakeChartModel;
    return prop === 'text' ? c.title : c.title !== '';
  }
  set text(v: string) {
    this.write('text', v, (t) => ((t as FakeChartModel).title = String(v)));
  }
  set visible(v: boolean) {
    this.write('visible', v, () => undefined);
  }
}

interface SeriesTarget {
  chart: FakeChartModel;
  series: FakeChartModel['series'][number];
}

export class FakeChartSeriesCollection extends FakeCollection<FakeChartSeries> {
  readonly kind = 'ChartSeriesCollection';
  protected members(t: Target): FakeChartSeries[] {
    const chart = t as FakeChartModel;
    return chart.series.map((series) => new FakeChartSeries(this.ctx).resolveAs({ chart, series } satisfies SeriesTarget));
  }
  getItemAt(index: number): FakeChartSeries {
    return this.make('getItemAt', Array.from(arguments), new FakeChartSeries(this.ctx), (t) => {
      const chart = t as FakeChartModel;
      const series = chart.series[index];
      if (!series) throw new FakeOfficeError('ItemNotFound', `The chart has no series at index ${index}.`, 'ChartSeriesCollection.getItemAt');
      return { chart, series } satisfies SeriesTarget;
    });
  }
  add(name?: string, index?: number): FakeChartSeries {
    return this.make('add', Array.from(arguments), new FakeChartSeries(this.ctx), (t) => {
      const chart = t as FakeChartModel;
      const series = { name: name ?? `Series${chart.series.length + 1}`, values: null, categories: null, colour: null };
      if (index === undefined || index === null) chart.series.push(series);
      else chart.series.splice(index, 0, series);
      return { chart, series } satisfies SeriesTarget;
    });
  }
}

export class FakeChartSeries extends FakeObject {
  readonly kind = 'ChartSeries';
  private formatObj?: FakeChartSeriesFormat;
  protected override checkAlive(t: Target): void {
    const s = t as SeriesTarget;
    if (!this.state.charts.includes(s.chart) || !s.chart.series.includes(s.series)) throw new FakeOfficeError('ItemNotFound', 'The series no longer exists.', 'ChartSeries');
  }
  protected scalars(): string[] {
    return ['name'];
  }
  protected scalar(_prop: string, t: Target): unknown {
    return (t as SeriesTarget).series.name;
  }
  private labelsObj?: FakeChartDataLabels;
  private pointsObj?: FakeChartPointsCollection;
  protected override nav(prop: string): FakeObject | undefined {
    if (prop === 'dataLabels') return this.dataLabels;
    if (prop === 'points') return this.points;
    return prop === 'format' ? this.format : undefined;
  }
  set name(v: string) {
    this.write('name', v, (t) => ((t as SeriesTarget).series.name = String(v)));
  }
  get format(): FakeChartSeriesFormat {
    return (this.formatObj ??= new FakeChartSeriesFormat(this.ctx, navFrom(this)));
  }
  get dataLabels(): FakeChartDataLabels {
    return (this.labelsObj ??= new FakeChartDataLabels(this.ctx, navFrom(this)));
  }
  get points(): FakeChartPointsCollection {
    return (this.pointsObj ??= new FakeChartPointsCollection(this.ctx, navFrom(this)));
  }
  setValues(sourceData: FakeRange): void {
    this.call('setValues', Array.from(arguments), (t) => {
      (t as SeriesTarget).series.values = formatRect(rangeArg(sourceData, 'ChartSeries.setValues').rect);
    });
  }
  setXAxisValues(sourceData: FakeRange): void {
    this.call('setXAxisValues', Array.from(arguments), (t) => {
      (t as SeriesTarget).series.categories = formatRect(rangeArg(sourceData, 'ChartSeries.setXAxisValues').rect);
    });
  }
  delete(): void {
    this.call('delete', Array.from(arguments), (t) => {
      const s = t as SeriesTarget;
      s.chart.series = s.chart.series.filter((x) => x !== s.series);
    });
  }
}

export class FakeChartSeriesFormat extends FakeObject {
  readonly kind = 'ChartSeriesFormat';
  private fillObj?: FakeChartFill;
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on ChartSeriesFormat.`);
  }
  protected override nav(prop: string): FakeObject | undefined {
    return prop === 'fill' ? this.fill : undefined;
  }
  get fill(): FakeChartFill {
    return (this.fillObj ??= new FakeChartFill(this.ctx, navFrom(this)));
  }
}

export class FakeChartFill extends FakeObject {
  readonly kind = 'ChartFill';
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on ChartFill.`);
  }
  setSolidColor(color: string): void {
    this.call('setSolidColor', Array.from(arguments), (t) => {
      const hex = normaliseColour(color);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${color}' is not a colour Excel knows.`, 'ChartFill.setSolidColor');
      (t as SeriesTarget).series.colour = hex;
    });
  }
  clear(): void {
    this.call('clear', Array.from(arguments), (t) => ((t as SeriesTarget).series.colour = null));
  }
}

// ---- data labels ---------------------------------------------------------------------------------

const LABEL_POSITIONS = ['None', 'Center', 'InsideEnd', 'InsideBase', 'OutsideEnd', 'Left', 'Right', 'Top', 'Bottom', 'BestFit', 'Callout'];

function labelsOf(t: Target): NonNullable<FakeChartModel['series'][number]['labels']> {
  const s = (t as SeriesTarget).series;
  return (s.labels ??= {});
}

/** A series' data labels: whether they show the value and the series name, where, in what colour. */
export class FakeChartDataLabels extends FakeObject {
  readonly kind = 'ChartDataLabels';
  private formatObj?: FakeChartDataLabelFormat;
  protected scalars(): string[] {
    return ['showValue', 'showSeriesName', 'position'];
  }
  protected scalar(prop: string, t: Target): unknown {
    const labels = (t as SeriesTarget).series.labels ?? {};
    if (prop === 'position') return labels.position ?? 'BestFit';
    return !!labels[prop as 'showValue' | 'showSeriesName'];
  }
  protected override nav(prop: string): FakeObject | undefined {
    return prop === 'format' ? this.format : undefined;
  }
  get format(): FakeChartDataLabelFormat {
    return (this.formatObj ??= new FakeChartDataLabelFormat(this.ctx, navFrom(this)));
  }
  set showValue(v: boolean) { this.write('showValue', v, (t) => (labelsOf(t).showValue = !!v)); }
  set showSeriesName(v: boolean) { this.write('showSeriesName', v, (t) => (labelsOf(t).showSeriesName = !!v)); }
  set position(v: string) {
    this.write('position', v, (t) => {
      if (!LABEL_POSITIONS.includes(v)) throw new FakeOfficeError('InvalidArgument', `Unknown data label position '${v}'.`, 'ChartDataLabels.position');
      labelsOf(t).position = v;
    });
  }
}

export class FakeChartDataLabelFormat extends FakeObject {
  readonly kind = 'ChartDataLabelFormat';
  private fontObj?: FakeChartLabelFont;
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on ChartDataLabelFormat.`);
  }
  protected override nav(prop: string): FakeObject | undefined {
    return prop === 'font' ? this.font : undefined;
  }
  get font(): FakeChartLabelFont {
    return (this.fontObj ??= new FakeChartLabelFont(this.ctx, navFrom(this)));
  }
}

export class FakeChartLabelFont extends FakeObject {
  readonly kind = 'ChartFont';
  protected scalars(): string[] {
    return ['color'];
  }
  protected scalar(_prop: string, t: Target): unknown {
    return (t as SeriesTarget).series.labels?.colour ?? '#000000';
  }
  set color(v: string) {
    this.write('color', v, (t) => {
      const hex = normaliseColour(v);
      if (!hex) throw new FakeOfficeError('InvalidArgument', `'${v}' is not a colour Excel knows.`, 'ChartFont.color');
      labelsOf(t).colour = hex;
    });
  }
}

interface PointTarget extends SeriesTarget {
  index: number;
}

export class FakeChartPointsCollection extends FakeObject {
  readonly kind = 'ChartPointsCollection';
  protected scalars(): string[] {
    return [];
  }
  protected scalar(prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The property '${prop}' does not exist on ChartPointsCollection.`);
  }
  getItemAt(index: number): FakeChartPoint {
    return this.make('getItemAt', Array.from(arguments), new FakeChartPoint(this.ctx), (t) => {
      if (!Number.isInteger(index) || index < 0) throw new FakeOfficeError('InvalidArgument', `There is no point at index ${index}.`, 'ChartPointsCollection.getItemAt');
      return { ...(t as SeriesTarget), index } satisfies PointTarget;
    });
  }
}

export class FakeChartPoint extends FakeObject {
  readonly kind = 'ChartPoint';
  protected scalars(): string[] {
    return ['hasDataLabel'];
  }
  protected scalar(_prop: string, t: Target): unknown {
    const p = t as PointTarget;
    return !!p.series.labels && !(p.series.unlabelled ?? []).includes(p.index);
  }
  set hasDataLabel(v: boolean) {
    this.write('hasDataLabel', v, (t) => {
      const p = t as PointTarget;
      const off = (p.series.unlabelled ?? []).filter((k) => k !== p.index);
      p.series.unlabelled = v ? off : [...off, p.index].sort((a, b) => a - b);
    });
  }
}
