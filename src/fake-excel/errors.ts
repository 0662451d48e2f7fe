/**
 * An error of the in-memory Excel: a code, Excel's message and where it happened. The server sends
 * it in Excel's format (`{ Error: { Code, Message, Location } }`), and Microsoft's client turns that
 * into the OfficeExtension.Error the host sees.
 */

const MESSAGES: Record<string, string> = {
  AccessDenied: 'You cannot perform the requested operation.',
  GeneralException: 'There was an internal error while processing the request.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidObjectPath: "The object path isn't working for what you're trying to do.",
  InvalidOperation: 'This operation is not permitted for the current object.',
  InvalidOperationInCellEditMode: 'The operation is not permitted while Excel is in cell-editing mode.',
  ItemAlreadyExists: 'The resource already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
};

export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };

  constructor(code: string, detail?: string, errorLocation?: string) {
    const message = detail ?? MESSAGES[code] ?? code;
    super(message);
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}
