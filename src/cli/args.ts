/** Command-line arguments: a small parser, so every mistake gets a message that says what to type. */

export class ArgsError extends Error {}

export interface ParsedArgs {
  command: string | null;
  file: string | null;
  options: Record<string, string | true>;
  /** Options given as often as needed (--plan, --map), each value in order. */
  repeated: Record<string, string[]>;
}

/** Options that take a value; the rest are flags. */
const VALUED = new Set(['as-of', 'plan-period', 'due-soon-days', 'scheme', 'out']);
/** Options that take a value and may be given more than once. */
const REPEATABLE = new Set(['plan', 'map']);
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
  const repeated: Record<string, string[]> = {};
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
    if (VALUED.has(name) || REPEATABLE.has(name)) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        throw new ArgsError(`--${name} needs a value (see boardplan --help).`);
      }
      if (REPEATABLE.has(name)) (repeated[name] ??= []).push(value);
      else options[name] = value;
    } else if (FLAGS.has(name)) {
      options[name] = true;
    } else {
      throw new ArgsError(`Unknown option --${name} (see boardplan --help).`);
    }
  }
  if (positional.length > 2) throw new ArgsError(`Too many arguments: ${positional.slice(2).join(' ')} (one workbook at a time).`);
  return { command: positional[0] ?? null, file: positional[1] ?? null, options, repeated };
}

export const USAGE = `Usage:
  boardplan check <plan.xlsx> [--as-of YYYY-MM-DD|today|quarter-end] [--plan-period YYYY-MM-DD..YYYY-MM-DD]
                              [--due-soon-days N] [--scheme brag|off-target|rag|custom] [--json]
                              [--plan "'Sheet name'!A3:H40"]… [--map field=Heading|letter|none]…
  boardplan refresh <plan.xlsx> [--out refreshed.xlsx | --in-place [--no-backup]] [--record] [--force]
                              [--as-of …] [--plan-period …] [--due-soon-days N] [--scheme …] [--plan …] [--map …]

check    reads the plan tables, rates every action and lists the findings; writes nothing.
refresh  does the same, then writes a new workbook with the ratings coloured, a summary sheet per
         priority, a Board Overview and an Exceptions report (the input is never overwritten
         unless --in-place, which keeps the original as <plan.xlsx>.bak unless --no-backup).
         --record keeps this quarter's ratings in the RAG History sheet.
         --force writes over an existing --out file, and records a quarter outside the plan period.
--plan   reads the plan at a range (or its header row) whatever its headings, when BoardPlan finds
         none or the wrong one. --map names a field's column by its heading or letter ("none": the
         plan has none), e.g. --map lead=Owner --map timescale=F; fields: ref, action, outcome,
         lead, timescale, progress, priority, rag, status. Both apply to this run only; the pane
         keeps such choices in the workbook.

Exit codes: 0 no errors in the plan, 1 the plan has errors, 2 the file or the command could not be used.`;
