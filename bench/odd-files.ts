import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CORPUS } from '../tests/fixtures/corpus/files';

/**
 * The files that once stopped the command line, refreshed in a process of their own so that its
 * peak memory can be read: BoardPlan's refresh (from dist/, as a user runs it) against ExcelJS's
 * own read + write of the same file, each given at most LIMIT_MS.
 */

const ODD = ['value-in-XFD1048576.xlsx', 'validation-over-the-whole-sheet.xlsx', 'fifty-thousand-merges.xlsx', 'zip-bomb.xlsx'];
const LIMIT_MS = 120_000;

export interface Run {
  ms: number;
  rssMb: number;
  /** The command line's exit code and first line on stderr, or what stopped the run. */
  result: string;
}

export interface OddFigures {
  name: string;
  bytes: number;
  boardplan: Run;
  exceljs: Run;
}

const ROOT = path.join(__dirname, '..');

/** Runs a script in a child Node process; it prints {result, rss} (its peak resident memory) when done. */
function inChild(script: string): Run {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: LIMIT_MS, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error || child.signal) return { ms, rssMb: NaN, result: `stopped after ${Math.round(ms / 1000)} s (${child.signal ?? child.error?.message})` };
  const last = child.stdout.trim().split('\n').pop() ?? '';
  try {
    const { result, rss } = JSON.parse(last) as { result: string; rss: number };
    return { ms, rssMb: rss / 1024, result };
  } catch {
    return { ms, rssMb: NaN, result: `failed: ${(child.stderr || child.stdout).split('\n')[0]}` };
  }
}

const report = (result: string) => `console.log(JSON.stringify({ result: ${result}, rss: process.resourceUsage().maxRSS }))`;

export async function measureOddFiles(): Promise<OddFigures[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-bench-odd-'));
  try {
    const out: OddFigures[] = [];
    for (const name of ODD) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, await CORPUS.find((f) => f.name === name)!.build());
      const refreshed = path.join(dir, `refreshed-${name}`);
      const boardplan = inChild(
        `const err = []; require('./dist/cli/main').main(['refresh', ${JSON.stringify(file)}, '--out', ${JSON.stringify(refreshed)}, '--as-of', '2016-03-31'], { out: () => {}, err: (t) => err.push(t) })` +
          `.then((code) => ${report("`exit ${code}${err.length ? ': ' + err[0] : ''}`")})`,
      );
      const exceljs = inChild(
        `const E = require('exceljs'); const wb = new E.Workbook(); wb.xlsx.readFile(${JSON.stringify(file)}).then(() => wb.xlsx.writeFile(${JSON.stringify(path.join(dir, `exceljs-${name}`))}))` +
          `.then(() => ${report("'written'")}, (e) => ${report("'refused: ' + e.message.split('\\n')[0]")})`,
      );
      out.push({ name, bytes: fs.statSync(file).size, boardplan, exceljs });
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
