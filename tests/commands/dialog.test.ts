/** @jest-environment jsdom */
import { readFileSync } from 'fs';
import { join } from 'path';
import { CLOSE_MESSAGE, dialogUrl } from '../../src/commands/notify';

/** The message dialog's page, as the officer sees it, loaded with the URL the ribbon side builds. */

function openDialog(url: string, office?: unknown): void {
  const template = readFileSync(join(__dirname, '..', '..', 'src', 'commands', 'dialog.html'), 'utf8');
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(template)![1];
  document.body.className = '';
  const u = new URL(url);
  window.history.replaceState({}, '', `${u.pathname}${u.search}`);
  if (office) (globalThis as Record<string, unknown>).Office = office;
  else delete (globalThis as Record<string, unknown>).Office;
  jest.isolateModules(() => {
    require('../../src/commands/dialog');
  });
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
});

test('shows the title and every line as plain text, never as markup', () => {
  const lines = ['12 actions: 2 Red, 10 Green — 1 finding', 'Priority <b>2</b> & "3" were renamed'];
  openDialog(dialogUrl({ tone: 'success', title: 'BoardPlan refreshed the plan', lines }, 'https://localhost:3000/taskpane.html'));
  expect(document.getElementById('title')!.textContent).toBe('BoardPlan refreshed the plan');
  expect([...document.querySelectorAll('#lines p')].map((p) => p.textContent)).toEqual(lines);
  expect(document.querySelector('#lines b')).toBeNull();
  expect(document.getElementById('notice')!.getAttribute('role')).toBe('status');
  expect(document.activeElement?.id).toBe('close');
});

test('an error is announced as an alert, and Close asks Excel to close the dialog', () => {
  const messageParent = jest.fn();
  const office = { onReady: jest.fn(() => Promise.resolve({})), context: { ui: { messageParent } } };
  openDialog(dialogUrl({ tone: 'error', title: 'BoardPlan could not refresh the plan', lines: ['Excel is busy editing a cell.'] }, 'https://localhost:3000/taskpane.html'), office);
  expect(document.body.classList.contains('error')).toBe(true);
  expect(document.getElementById('notice')!.getAttribute('role')).toBe('alert');
  (document.getElementById('close') as HTMLButtonElement).click();
  expect(messageParent).toHaveBeenCalledWith(CLOSE_MESSAGE);
});
