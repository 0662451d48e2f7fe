import { lineCount } from '../../src/core/fonts';
import { PAGE_UNITS, rowHeight, textRoom } from '../../src/core/paper';
import { GeneratedSheetSchema } from '../../src/core/patch';
import { OWNED_HEADER_STYLE } from '../../src/core/formatting';
import { presetScheme } from '../../src/core/schemes';
import { BODY_STYLE, contrast, finishSheet, GROUP_STYLE, HEADER_STYLE, PLAN_STYLE, SheetBuilder, textColourOn, TITLE_STYLE } from '../../src/core/sheet';
import { bareTitle, priorityHeading, priorityName } from '../../src/core/units';

const LONG_ACTION =
  'Agree a multi-agency protocol for self-neglect and hoarding with housing, the fire service, adult social care and the voluntary sector, and publish it';

/** A small printed sheet: a title, a table of three columns, the middle one wrapping. */
function table(actions: string[], link = false): ReturnType<typeof finishSheet> {
  const b = new SheetBuilder(3);
  b.line('Exceptions for the board', TITLE_STYLE);
  b.line('As of 31 Mar 2016');
  b.gap();
  const head = b.add(['Ref', 'Action', 'Due']);
  b.style(`A${head}:C${head}`, HEADER_STYLE);
  actions.forEach((action, i) => {
    const row = b.add([`1.${i + 1}`, action, { date: '2016-03-31' }]);
    b.style(`A${row}:C${row}`, BODY_STYLE);
    if (link) b.links.push({ cell: `A${row}`, sheet: 'Plan', target: `A${row}` });
  });
  return finishSheet(b, { name: 'Exceptions', columns: [{}, { grow: 1 }, {}], titleRows: head });
}

describe('the ending every printed sheet shares', () => {
  test('fills the width of an A4 landscape page, the wrapping column taking what is left', () => {
    const s = table(['Audit', LONG_ACTION]);
    const widths = s.widths.map((w) => w.width);
    expect(widths.reduce((a, w) => a + w, 0)).toBeGreaterThan(PAGE_UNITS - 1);
    expect(widths.reduce((a, w) => a + w, 0)).toBeLessThanOrEqual(PAGE_UNITS);
    expect(widths[1]).toBeGreaterThan(widths[0] + widths[2]);
    expect(() => GeneratedSheetSchema.parse(s)).not.toThrow();
  });

  test('a date column is wide enough for its dates on one line', () => {
    const s = table(['Audit']);
    expect(textRoom(s.widths[2].width)).toBeGreaterThan(56.7);
  });

  test("every row is as tall as its longest wrapped cell's lines; single lines one line tall", () => {
    const s = table(['Audit', LONG_ACTION.repeat(4)]);
    const heights = new Map(s.heights!.map((h) => [h.row, h.height]));
    const row = s.rows.findIndex((r) => r[1] === LONG_ACTION.repeat(4)) + 1;
    const lines = lineCount(LONG_ACTION.repeat(4), textRoom(s.widths[1].width), 10);
    expect(lines).toBeGreaterThan(1);
    expect(heights.get(row)).toBe(rowHeight(lines, 10));
    expect(heights.get(row - 1)).toBe(rowHeight(1, 10));
    expect(heights.get(1)).toBe(rowHeight(1, 14));
  });

  test('sets every sheet in 10 pt Arial, prints landscape with its header rows on every page', () => {
    const s = table(['Audit']);
    expect(s.font).toEqual({ name: 'Arial', size: 10 });
    expect(s.print).toMatchObject({ orientation: 'landscape', fitToWidth: true, titleRows: '1:4', area: 'A1:C5', breaks: [] });
    expect(s.freezeRows).toBe(4);
  });

  test('a line of text runs across the whole page, merged, and wraps there', () => {
    const b = new SheetBuilder(4);
    const row = b.line('Direction of travel: '.repeat(30));
    const s = finishSheet(b, { name: 'S', columns: [{}, { grow: 1 }, {}, {}], titleRows: 1 });
    expect(s.merges).toEqual([`A${row}:D${row}`]);
    expect(s.heights![0].height).toBeGreaterThan(rowHeight(2, 10));
  });

  test('a column of links is as wide as its longest link (LibreOffice does not wrap a link)', () => {
    const b = new SheetBuilder(2);
    const row = b.add(['Safeguarding Adults Board P12', LONG_ACTION.repeat(3)]);
    b.style(`A${row}:B${row}`, BODY_STYLE);
    b.links.push({ cell: `A${row}`, sheet: 'Plan', target: 'A1' });
    const s = finishSheet(b, { name: 'S', columns: [{ grow: 0.2 }, { grow: 1 }], titleRows: 1 });
    expect(lineCount('Safeguarding Adults Board P12', textRoom(s.widths[0].width), 10)).toBe(1);
  });

  test('a table set into the columns of a wider one wraps to them rather than widening them', () => {
    const b = new SheetBuilder(4);
    b.insetRow(['Lead', 'Overdue or at risk', 'No recent update', 'Refs'], [1, 1, 1, 1], HEADER_STYLE);
    const alone = finishSheet(b, { name: 'S', columns: [{}, {}, {}, { grow: 1 }], titleRows: 1 });
    expect(alone.widths[1].width).toBeLessThan(12);
  });
});

