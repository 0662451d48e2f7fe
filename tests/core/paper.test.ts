import fc from 'fast-check';
import { lineCount, textWidth } from '../../src/core/fonts';
import { fitColumns, lineHeight, PAGE, PAGE_UNITS, pageBreaks, rowHeight, textRoom, unitsFor } from '../../src/core/paper';

describe('how wide text prints (Arial, as Liberation Sans sets it)', () => {
  test('is measured character by character: "MMMM" is wider than "iiii", bold wider than regular', () => {
    expect(textWidth('MMMM', 10)).toBeGreaterThan(3 * textWidth('iiii', 10));
    expect(textWidth('Amber', 10, true)).toBeGreaterThan(textWidth('Amber', 10));
  });

  test('grows with the size: 20 pt is twice 10 pt', () => {
    expect(textWidth('Priority 1', 20)).toBeCloseTo(2 * textWidth('Priority 1', 10), 6);
  });

  test('"31 Dec 2015" at 10 pt is Arial\'s 56.7 pt, with a little to spare for how Excel rounds', () => {
    expect(textWidth('31 Dec 2015', 10)).toBeGreaterThanOrEqual(56.7);
    expect(textWidth('31 Dec 2015', 10)).toBeLessThan(56.7 * 1.06);
  });
});

describe('lines of wrapped text', () => {
  test('a text that fits is one line; each line break in it adds one', () => {
    expect(lineCount('Train 300 practitioners', 200, 10)).toBe(1);
    expect(lineCount('Update Dec 15: started.\nUpdate Mar 16: done.', 200, 10)).toBe(2);
  });

  test('wraps at spaces, as many lines as the words need', () => {
    const words = 'Review the thresholds guidance with schools and publish it on the website';
    const room = textWidth('Review the thresholds', 10) + 1;
    expect(lineCount(words, room, 10)).toBe(4);
  });

  test('a word longer than the line runs on over as many lines as it needs', () => {
    const word = 'x'.repeat(40);
    expect(lineCount(word, textWidth('x'.repeat(10), 10) + 0.1, 10)).toBe(4);
  });

  test('more room never takes more lines, and every text takes at least one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 20, max: 400 }), fc.integer({ min: 0, max: 200 }), (text, room, more) => {
        const narrow = lineCount(text, room, 10);
        expect(narrow).toBeGreaterThanOrEqual(1);
        expect(lineCount(text, room + more, 10)).toBeLessThanOrEqual(narrow);
      }),
    );
  });
});

describe('rows and columns on the page', () => {
  test('a column wide enough for a text has room for it', () => {
    for (const text of ['Ref', '31 Dec 2015', 'Workforce Development Manager']) {
      expect(textRoom(unitsFor(textWidth(text, 10)))).toBeCloseTo(textWidth(text, 10), 6);
    }
  });

  test("a row's height is Excel's line for the size, once per line, with a little room", () => {
    expect(lineHeight(10)).toBe(12.75);
    expect(lineHeight(14)).toBe(18);
    expect(rowHeight(3, 10)).toBeGreaterThanOrEqual(3 * 12.75);
    expect(rowHeight(3, 10)).toBeLessThan(4 * 12.75);
  });
});

describe('fitting columns to the page', () => {
  const col = (natural: number, min = natural, grow = 0) => ({ natural, min, grow });

  test('columns narrower than the page share the room left among those that grow', () => {
    const widths = fitColumns([col(5), col(20, 8, 1), col(12), col(20, 8, 1)], 100);
    expect(widths[0]).toBe(5);
    expect(widths[2]).toBe(12);
    expect(widths[1]).toBeCloseTo(41.5, 0);
    expect(widths[3]).toBeCloseTo(41.5, 0);
    expect(widths.reduce((s, w) => s + w, 0)).toBeGreaterThan(99);
  });

  test('too wide, the widest growing columns are narrowed to one width, never below their longest word', () => {
    const widths = fitColumns([col(6), col(60, 10, 1), col(150, 12, 1), col(30, 9, 1)], 100);
    expect(widths[0]).toBe(6);
    expect(widths[1]).toBe(widths[2]);
    expect(widths[3]).toBe(30);
    expect(widths.reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(100);
    expect(widths.reduce((s, w) => s + w, 0)).toBeGreaterThan(99);
  });

  test('a column that does not grow keeps its width, unless its text can wrap and the page is too narrow', () => {
    const roomy = fitColumns([col(16, 9), col(50, 10, 1)], 100);
    expect(roomy[0]).toBe(16);
    const tight = fitColumns([col(16, 9), col(90, 80, 1)], 100);
    expect(tight[0]).toBeLessThan(16);
    expect(tight[0]).toBeGreaterThanOrEqual(9);
  });

  test('no column is so narrow that a program would hide it', () => {
    expect(Math.min(...fitColumns([col(0), col(0), col(10, 5, 1)], 50))).toBeGreaterThan(0);
  });

  test('the page holds about 132 units: a sheet that wide prints unshrunk in Excel and LibreOffice', () => {
    expect(PAGE_UNITS).toBe(132);
    expect(PAGE_UNITS * 5.58).toBeLessThanOrEqual(PAGE.width);
  });
});

describe('page breaks', () => {
  const rows = (n: number, h = 20) => Array.from({ length: n }, () => h);

  test('a block that does not fit in what is left of a page, but fits on one, starts the next page', () => {
    // 3 title rows, 15 rows of a first block, then a block of 12 rows of 20 pt: 18 × 20 = 360 pt
    // used of about 480, so the 240 pt block goes over.
    const heights = rows(30);
    expect(pageBreaks(heights, 3, [{ first: 4, last: 18 }, { first: 19, last: 30 }])).toEqual([19]);
  });

  test('blocks that fit where they are stay there', () => {
    expect(pageBreaks(rows(12), 3, [{ first: 4, last: 8 }, { first: 9, last: 12 }])).toEqual([]);
  });

  test('a block longer than a page stays where it starts, unless its heading would be left alone at the foot', () => {
    const heights = rows(60);
    expect(pageBreaks(heights, 2, [{ first: 3, last: 60 }])).toEqual([]);
    const late = [...rows(22), ...rows(40)];
    expect(pageBreaks(late, 2, [{ first: 23, last: 62 }])).toEqual([23]);
  });

  test('the title rows repeated at the top of each page count against its room', () => {
    // Titles of 200 pt leave under 300 pt a page: a block of 14 rows (280 pt) fits a fresh page; 15 do not.
    const heights = [200, ...rows(25), ...rows(14)];
    expect(pageBreaks(heights, 1, [{ first: 27, last: 40 }])).toEqual([27]);
    const longer = [200, ...rows(25), ...rows(15)];
    expect(pageBreaks(longer, 1, [{ first: 27, last: 41 }])).toEqual([]);
  });
});
