/** @jest-environment jsdom */
import './setup';
import * as fs from 'fs';
import * as path from 'path';
import { render, screen, within } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { inlineParts, loadingSteps } from '../../src/taskpane/loading';
import { OutsideExcel } from '../../src/taskpane/OutsideExcel';

/** The page opened outside Excel gives the README's loading steps, read from the README itself. */

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

describe("the README's loading steps", () => {
  it('are the opening paragraph and every way of loading listed under "Loading the add-in"', () => {
    const steps = loadingSteps(README);
    expect(steps[0].kind).toBe('paragraph');
    const items = steps.filter((s) => s.kind === 'item').map((s) => s.parts.map((p) => p.text).join(''));
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.find((t) => t.startsWith('Excel on the web'))).toContain('Home › Add-ins › More add-ins › My add-ins › Upload My Add-in');
    expect(items.find((t) => t.startsWith('Excel on Windows or macOS'))).toContain('npm start');
  });

  it('stop where the list ends, and say nothing when the section is missing', () => {
    const md = ['# Tool', '### Loading the add-in', '', 'Served from here.', '', '- **Web**: upload', '  `manifest.xml`.', '- **Desktop**: run it.', '', 'More for the README only.', '', '### Next'].join('\n');
    expect(loadingSteps(md).map((b) => [b.kind, b.parts.map((p) => `${p.kind}:${p.text}`).join('|')])).toEqual([
      ['paragraph', 'text:Served from here.'],
      ['item', 'strong:Web|text:: upload |code:manifest.xml|text:.'],
      ['item', 'strong:Desktop|text:: run it.'],
    ]);
    expect(loadingSteps('# Tool\n\nNo such section.')).toEqual([]);
  });

  it('read a stray ** or ` as plain text', () => {
    expect(inlineParts('a ** b ` c')).toEqual([{ kind: 'text', text: 'a ** b ` c' }]);
  });
});

describe('the page outside Excel', () => {
  it('shows the same steps as the README, in the pane’s theme', () => {
    const { container } = render(<OutsideExcel theme={webLightTheme} steps={loadingSteps(README)} />);
    expect(screen.getByRole('heading', { name: 'BoardPlan runs inside Excel.' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Loading the add-in' });
    const shown = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    const written = loadingSteps(README)
      .filter((s) => s.kind === 'item')
      .map((s) => s.parts.map((p) => p.text).join(''));
    expect(shown).toEqual(written);
    // Inside Fluent's provider, which gives the page the pane's fonts and colours.
    expect(container.querySelector('.fui-FluentProvider')).not.toBeNull();
  });

  it('points at the README when its steps could not be read', () => {
    render(<OutsideExcel theme={webLightTheme} steps={[]} />);
    expect(screen.getByText(/follow "Loading the add-in" in the README/)).toBeTruthy();
  });
});
