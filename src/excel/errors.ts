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
    case 'ApiNotFound':
    case 'ApiNotAvailable':
    case 'NotImplemented':
    case 'UnsupportedOperation':
      return `This version of Excel does not support ${feature(e)}: update Excel or use Excel on the web.`;
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'PayloadTooLarge':
      return 'Excel refused the request because it was too large: close other workbooks and try again; if it keeps happening, split the plan across sheets.';
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
    case 'ServiceNotAvailable':
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
