import { FakeObject, navFrom, type FakeContext, type FakeState, type Target } from './base';
import { FakeOfficeError } from './errors';
import { FakeRange, type RangeTarget } from './range';
import { parseAddress } from './address';
import { FakeTableCollection } from './table';
import { FakeWorksheetCollection, findSheet, sheetsOf } from './worksheet';

/** `context.workbook`: the worksheets, tables, application, workbook protection and the selection. */
export class FakeWorkbook extends FakeObject {
  readonly kind = 'Workbook';
  private sheetsObj?: FakeWorksheetCollection;
  private tablesObj?: FakeTableCollection;
  private appObj?: FakeApplication;
  private protectionObj?: FakeWorkbookProtection;

  constructor(ctx: FakeContext) {
    super(ctx);
    this.resolveAs(ctx.state);
  }

  protected scalars(): string[] {
    return ['name'];
  }
  protected scalar(_prop: string, t: Target): unknown {
    return (t as FakeState).name;
  }
  protected override nav(prop: string): FakeObject | undefined {
    switch (prop) {
      case 'worksheets': return this.worksheets;
      case 'tables': return this.tables;
      case 'application': return this.application;
      case 'protection': return this.protection;
      default: return undefined;
    }
  }

  get worksheets(): FakeWorksheetCollection {
    return (this.sheetsObj ??= new FakeWorksheetCollection(this.ctx, navFrom(this)));
  }
  get tables(): FakeTableCollection {
    return (this.tablesObj ??= new FakeTableCollection(this.ctx, navFrom(this)));
  }
  get application(): FakeApplication {
    return (this.appObj ??= new FakeApplication(this.ctx, navFrom(this)));
  }
  get protection(): FakeWorkbookProtection {
    return (this.protectionObj ??= new FakeWorkbookProtection(this.ctx, navFrom(this)));
  }

  /** The selection, or A1 of the active sheet when nothing was selected. */
  getSelectedRange(): FakeRange {
    return this.make('getSelectedRange', Array.from(arguments), new FakeRange(this.ctx), () => {
      const state = this.state;
      const sel = state.selection;
      const ws = (sel && findSheet(state, sel.sheet)) || (state.activeSheet && findSheet(state, state.activeSheet)) || sheetsOf(state)[0];
      const rect = (sel && findSheet(state, sel.sheet) === ws && parseAddress(sel.address)?.rect) || { top: 1, left: 1, bottom: 1, right: 1 };
      return { ws, rect } satisfies RangeTarget;
    });
  }
}

export class FakeApplication extends FakeObject {
  readonly kind = 'Application';
  protected scalars(): string[] {
    return ['calculationMode'];
  }
  protected scalar(_prop: string, t: Target): unknown {
    return (t as FakeState).calculationMode;
  }
  set calculationMode(mode: string) {
    this.write('calculationMode', mode, (t) => {
      if (!['Automatic', 'AutomaticExceptTables', 'Manual'].includes(mode)) {
        throw new FakeOfficeError('InvalidArgument', `Unknown calculation mode '${mode}'.`, 'Application.calculationMode');
      }
      (t as FakeState).calculationMode = mode;
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this.call('suspendApiCalculationUntilNextSync', Array.from(arguments), () => this.ctx.markSuspended('calculation'));
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.call('suspendScreenUpdatingUntilNextSync', Array.from(arguments), () => this.ctx.markSuspended('screen'));
  }
  calculate(calculationType: string): void {
    this.call('calculate', Array.from(arguments), () => undefined);
  }
}

export class FakeWorkbookProtection extends FakeObject {
  readonly kind = 'WorkbookProtection';
  protected scalars(): string[] {
    return ['protected'];
  }
  protected scalar(_prop: string, t: Target): unknown {
    return (t as FakeState).workbookProtected;
  }
  protect(password?: string): void {
    this.call('protect', Array.from(arguments), (t) => ((t as FakeState).workbookProtected = true));
  }
  unprotect(password?: string): void {
    this.call('unprotect', Array.from(arguments), (t) => ((t as FakeState).workbookProtected = false));
  }
}
