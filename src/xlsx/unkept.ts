import { chartsInPackage } from './chart';
import { partPaths, readText, type Package } from './parts';

/**
 * ExcelJS reads and writes cells, styles, tables, notes and pictures, but leaves out some things a
 * workbook can hold. Saving such a workbook loses them, so the command line should say so before
 * it writes over the officer's file. This lists what a package holds that will not be kept.
 */
export interface UnkeptContent {
  /** "1 chart", "2 pivot tables", "macros". */
  what: string;
  /** The sheet it is on, where that is known (charts). */
  sheet?: string;
}

export async function contentNotKept(zip: Package): Promise<UnkeptContent[]> {
  const parts = partPaths(zip);
  const found: UnkeptContent[] = [];
  const add = (n: number, one: string, many: string, sheet?: string) => {
    if (n > 0) found.push({ what: n === 1 ? `1 ${one}` : `${n} ${many}`, ...(sheet !== undefined ? { sheet } : {}) });
  };
  const count = (re: RegExp) => parts.filter((p) => re.test(p)).length;

  const chartParts = count(/^xl\/charts\/chart\d+\.xml$/);
  const chartsBySheet = new Map<string, number>();
  const charts = chartParts > 0 ? await chartsInPackage(zip) : [];
  for (const chart of charts) chartsBySheet.set(chart.sheet, (chartsBySheet.get(chart.sheet) ?? 0) + 1);
  for (const [sheet, n] of chartsBySheet) add(n, 'chart', 'charts', sheet);
  // Chart sheets (a chart on a tab of its own) are not reached through a worksheet.
  const onSheets = [...chartsBySheet.values()].reduce((a, b) => a + b, 0);
  add(chartParts - onSheets, 'chart sheet', 'chart sheets');
  add(count(/^xl\/pivotTables\/[^/]+\.xml$/), 'pivot table', 'pivot tables');
  add(count(/^xl\/slicers\/[^/]+\.xml$/), 'slicer', 'slicers');
  add(count(/^xl\/timelines\/[^/]+\.xml$/), 'timeline', 'timelines');
  add(count(/^xl\/threadedComments\/[^/]+\.xml$/), 'set of threaded comments', 'sets of threaded comments');
  add(count(/^xl\/ctrlProps\/[^/]+\.xml$/), 'form control', 'form controls');
  let shapes = 0;
  for (const drawing of parts.filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))) {
    shapes += ((await readText(zip, drawing)) ?? '').match(/<xdr:sp[\s>]/g)?.length ?? 0;
  }
  add(shapes, 'shape or text box', 'shapes or text boxes');
  if (parts.includes('xl/vbaProject.bin')) found.push({ what: 'macros' });
  return found;
}

/** One line for a message: '1 chart on "Overview", 2 pivot tables'. */
export function describeUnkept(items: UnkeptContent[]): string {
  return items.map((i) => (i.sheet !== undefined ? `${i.what} on "${i.sheet}"` : i.what)).join(', ');
}
