import type { ExcelClient } from './client';

/**
 * In the browser test build Microsoft's Excel client is loaded by the page (taskpane.html) before
 * the pane starts, and the in-memory Excel finds it there; this stands in for the Node loader.
 */
export function microsoftExcelClient(): ExcelClient {
  throw new Error("Microsoft's Excel client is not loaded in this page: open the pane with ?fixture= in a test build.");
}
