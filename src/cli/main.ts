import * as fs from 'fs';
import * as path from 'path';
import { ArgsError, parseArgs, USAGE, type ParsedArgs } from './args';
import { asOfWarning, formatCheck, formatRefresh } from './format';
import { quarterOutsidePeriod } from '../core/period';
import { check, refresh, UsageError, type RunInput } from '../core/refresh';
import { toReport } from '../core/report';
import { parseMapOption, parsePlanOption } from '../core/pointed-plans';
import { PlanPeriodSchema } from '../core/settings';
import { PlanFileError, readSnapshot } from '../xlsx/open';

/** `boardplan`: the same engine as the add-in, over .xlsx files. Output goes to the streams given, so tests can run it in-process. */

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Today's date (YYYY-MM-DD); default: the machine's. */
  today?: string;
  /** Indent --json output for reading (at a terminal); else one line, which is smaller and quicker for scripts. */
  pretty?: boolean;
}

export const EXIT = { ok: 0, planErrors: 1, unusable: 2 } as const;

export async function main(argv: string[], io: Io): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`boardplan: ${(e as Error).message}`);
    return EXIT.unusable;
  }
  if (args.options.version) {
    io.out(require('../../package.json').version);
    return EXIT.ok;
  }
  if (args.options.help || !args.command) {
    (args.command || args.options.help ? io.out : io.err)(USAGE);
    return args.options.help ? EXIT.ok : EXIT.unusable;
  }
  if (args.command !== 'check' && args.command !== 'refresh') {
    io.err(`boardplan: unknown command "${args.command}": use check or refresh (see boardplan --help).`);
    return EXIT.unusable;
  }
  if (!args.file) {
    io.err(`boardplan: ${args.command} needs a workbook, e.g. boardplan ${args.command} plan.xlsx`);
    return EXIT.unusable;
  }
  try {
    const input = runInput(args, io.today);
    return args.command === 'check' ? await runCheck(args.file, args, input, io) : await runRefresh(args.file, args, input, io);
  } catch (e) {
    if (e instanceof PlanFileError || e instanceof UsageError || e instanceof ArgsError) {
      io.err(`boardplan: ${e.message}`);
      return EXIT.unusable;
    }
    // Anything else is a bug in BoardPlan: still one line, with where to look.
    io.err(`boardplan: unexpected error while reading ${args.file}: ${(e as Error).message ?? String(e)}`);
    return EXIT.unusable;
  }
}

/** Options that only a refresh, which writes a workbook, can use: check says so rather than ignore them. */
const REFRESH_ONLY: Record<string, string> = {
  out: '--out is for refresh: check writes nothing. To write a refreshed copy, run boardplan refresh <plan.xlsx> --out <copy.xlsx>.',
  'in-place': '--in-place is for refresh: check writes nothing.',
  record: "--record is for refresh: it records the ratings as this quarter's in the RAG History sheet.",
  force: '--force is for refresh: check writes nothing, so there is nothing to force.',
};

function runInput(args: ParsedArgs, today?: string): RunInput {
  const o = args.options;
  if (args.command !== 'refresh') {
    const refused = Object.keys(REFRESH_ONLY).find((name) => o[name] !== undefined);
    if (refused) throw new ArgsError(REFRESH_ONLY[refused]);
  }
  const input: RunInput = {};
  if (typeof o['as-of'] === 'string') input.asOf = o['as-of'];
  if (typeof o.scheme === 'string') input.scheme = o.scheme;
  if (today) input.today = today;
  if (o.record) input.record = true;
  if (typeof o['due-soon-days'] === 'string') {
    const n = Number(o['due-soon-days']);
    if (!Number.isInteger(n) || n < 0 || n > 365) throw new ArgsError(`--due-soon-days must be a whole number of days from 0 to 365, not "${o['due-soon-days']}".`);
    input.dueSoonDays = n;
  }
  if (typeof o['plan-period'] === 'string') {
    const [start, end, ...rest] = o['plan-period'].split('..');
    const period = PlanPeriodSchema.safeParse({ start, end });
    if (rest.length || !period.success) {
      throw new ArgsError(`--plan-period must be two dates, start before end, like 2015-04-01..2016-03-31, not "${o['plan-period']}".`);
    }
    input.planPeriod = period.data;
  }
  for (const text of args.repeated.plan ?? []) {
    const pointer = parsePlanOption(text);
    if (typeof pointer === 'string') throw new ArgsError(pointer);
    (input.plans ??= []).push(pointer);
  }
  for (const text of args.repeated.map ?? []) {
    const entry = parseMapOption(text);
    if (typeof entry === 'string') throw new ArgsError(entry);
    input.map = { ...input.map, [entry.field]: entry.column };
  }
  return input;
}