describe('headings of priorities', () => {
  test.each([
    ['1', 'Priority 1: Early help', 'Priority 1: Early help'],
    ['2a', 'Priority 2a - Learning from reviews', 'Priority 2a - Learning from reviews'],
    ['3', 'Key Priority 3: Neglect', 'Key Priority 3: Neglect'],
    ['1', 'Making safeguarding personal', 'Priority 1: Making safeguarding personal'],
    ['early-help', 'Early help', 'Early help'],
    ['4', '', 'Priority 4'],
  ])('priority %s titled "%s" is headed "%s", never "P1: Priority 1: …"', (id, title, heading) => {
    expect(priorityHeading(id, title)).toBe(heading);
  });

  test('in a table whose first column says "P1", the title goes without its own "Priority 1:"', () => {
    expect(bareTitle('1', 'Priority 1: Early help')).toBe('Early help');
    expect(bareTitle('1', 'Early help')).toBe('Early help');
    expect(bareTitle('1', 'Priority 12: Other')).toBe('Priority 12: Other');
  });

  test('in a list, a priority is named by its id and title, or its title alone when that names it already', () => {
    expect(priorityName('2a', 'Self-neglect')).toBe('2a Self-neglect');
    expect(priorityName('1', 'Theme 1: Reduce serious violence')).toBe('Theme 1: Reduce serious violence');
    expect(priorityName('making-safeguarding-personal', 'Making Safeguarding Personal')).toBe('Making Safeguarding Personal');
    expect(priorityName(null, 'Business Plan')).toBe('Business Plan');
  });
});

describe('colours that read in print', () => {
  test('contrast is measured as WCAG does: black on white 21, a colour on itself 1', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#44546A', '#44546A')).toBe(1);
  });

  test.each([
    ['the headings of BoardPlan’s columns beside a plan', OWNED_HEADER_STYLE],
    ['column headings', HEADER_STYLE],
    ['a plan’s heading', PLAN_STYLE],
    ['a priority’s heading', GROUP_STYLE],
  ])('%s have a contrast of at least 4.5:1', (_, style) => {
    expect(contrast(style.font!, style.fill!)).toBeGreaterThanOrEqual(4.5);
  });

  test('a chart label is black or white, whichever reads at 4.5:1 or better on every preset rating', () => {
    for (const name of ['brag', 'off-target', 'rag']) {
      for (const r of presetScheme(name)!.ratings) expect({ [r.label]: contrast(textColourOn(r.fill), r.fill) >= 4.5 }).toEqual({ [r.label]: true });
    }
  });
});
