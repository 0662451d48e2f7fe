import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { CheckReportSchema } from '../../src/core/report';
import { cellAt } from '../../src/core/snapshot';
import { readState } from '../../src/core/state';
import { readSnapshot } from '../../src/xlsx/open';
import { XlsxHost } from '../../src/xlsx/host';
import { workbookArbitrary, xlsxOf } from '../fixtures/arbitrary';

/**
 * The command line over .xlsx files of any shape: it answers with an exit code and at most a line
 * on stderr, never a stack trace, and a refreshed copy keeps every cell the user had. A check
 * (which reads the file's XML) and a refresh (which reads it through ExcelJS) see the same workbook.
 */

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), today: '2016-03-31' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const read = async (file: string) => (await XlsxHost.open(file)).snapshot();

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-cli-property-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('boardplan over any workbook', () => {
  test('check and refresh exit 0, 1 or 2 with at most one line on stderr, and read the same cells; the refreshed copy keeps every cell of the user', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(workbookArbitrary, async (generated) => {
        const file = path.join(dir, `plan-${++n}.xlsx`);
        const out = path.join(dir, `plan-${n}-refreshed.xlsx`);
        fs.writeFileSync(file, await xlsxOf(generated));
        // What a check reads is what a refresh reads, before and after BoardPlan's sheets are written.
        const before = await read(file);
        expect(await readSnapshot(file)).toEqual(before);

        const checked = await run('check', file, '--json');
        expect([0, 1, 2]).toContain(checked.code);
        expect(checked.err).not.toMatch(/\n\s+at /);
        if (checked.code === 2) expect(checked.err.split('\n')).toHaveLength(1);
        else CheckReportSchema.strict().parse(JSON.parse(checked.out));

        const refreshed = await run('refresh', file, '--out', out);
        expect([0, 1, 2]).toContain(refreshed.code);
        expect(refreshed.err).not.toMatch(/\n\s+at /);
        if (!fs.existsSync(out)) return;

        const after = await read(out);
        expect(await readSnapshot(out)).toEqual(after);
        // BoardPlan's own sheets: its state sheet, if the workbook has one, and those it lists there.
        const state = readState(before);
        const owned = new Set([...(state.present ? [state.sheet] : []), ...state.ownedSheets]);
        for (const sheet of before.sheets.filter((s) => !owned.has(s.name))) {
          const kept = after.sheets.find((s) => s.name === sheet.name);
          expect(kept).toBeDefined();
          sheet.values.forEach((row, r) =>
            row.forEach((value, c) => {
              if (value !== null && value !== '') expect(cellAt(kept!, sheet.top + r, sheet.left + c)).toEqual(value);
            }),
          );
        }
      }),
      { numRuns: 25 },
    );
  });
});
