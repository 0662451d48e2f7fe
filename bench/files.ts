import * as ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli/main';
import { refresh } from '../src/core/refresh';
import { syntheticRows } from './synthetic';

/** The command line against ExcelJS on the same file: the CLI's own cost is the ratio above 1. */

export async function writeSyntheticXlsx(actions: number, dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  for (const row of syntheticRows(actions)) ws.addRow(row);
  const file = path.join(dir, `synthetic-${actions}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

/**
 * The best time of each task over `times` rounds. The tasks take turns, round by round, so that
 * whatever else the machine is doing, and the garbage one task leaves to the next, weighs on all
 * of them alike.
 */
async function bestOfRounds(times: number, tasks: (() => Promise<unknown>)[]): Promise<number[]> {
  const best = tasks.map(() => Infinity);
  for (let i = 0; i < times; i++) {
    for (const [k, task] of tasks.entries()) {
      const t0 = process.hrtime.bigint();
      await task();
      best[k] = Math.min(best[k], Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return best;
}

const quiet = { out: () => undefined, err: () => undefined, today: '2016-03-31' };

export interface FileFigures {
  actions: number;
  bytes: number;
  excelJsReadMs: number;
  checkMs: number;
  excelJsReadWriteMs: number;
  refreshMs: number;
}

export async function measureFiles(actions: number, repeat = 7): Promise<FileFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-bench-'));
  try {
    const file = await writeSyntheticXlsx(actions, dir);
    const out = path.join(dir, 'out.xlsx');
    const [excelJsReadMs, checkMs, excelJsReadWriteMs, refreshMs] = await bestOfRounds(repeat, [
      async () => new ExcelJS.Workbook().xlsx.readFile(file),
      async () => main(['check', file, '--json'], quiet),
      async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        await wb.xlsx.writeFile(out);
      },
      // --force: every round writes over the last round's copy.
      async () => main(['refresh', file, '--out', out, '--force'], quiet),
    ]);
    return { actions, bytes: fs.statSync(file).size, excelJsReadMs, checkMs, excelJsReadWriteMs, refreshMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Size of a refresh's patch: what a host has to write, in JSON bytes and in operations. */
export function patchFigures(snapshot: Parameters<typeof refresh>[0]): { bytes: number; cells: number; rules: number; sheets: number } {
  const { patch } = refresh(snapshot, { today: '2016-03-31' });
  const cells =
    patch.columns.reduce((n, c) => n + c.values.length + 1, 0) + patch.sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.length, 0), 0);
  const rules = patch.rules.reduce((n, r) => n + r.rules.length, 0);
  return { bytes: Buffer.byteLength(JSON.stringify(patch)), cells, rules, sheets: patch.sheets.length };
}
