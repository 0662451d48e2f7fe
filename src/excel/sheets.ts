import { isoToSerial, parseA1, rangeA1 } from '../core/cells';
import { DATE_FORMAT, linkText, TEXT_FORMAT, type Chart, type GeneratedSheet, type PatchValue } from '../core/patch';
import { writeHeights, writeLinks, writeMerges, writeWidths } from './layout';
import { gridBytes, jsonBytes, RANGE_BYTES } from './payload';
import type { SheetHandle, SheetVisibility } from './snapshot';
import { styleOps, writeStyles } from './styles';
import { blockUnit, pieces, setNumberFormat, SHEET, unit, type Writer } from './writer';

/**
 * BoardPlan's own sheets (summaries, Board Overview, Exceptions, its settings): created, or emptied
 * and written again. Values and number formats go as one grid per block of rows; styles as one
 * write per property and value over all the areas that take it. An emptied sheet loses the
 * conditional formats an earlier version of BoardPlan put there.
 */

const VISIBILITY: Record<SheetVisibility, 'Visible' | 'Hidden' | 'VeryHidden'> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };

function valueOf(v: PatchValue | undefined): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return v;
  return isoToSerial(v.date);
}

/** The number format a cell needs before its value arrives: text keeps its own; null leaves General. */
function formatOf(v: PatchValue | undefined): string | null {
  if (typeof v === 'string') return TEXT_FORMAT;
  if (v !== null && typeof v === 'object') return DATE_FORMAT;
  return null;
}


