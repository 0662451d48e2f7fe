/** @jest-environment jsdom */
import './setup';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { refreshStatus, type CommandDeps } from '../../src/commands/commands';
import { OutcomeStore } from '../../src/commands/outcome';
import type { WorkbookPatch } from '../../src/core/patch';
import { App } from '../../src/taskpane/App';
import { WorkbookInMemory } from './inMemory';

/**
 * The pane and the ribbon run in one page (the shared runtime). A ribbon refresh pressed while the
 * pane is writing waits for the pane to finish, so neither reads a half-written workbook nor takes
 * the other's rules for its own.
 */

/** The in-memory workbook, writing slowly and noting when it starts and ends. */
class SlowWorkbook extends WorkbookInMemory {
  constructor(readonly log: string[]) {
    super();
  }
  override async apply(patch: WorkbookPatch) {
    this.log.push('pane writes');
    await new Promise((r) => setTimeout(r, 200));
    const stats = await super.apply(patch);
    this.log.push('pane done');
    return stats;
  }
}

it('a ribbon refresh pressed while the pane refreshes waits for the pane to finish', async () => {
  const log: string[] = [];
  const host = new SlowWorkbook(log);
  const user = userEvent.setup();
  render(<App host={host} today="2016-04-12" />);
  await screen.findByRole('list', { name: 'Plans found' });

  await user.click(screen.getByRole('button', { name: 'Refresh' }));
  await waitFor(() => expect(log).toContain('pane writes'));
  const deps: CommandDeps = {
    run: async () => {
      log.push('ribbon reads');
      throw Object.assign(new Error('stop here'), { code: 'GeneralException' });
    },
    actions: { associate: () => {} },
    notify: async () => {},
    showTaskpane: async () => {},
    outcomes: new OutcomeStore(),
    today: '2016-04-12',
  };
  await refreshStatus({ completed: () => {} }, deps);
  expect(log).toEqual(['pane writes', 'pane done', 'ribbon reads']);
});
