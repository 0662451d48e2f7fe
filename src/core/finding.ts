import type { Finding, Rule, Severity } from './model';

/** A finding whose message is written out in full. */
export function newFinding(severity: Severity, rule: Rule, sheet: string, cell: string | null, message: string): Finding {
  return { severity, rule, sheet, cell, message };
}

/**
 * A finding on a cell whose message is the wording before the cell's address, the address, and the
 * wording after. The findings of one kind differ only in their cell: a large plan's tens of thousands
 * of them hold the two shared wordings and their cell, and each message is joined when it is read.
 */
class CellFinding implements Finding {
  constructor(
    readonly severity: Severity,
    readonly rule: Rule,
    readonly sheet: string,
    readonly cell: string,
    /** The wording before the cell's address, the sheet's part of the address included ("… in 'Plan'!"). */
    private readonly before: string,
    private readonly after: string,
  ) {}

  get message(): string {
    return this.before + this.cell + this.after;
  }

  /** As JSON, the finding that it is: its message, not its pieces. */
  toJSON(): Finding {
    return { severity: this.severity, rule: this.rule, sheet: this.sheet, cell: this.cell, message: this.message };
  }
}

/** A finding on a cell, its message `before`, the cell's address, then `after` (see CellFinding). */
export function cellFinding(severity: Severity, rule: Rule, sheet: string, cell: string, before: string, after: string): Finding {
  return new CellFinding(severity, rule, sheet, cell, before, after);
}