async function runCheck(file: string, args: ParsedArgs, input: RunInput, io: Io): Promise<number> {
  // A check needs only the cells' values and formats, read straight from the file's XML: building
  // ExcelJS's model of every cell and style would take longer than checking the plan.
  const result = check(await readSnapshot(file), input);
  if (args.options.json) {
    io.out(JSON.stringify(toReport(result, file), null, io.pretty ? 2 : undefined));
    // The JSON stays as documented; the warning the text report carries goes beside it.
    const warning = asOfWarning(result);
    if (warning) io.err(`boardplan: warning: ${warning}`);
  } else io.out(formatCheck(result, file));
  return exitFor(result.findings, io, file, !!args.options.json);
}

async function runRefresh(file: string, args: ParsedArgs, input: RunInput, io: Io): Promise<number> {
  if (args.options.json) throw new ArgsError('--json is for check; refresh writes a workbook.');
  const out = outputPath(file, args);
  const { XlsxHost } = await import('../xlsx/host');
  const host = await XlsxHost.open(file);
  const result = refresh(await host.snapshot(), input);
  if (!result.plans.length) return exitFor(result.findings, io, file, false);
  const outside = input.record ? quarterOutsidePeriod(result.asOf, result.planPeriod) : null;
  if (outside && !args.options.force) {
    throw new ArgsError(`${outside}: rate the plan as of a date in the period with --as-of, or add --force to record it all the same. Nothing was written.`);
  }
  await host.apply(result.patch);
  // Over the original, a copy of it is kept beside it (plan.xlsx.bak) unless --no-backup.
  const inPlace = path.resolve(out) === path.resolve(file);
  await host.save(out, { backup: inPlace && !args.options['no-backup'] });
  io.out(formatRefresh(result, file, out));
  return exitFor(result.findings, io, file, true);
}

function outputPath(file: string, args: ParsedArgs): string {
  const o = args.options;
  if (o['in-place'] && typeof o.out === 'string') throw new ArgsError('Use either --out or --in-place, not both.');
  if (o['in-place']) return file;
  if (typeof o.out === 'string') {
    if (path.resolve(o.out) === path.resolve(file)) {
      throw new ArgsError(`--out is the input file; BoardPlan never overwrites a workbook unless you add --in-place.`);
    }
    // A workbook with macros stays one: Excel opens an .xlsm package only under that name.
    const ext = /\.xlsm$/i.test(file) ? '.xlsm' : '.xlsx';
    if (path.extname(o.out).toLowerCase() !== ext) throw new ArgsError(`--out must name an ${ext} file, not "${o.out}".`);
    if (fs.existsSync(o.out) && !o.force) throw new ArgsError(`${o.out} already exists: choose another name with --out, or add --force to replace it.`);
    return o.out;
  }
  const { dir, name, ext } = path.parse(file);
  return path.join(dir, `${name}-refreshed${/^\.xlsm$/i.test(ext) ? ext : '.xlsx'}`);
}

/** 2 when no plan could be read at all, 1 when the plan has errors, else 0. */
function exitFor(findings: { rule: string; severity: string; message: string }[], io: Io, file: string, quiet: boolean): number {
  const noPlan = findings.find((f) => f.rule === 'no-plan');
  if (noPlan) {
    io.err(`boardplan: ${file}: ${noPlan.message}`);
    return EXIT.unusable;
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors && !quiet) io.err(`boardplan: ${errors} error${errors === 1 ? '' : 's'} in ${file}; see the findings above.`);
  return errors ? EXIT.planErrors : EXIT.ok;
}
