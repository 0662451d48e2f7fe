/**
 * Turning what Excel reports (OfficeExtension.Error codes) into one sentence an officer can act on.
 * Errors the host raises itself (a protected sheet found while reading, an update that stopped part
 * way) are ExcelHostErrors whose message is already that sentence.
 */

export type ExcelHostErrorKind = 'protected-sheet' | 'protected-workbook' | 'missing-sheet' | 'partial-update' | 'invalid-patch';

export class ExcelHostError extends Error {
  override readonly name = 'ExcelHostError';
  readonly kind: ExcelHostErrorKind;
  /** Some of the update reached the workbook before it stopped. */
  readonly partial: boolean;

  constructor(kind: ExcelHostErrorKind, message: string, options: { cause?: unknown; partial?: boolean } = {}) {
    super(message);
    this.kind = kind;
    this.partial = options.partial ?? false;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

export function protectedSheetMessage(sheet: string): string {
  return `Sheet '${sheet}' is protected: unprotect it (Review > Unprotect Sheet) and run Refresh again.`;
}

export const PROTECTED_WORKBOOK_MESSAGE =
  "The workbook's structure is protected, so BoardPlan cannot add, remove or hide its sheets: unprotect it (Review > Protect Workbook) and run Refresh again.";

interface OfficeLikeError {
  code?: unknown;
  message?: unknown;
  debugInfo?: { errorLocation?: unknown };
}

/** The feature Excel named as missing ("Range.hyperlink"), when it says. */
function feature(e: OfficeLikeError): string {
  const where = e.debugInfo?.errorLocation;
  return typeof where === 'string' && where ? where : 'a feature BoardPlan needs';
}

/**
 * BoardPlan's colour rules on a plan sheet could not be read or replaced. Excel has open bugs with
 * several conditional formats on one range (office-js issues 5222, 6827, 6835), and BoardPlan's own
 * rules share their ranges, so the officer is told how to clear them by hand.
 */
export function rulesMessage(sheets: string, written = true): string {
  const what = written
    ? `BoardPlan updated the ratings and summaries, but Excel would not let it replace its colour rules on sheet '${sheets}'`
    : `Excel would not let BoardPlan read the colour rules on sheet '${sheets}', so nothing was changed`;
  return `${what} (Excel has a known problem with several conditional formats on the same cells): on that sheet choose Home > Conditional Formatting > Manage Rules, delete the rules whose formula contains N("BoardPlan"), and run Refresh again.`;
}

/** One sentence saying what went wrong and what to do. */
export function describeExcelError(error: unknown): string {
  if (error instanceof ExcelHostError) return error.message;
  const e = (typeof error === 'object' && error !== null ? error : {}) as OfficeLikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  switch (code) {
    case 'AccessDenied':
      return 'A sheet BoardPlan writes to is protected, or the workbook is read-only: unprotect the sheet (Review > Unprotect Sheet) or save an editable copy, and run Refresh again.';
    case 'InvalidOperationInCellEditMode':
      return 'Excel is busy editing a cell: press Enter or Esc, then try again.';
    case 'WriteNotSupportedWhenModalDialogOpen':
      return 'A dialog is open in Excel, so BoardPlan cannot work on the workbook: close it (OK, Cancel or Esc), then try again.';
    case 'InvalidRequestContext':
    case 'InvalidOrTimedOutSession':
      return 'Excel lost track of the workbook BoardPlan was working on (it may have been closed, reloaded or switched meanwhile): close the BoardPlan pane, open it again, and try again.';
    case 'ApiNotFound':
    case 'NotImplemented':
    case 'UnsupportedOperation':
      return `This version of Excel does not support ${feature(e)}: BoardPlan needs Microsoft 365, Excel on the web, or Excel 2021 or later.`;
    case 'RequestPayloadSizeLimitExceeded':
      return 'Excel on the web refused an update larger than it takes at once (5 MB): run Refresh again; if it keeps happening, split the plan across sheets or refresh it in Excel for Windows or Mac.';
    case 'ResponsePayloadSizeLimitExceeded':
      return "Excel on the web could not send the workbook's cells in one answer (over 5 MB): run Refresh again; if it keeps happening, delete unused formatted rows and columns beside the plan, or use Excel for Windows or Mac.";
    case 'ItemNotFound':
      return 'Something BoardPlan read has gone from the workbook (a sheet may have been renamed or deleted meanwhile): run Refresh again.';
    case 'ItemAlreadyExists':
      return 'A sheet with a name BoardPlan needs was added meanwhile: run Refresh again.';
    case 'InvalidArgument':
    case 'InvalidReference':
      return 'Excel did not accept a value BoardPlan tried to write: run Refresh again, and if it happens again, report it with the plan.';
    case 'Conflict':
    case 'ActivityLimitReached':
    case 'RequestAborted':
    case 'Timeout':
      return 'Excel is busy (a co-author, another add-in or a recalculation may be working on the workbook): wait a moment and try again.';
    case 'GeneralException':
      return 'Excel reported an internal error: close any open dialog in Excel and try again; if it keeps happening, save, close and reopen the workbook.';
    default: {
      const detail = typeof e.message === 'string' && e.message ? ` (${e.message.replace(/\.$/, '')})` : '';
      return `Something went wrong while BoardPlan was working with Excel${detail}: try again, and if it keeps happening, save, close and reopen the workbook.`;
    }
  }
}
