import { readFileSync } from 'fs';
import { JSDOM } from 'jsdom';
import type { ExcelClient } from './client';

/**
 * Microsoft's Excel client for Excel on the web (@microsoft/office-js, excel-web-16.00.debug.js),
 * loaded once per process into a jsdom window, for tests and the bench under Node. (The browser
 * test build loads the same file with a script tag instead.)
 */

let client: ExcelClient | null = null;

export function microsoftExcelClient(): ExcelClient {
  if (!client) {
    const file = require.resolve('@microsoft/office-js/dist/excel-web-16.00.debug.js');
    const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { runScripts: 'outside-only', url: 'https://localhost/' });
    dom.window.eval(readFileSync(file, 'utf8'));
    const window = dom.window as unknown as { Excel: ExcelClient; OfficeExtension: { Utility: { _synchronousCleanup: boolean } } };
    // Excel.run's clean-up request is sent before the run resolves, so runs never overlap.
    window.OfficeExtension.Utility._synchronousCleanup = true;
    client = window.Excel;
  }
  return client;
}
