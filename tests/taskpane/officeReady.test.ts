import { officeReady } from '../../src/taskpane/officeReady';

/** The pane and the ribbon's functions start when Office is ready, however long that takes. */

afterEach(() => jest.useRealTimers());

it('waits for Office however long a cold shared runtime takes', async () => {
  jest.useFakeTimers();
  const slow = { onReady: () => new Promise<{ host: Office.HostType }>((r) => setTimeout(() => r({ host: 'Excel' as unknown as Office.HostType }), 8_000)) };
  const ready = officeReady(slow);
  await jest.advanceTimersByTimeAsync(8_000);
  await expect(ready).resolves.toBe('Excel');
});

it('answers no host outside Office, and without office.js at all', async () => {
  await expect(officeReady({ onReady: async () => ({ host: null }) })).resolves.toBeNull();
  await expect(officeReady(undefined)).resolves.toBeNull();
});
