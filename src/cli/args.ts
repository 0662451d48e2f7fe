/** Command-line arguments: a small parser, so every mistake gets a message that says what to type. */

export class ArgsError extends Error {}

export interface ParsedArgs {
  command: string | null;
  file: string | null;
  options: Record<string, string | true>;
}

/** Options that take a value; the rest are flags. */
const VALUED = new Set(['as-of', 'plan-period', 'due-soon-days', 'scheme', 'out']);
const FLAGS = new Set([
  'json',
  'in-place',
  'no-backup',
  'record',
  // Yes, really: write over an existing --out file, record a quarter outside the plan period.
  'force',
  'help',
  'version',
]);

export function parseArgs(argv: string[]): ParsedArgs {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (VALUED.has(name)) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        throw new ArgsError(`--${name} needs a value (see boardplan --help).`);
      }
      options[name] = value;
    } else if (FLAGS.has(name)) {
      options[name] = true;
    } else {
      throw new ArgsError(`Unknown option --${name} (see boardplan --help).`);
    }
  }
  if (positional.length > 2) throw new ArgsError(`Too many arguments: ${positional.slice(2).join(' ')} (one workbook at a time).`);
  return { command: positional[0] ?? null, file: positional[1] ?? null, options };
}

export const USAGE = `Usage:
  boardplan check <plan.xlsx> [--as-of YYYY-MM-DD|today|quarter-end] [--plan-period YYYY-MM-DD..YYYY-MM-DD]
                              [--due-soon-days N] [--scheme brag|off-target|rag|custom] [--json]
  boardplan refresh <plan.xlsx> [--out refreshed.xlsx | --in-place [--no-backup]] [--record] [--force]
                              [--as-of …] [--plan-period …] [--due-soon-days N] [--scheme …]

check    reads the plan tables, rates every action and lists the findings; writes nothing.
refresh  does the same, then writes a new workbook with the ratings coloured, a summary sheet per
         priority, a Board Overview and an Exceptions report (the input is never overwritten
         unless --in-place, which keeps the original as <plan.xlsx>.bak unless --no-backup).
         --record keeps this quarter's ratings in the RAG History sheet.
         --force writes over an existing --out file, and records a quarter outside the plan period.

Exit codes: 0 no errors in the plan, 1 the plan has errors, 2 the file or the command could not be used.`;
