import { createRoot, type Root } from 'react-dom/client';
import { ExcelHost } from '../excel/host';
import { registerCommands } from '../commands';
import { outcomes } from '../commands/outcome';
import { App, type PaneTab } from './App';
import { loadingSteps } from './loading';
import { officeReady } from './officeReady';
import { OutsideExcel } from './OutsideExcel';
import { systemTheme, themeFor } from './theme';

/**
 * Entry of the task pane. In Excel: wait for Office, register the ribbon's functions (the ribbon
 * and the pane share one runtime), and run the pane on the workbook. Elsewhere: explain how to load
 * it. A test build can also run the pane on an in-memory workbook from a local .xlsx (?fixture=…).
 */

declare global {
  interface Window {
    __boardplan?: { fake: unknown; saveXlsx(): Promise<string> };
  }
}

function tabFrom(params: URLSearchParams): PaneTab | undefined {
  const view = params.get('view');
  return view === 'overview' || view === 'leads' || view === 'columns' || view === 'findings' || view === 'settings' ? view : undefined;
}

/** A test build's ?theme=dark, as Office's dark theme would give it. */
function themeAsked(params: URLSearchParams) {
  return themeFor({ bodyBackgroundColor: params.get('theme') === 'dark' ? '#1F1F1F' : '#FFFFFF' });
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

async function startOnFixture(root: Root, url: string, params: URLSearchParams, load: () => Promise<typeof import('../fake-excel/xlsx')>): Promise<void> {
  const { fakeFromXlsx, fakeToXlsx } = await load();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the workbook ${url}: the server answered ${response.status}.`);
  const name = decodeURIComponent(url.split('/').pop() ?? 'workbook.xlsx');
  const fake = await fakeFromXlsx(await response.arrayBuffer(), { name });
  window.__boardplan = { fake, saveXlsx: async () => base64(new Uint8Array(await fakeToXlsx(fake))) };
  root.render(
    <App
      host={new ExcelHost(fake.run)}
      today={params.get('today') ?? undefined}
      initialTab={tabFrom(params)}
      theme={themeAsked(params)}
    />,
  );
}

async function main(): Promise<void> {
  const container = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  const params = new URLSearchParams(window.location.search);

  if (__TEST_MODE__) {
    const fixture = params.get('fixture');
    if (fixture) {
      // The import() stays inside this branch: production builds drop it, and the fake and ExcelJS with it.
      await startOnFixture(root, fixture, params, () => import('../fake-excel/xlsx'));
      return;
    }
  }

  const host = await officeReady(typeof Office === 'undefined' ? undefined : Office);
  if (!host) {
    // The README's own loading steps, fetched only here: inside Excel the pane never needs them.
    // Should they fail to arrive, the page still says where to find them.
    const readme = await import('../../README.md').then((m) => m.default, () => '');
    const theme = __TEST_MODE__ && params.get('theme') ? themeAsked(params) : systemTheme();
    root.render(<OutsideExcel theme={theme} steps={loadingSteps(readme)} />);
    return;
  }
  // First, so that the ribbon's buttons work whenever Office is ready, before the pane has drawn.
  registerCommands();
  root.render(
    <App
      host={new ExcelHost((batch) => Excel.run(batch))}
      theme={themeFor(Office.context.officeTheme)}
      initialTab={tabFrom(params)}
      ribbon={outcomes}
    />,
  );
}

main().catch((e: unknown) => {
  // Never a blank pane: say what failed in plain words.
  const message = e instanceof Error ? e.message : String(e);
  const p = document.createElement('p');
  p.style.cssText = 'font-family: "Segoe UI", sans-serif; padding: 16px;';
  p.textContent = `BoardPlan could not start: ${message} Close the pane and open it again; if it keeps happening, reload Excel.`;
  document.body.appendChild(p);
});
