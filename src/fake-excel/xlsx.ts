import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { addCharts, type SheetChart } from '../xlsx/chart';
import { prepareForRead, repairAfterWrite } from '../xlsx/repairs';
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from './index';

/**
 * The fake Excel to and from .xlsx bytes (no file system: this runs in the browser's test mode too).
 * Links within the workbook and charts are carried across the way the command line's host writes
 * them, using its package helpers.
 */

const hasNodeBuffer = typeof Buffer !== 'undefined';

/** A fake Excel holding the workbook in these .xlsx bytes. */
export async function fakeFromXlsx(data: ArrayBuffer | Uint8Array, options: FakeExcelOptions = {}): Promise<FakeExcel> {
  let bytes: ArrayBuffer | Uint8Array = data;
  // ExcelJS drops links within the workbook when reading; the command line's repair keeps them (Node only).
  if (hasNodeBuffer) {
    const buffer = Buffer.from(data instanceof Uint8Array ? data : new Uint8Array(data));
    bytes = await prepareForRead(buffer, await JSZip.loadAsync(buffer));
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return createFakeExcel(workbook, options);
}

/** The fake's workbook as .xlsx bytes, with its stacked bar charts (a Buffer under Node). */
export async function fakeToXlsx(fake: FakeExcel): Promise<Uint8Array> {
  const written = await fake.workbook.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(written as ArrayBuffer);
  await repairAfterWrite(zip);
  await addCharts(zip, chartsForFile(fake));
  const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return hasNodeBuffer ? Buffer.from(out.buffer, out.byteOffset, out.byteLength) : out;
}

/** The fake's charts in the form the package writer takes; only stacked bar charts have one. */
export function chartsForFile(fake: FakeExcel): SheetChart[] {
  return fake.charts.flatMap((c) => {
    if (c.type !== 'BarStacked' || !c.from || !c.to) return [];
    const categories = c.series.find((s) => s.categories)?.categories;
    if (!categories) return [];
    return [
      {
        sheet: c.sheet.name,
        chart: {
          type: 'barStacked' as const,
          title: c.title,
          categories,
          series: c.series.map((s) => ({ name: s.name, values: s.values ?? '', colour: s.colour ?? '#808080' })),
          from: c.from,
          to: c.to,
        },
      },
    ];
  });
}
