import { execFileSync, spawnSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli/main';
import { addPlan } from '../tests/fixtures/corpus/add-plan';
import { refreshTwice, type Outcome } from '../tests/fixtures/corpus/property';

/**
 * `npm run corpus -- <folder> [--exceljs] [--libreoffice]`: every .xlsx and .xlsm under the folder
 * (other programs' workbooks, such as spreadsheet libraries' test files), each with a small plan
 * added to its first worksheet by editing its package, is checked and refreshed twice
 * (tests/fixtures/corpus/property.ts). Prints how many were refreshed and kept, refused with a
 * clear line, read without a plan, and failed, with the failures' reasons. With --exceljs, a
 * refreshed file must open in ExcelJS wherever the input did; with --libreoffice, in LibreOffice.
 */

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(full)));
    else if (/\.xls[xm]$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/**
 * Whether ExcelJS opens a workbook, in a process of its own given at most a minute: some files
 * (50,000 merged areas, a validation over the whole sheet) keep ExcelJS itself busy for much longer.
 * Undefined when it ran out of time.
 */
function opensInExcelJS(file: string): boolean | undefined {
  const script = `new (require('exceljs').Workbook)().xlsx.readFile(${JSON.stringify(file)}).then(() => process.exit(0), () => process.exit(1))`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..'), stdio: 'ignore', timeout: 60_000 });
  if (child.signal || child.error) return undefined;
  return child.status === 0;
}

function opensInLibreOffice(file: string, dir: string): boolean {
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'csv', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
    return existsSync(path.join(dir, `${path.parse(file).name}.csv`));
  } catch {
    return false;
  }
}

/** The CLI's check: an exit code, at most one line on stderr, never a stack trace. */
async function checkLine(file: string): Promise<string | null> {
  const err: string[] = [];
  const code = await main(['check', file, '--json'], { out: () => undefined, err: (t) => err.push(t), today: '2016-03-31' });
  const text = err.join('\n');
  if (![0, 1, 2].includes(code)) return `check exited ${code}`;
  if (text.split('\n').length > 1 || /\n\s+at /.test(text)) return `check printed more than one line: ${text.slice(0, 200)}`;
  return null;
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const folders = args.filter((a) => !a.startsWith('--'));
  if (!folders.length) {
    console.error('Usage: npm run corpus -- <folder> [--exceljs] [--libreoffice]');
    process.exitCode = 2;
    return;
  }
  const withExcelJS = args.includes('--exceljs');
  const withLibreOffice = args.includes('--libreoffice');
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'boardplan-corpus-run-'));
  const counts = { files: 0, kept: 0, refused: 0, noPlan: 0, failed: 0, planAdded: 0 };
  const failures: string[] = [];
  const refusals = new Map<string, string[]>();
  const slow: string[] = [];
  const lost: string[] = [];
  try {
    for (const folder of folders) {
      for (const file of await files(folder)) {
        counts.files++;
        const name = path.relative(folder, file);
        const started = Date.now();
        const original = await fs.readFile(file);
        let input: Buffer = original;
        let added = false;
        try {
          const withPlan = await addPlan(original);
          if ('data' in withPlan) {
            input = withPlan.data;
            added = true;
            counts.planAdded++;
          }
        } catch {
          // A file the plan cannot be added to is refreshed as it is: it must still be refused in one line.
        }
        const withPlan = path.join(tmp, path.basename(file));
        await fs.writeFile(withPlan, input);
        const line = await checkLine(withPlan);
        let outcome: Outcome = line ? { kind: 'failed', reason: line } : await refreshTwice(input, path.basename(file));
        if (outcome.kind === 'kept' && withExcelJS && opensInExcelJS(withPlan)) {
          const out = path.join(tmp, `refreshed-${path.basename(file)}`);
          await fs.writeFile(out, outcome.output);
          if (opensInExcelJS(out) === false) outcome = { kind: 'failed', reason: 'opens in ExcelJS before the refresh but not after' };
        }
        if (outcome.kind === 'kept' && withLibreOffice) {
          const out = path.join(tmp, `refreshed-${path.basename(file)}`);
          await fs.writeFile(out, outcome.output);
          if (!opensInLibreOffice(out, tmp)) outcome = { kind: 'failed', reason: 'LibreOffice could not open the refreshed workbook' };
        }
        const ms = Date.now() - started;
        if (ms > 5_000) slow.push(`${name}: ${(ms / 1000).toFixed(1)} s`);
        switch (outcome.kind) {
          case 'kept':
            counts.kept++;
            break;
          case 'refused': {
            counts.refused++;
            const kind = outcome.line.replace(/^.*?(is|was|would|has|holds) /, '$1 ').replace(/'[^']*'|"[^"]*"|\d+/g, '…').slice(0, 90);
            refusals.set(kind, [...(refusals.get(kind) ?? []), name]);
            break;
          }
          case 'no-plan':
            counts.noPlan++;
            // The plan added to it should have been found: say which.
            if (added) lost.push(name);
            break;
          case 'failed':
            counts.failed++;
            failures.push(`${name}: ${outcome.reason}`);
        }
        process.stdout.write(outcome.kind === 'kept' ? '.' : outcome.kind === 'failed' ? 'F' : outcome.kind === 'refused' ? 'r' : 'n');
      }
    }
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  console.log('\n');
  console.log(`Files: ${counts.files} (a plan added to ${counts.planAdded})`);
  console.log(`  refreshed, every part of the user's kept, a second refresh the same: ${counts.kept}`);
  console.log(`  refused with one clear line, nothing written: ${counts.refused}`);
  for (const [kind, names] of refusals) console.log(`    ${names.length} × ${kind}  (${names.slice(0, 2).join(', ')}${names.length > 2 ? ', …' : ''})`);
  console.log(`  read, no plan found: ${counts.noPlan}${lost.length ? `, of which the plan added was not found in ${lost.length}: ${lost.slice(0, 10).join(', ')}${lost.length > 10 ? ', …' : ''}` : ''}`);
  console.log(`  failed: ${counts.failed}`);
  for (const f of failures) console.log(`    ${f}`);
  if (slow.length) console.log(`Over 5 s: ${slow.join('; ')}`);
  if (counts.failed) process.exitCode = 1;
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