export function writeSheet(w: Writer, s: GeneratedSheet, existing: SheetHandle | undefined, pieceBytes: number): void {
  const name = s.name;
  if (existing) {
    // BoardPlan's own sheet from an earlier refresh: emptied, then written like a new one.
    w.add(
      unit(1, SHEET + 4 + existing.charts.length, 6 + existing.charts.length, jsonBytes(existing.charts) + jsonBytes(s.tabColor ?? ''), (r) => {
        const ws = r.sheet(name);
        const all = r.range(name, '');
        all.clear('All');
        all.unmerge();
        all.conditionalFormats.clearAll();
        ws.freezePanes.unfreeze();
        ws.horizontalPageBreaks.removePageBreaks();
        for (const chart of existing.charts) ws.charts.getItem(chart).delete();
        ws.tabColor = s.tabColor ?? '';
      }),
    );
  } else {
    w.add(
      unit(0, 2, 1, jsonBytes(name) + 20, (r) => {
        const ws = r.addSheet(name);
        if (s.tabColor) ws.tabColor = s.tabColor;
      }),
    );
  }

  const width = s.rows.reduce((m, row) => Math.max(m, row.length), 0);
  const { ops, formats: styled } = styleOps(s.styles);
  const outside = styled.filter(({ rect }) => rect.bottom > s.rows.length || rect.right > width);
  if (width > 0) {
    const grid = s.rows.map((row) => Array.from({ length: width }, (_, j) => row[j]));
    const formatGrid = grid.map((row) => row.map(formatOf));
    // A style's number format goes in with the cell's own (numbers and dates only: text keeps '@').
    for (const { rect, format } of styled) {
      if (outside.some((o) => o.rect === rect)) continue;
      for (let i = rect.top; i <= rect.bottom; i++) for (let j = rect.left; j <= rect.right; j++) if (typeof grid[i - 1][j - 1] !== 'string') formatGrid[i - 1][j - 1] = format;
    }
    // Number formats before values, so that text arrives in cells that already keep it as text.
    const cells = grid.map((row, i) => row.map((v, j) => ({ value: valueOf(v), format: formatGrid[i][j] })));
    const sizes = (block: typeof cells) => gridBytes(block.map((row) => row.map((c) => c.value))) + gridBytes(block.map((row) => row.map((c) => c.format)));
    for (const piece of pieces(cells, pieceBytes)) {
      w.add(
        blockUnit(piece.rows, 1 + piece.start, (b) => RANGE_BYTES + sizes(b), 2, (r, block, top) => {
          const range = r.range(name, rangeA1(top, 1, top + block.length - 1, width));
          if (block.some((row) => row.some((c) => c.format !== null))) range.numberFormat = block.map((row) => row.map((c) => c.format)) as string[][];
          range.values = block.map((row) => row.map((c) => c.value));
        }),
      );
    }
  }

  // The typeface and size every cell starts from; the sheet's styles come after.
  if (s.font && width > 0) {
    const font = s.font;
    w.add(unit(1, 2, 2, jsonBytes(font), (r) => {
      const f = r.range(name, rangeA1(1, 1, Math.max(1, s.rows.length), width)).format.font;
      f.name = font.name;
      f.size = font.size;
    }));
  }
  writeStyles(w, name, ops, pieceBytes);
  for (const { rect, format } of outside) w.add(unit(1, 0, 1, jsonBytes(format), (r) => setNumberFormat(r.range(name, rangeA1(rect.top, rect.left, rect.bottom, rect.right)), format)));
  // Each link carries only its target and text: Excel's own tip already names the target.
  writeLinks(w, name, s.links.map((link) => ({ ...link, text: linkText(s.rows, link) })), pieceBytes);
  writeMerges(w, name, s.merges);
  writeWidths(w, name, s.widths);
  writeHeights(w, name, s.heights ?? [], pieceBytes);
  const breaks = s.print?.breaks ?? [];
  w.add(
    unit(1, 3 + breaks.length, 10 + breaks.length, jsonBytes(s.print ?? null) + 8 * breaks.length + 20, (r) => {
      const ws = r.sheet(name);
      // Wrapped texts need taller rows; Excel only grows them by itself when a user types.
      if (!s.heights?.length && s.rows.length) r.range(name, `1:${s.rows.length}`).format.autofitRows();
      if (s.freezeRows > 0) ws.freezePanes.freezeRows(s.freezeRows);
      if (s.print) {
        const layout = ws.pageLayout;
        layout.orientation = s.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
        layout.paperSize = 'A4';
        if (s.print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        if (s.print.titleRows) layout.setPrintTitleRows(s.print.titleRows.split(':').map((row) => `$${row.replace(/\$/g, '')}`).join(':'));
        if (s.print.area) layout.setPrintArea(s.print.area);
        // A break goes above the row named by its address: no range object needed.
        for (const row of breaks) ws.horizontalPageBreaks.add(`A${row}`);
      }
      if ((existing?.visibility ?? 'visible') !== s.visibility) ws.visibility = VISIBILITY[s.visibility];
    }),
  );
  const c = s.chart;
  if (c) {
    w.add(
      unit(2 + c.series.length, 4 + (c.labels ? 6 : 3) * c.series.length, 3 + (c.labels ? 9 : 4) * c.series.length, jsonBytes(c), (r) => {
        const ws = r.sheet(name);
        const chart = ws.charts.add('BarStacked', r.range(name, c.series[0]?.values ?? c.categories), 'Columns');
        chart.title.text = c.title;
        chart.setPosition(c.from, c.to);
        const categories = r.range(name, c.categories);
        c.series.forEach((series, i) => {
          const item = i === 0 ? chart.series.getItemAt(0) : chart.series.add(series.name);
          if (i === 0) item.name = series.name;
          else item.setValues(r.range(name, series.values));
          item.setXAxisValues(categories);
          item.format.fill.setSolidColor(series.colour);
          if (c.labels) writeDataLabels(item, c.labels, series);
        });
      }),
    );
  }
}

/** Each segment labelled with its count (and the rating's name, when asked), centred; none on the points the patch leaves out. */
function writeDataLabels(item: Excel.ChartSeries, labels: NonNullable<Chart['labels']>, series: Chart['series'][number]): void {
  const d = item.dataLabels;
  d.showValue = true;
  d.showSeriesName = labels === 'name-and-value';
  d.position = 'Center';
  if (series.labelColour) d.format.font.color = series.labelColour;
  for (const k of series.unlabelled ?? []) item.points.getItemAt(k).hasDataLabel = false;
}
