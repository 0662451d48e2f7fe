import type { FakeExcelServer, RequestBody, ResponseMessage } from './server';

/**
 * Microsoft's Excel client (Office.js) talking to the fake Excel server instead of Excel: a request
 * context whose request executor hands each request to the server. Runs go through the client's
 * own Excel.run, so its load and sync rules, its batching and its clean-up apply as in Excel.
 */

/** The `Excel` namespace of Microsoft's client, loaded in a page (the browser test build) or in jsdom (Node). */
export type ExcelClient = typeof Excel;

interface ExecutorContext {
  _requestExecutor: { executeAsync(customData: unknown, flags: number, message: { Body: RequestBody }): Promise<ResponseMessage> };
}

/** Excel.run through the real client, answered by `server`. */
export function clientRun(client: ExcelClient, server: FakeExcelServer): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
  return (batch) => {
    const context = new client.RequestContext('https://boardplan.invalid/fake-excel');
    (context as unknown as ExecutorContext)._requestExecutor = {
      // Answered a turn later, as a real request is.
      executeAsync: (_customData, _flags, message) => Promise.resolve().then(() => server.handle(message.Body)),
    };
    return client.run(context, batch);
  };
}
