import { CLOSE_MESSAGE, dialogNotifier, dialogUrl, SUCCESS_SECONDS, type DialogUi, type Notice } from '../../src/commands/notify';

/**
 * The ribbon's message dialog, against a stand-in for Office.context.ui that records what Excel
 * would be asked to do.
 */

const PAGE = 'https://localhost:3000/taskpane.html?view=findings#top';

class StubDialog {
  closed = 0;
  handlers = new Map<string, (arg: unknown) => void>();
  close() {
    this.closed++;
  }
  addEventHandler(type: string, handler: (arg: unknown) => void) {
    this.handlers.set(type, handler);
  }
}

class StubUi implements DialogUi {
  opened: { url: string; options: Office.DialogOptions; dialog: StubDialog }[] = [];
  fail: string | null = null;
  /** As Office does, a dialog that was just closed blocks the next one for a moment (error 12007). */
  closing = 0;
  displayDialogAsync(url: string, options: Office.DialogOptions, callback: (result: Office.AsyncResult<Office.Dialog>) => void) {
    const dialog = new StubDialog();
    const close = dialog.close.bind(dialog);
    dialog.close = () => {
      close();
      this.closing += 1;
      setTimeout(() => (this.closing -= 1), 400);
    };
    if (this.closing > 0) {
      callback({ status: 'failed', error: { code: 12007, message: 'A dialog box is already opened from this add-in.' }, value: undefined } as unknown as Office.AsyncResult<Office.Dialog>);
      return;
    }
    if (this.fail) {
      callback({ status: 'failed', error: { message: this.fail }, value: undefined } as unknown as Office.AsyncResult<Office.Dialog>);
      return;
    }
    this.opened.push({ url, options, dialog });
    callback({ status: 'succeeded', value: dialog } as unknown as Office.AsyncResult<Office.Dialog>);
  }
}

const success: Notice = { tone: 'success', title: 'BoardPlan refreshed the plan', lines: ['38 actions: 5 Red, 9 Amber, 20 Green, 4 Blue — 3 findings'] };
const failure: Notice = { tone: 'error', title: 'BoardPlan could not refresh the plan', lines: ["Sheet 'Plan' is protected: unprotect it & run Refresh again."] };

beforeAll(() => {
  // The enum values office.js defines.
  (globalThis as Record<string, unknown>).Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  };
});

afterAll(() => {
  delete (globalThis as Record<string, unknown>).Office;
});

afterEach(() => jest.useRealTimers());

describe('dialogUrl', () => {
  test('puts the dialog beside the page, with the message as query text', () => {
    const url = new URL(dialogUrl(failure, PAGE));
    expect(url.origin + url.pathname).toBe('https://localhost:3000/dialog.html');
    expect(url.hash).toBe('');
    expect(url.searchParams.get('tone')).toBe('error');
    expect(url.searchParams.get('title')).toBe(failure.title);
    expect(url.searchParams.getAll('line')).toEqual(failure.lines);
    expect(url.searchParams.get('view')).toBeNull();
  });

  test('keeps long messages short enough for a URL and says how many lines were left out', () => {
    const lines = Array.from({ length: 9 }, (_, i) => `Notice ${i + 1}: ${'x'.repeat(400)}`);
    const url = new URL(dialogUrl({ tone: 'success', title: 'Done', lines }, PAGE));
    const shown = url.searchParams.getAll('line');
    expect(shown).toHaveLength(7);
    expect(shown.slice(0, 6).every((l) => l.length <= 300 && l.endsWith('…'))).toBe(true);
    expect(shown[6]).toBe('and 3 more: open BoardPlan to see them all.');
  });
});

describe('dialogNotifier', () => {
  test('opens the dialog in an iframe and closes a success message after a few seconds', async () => {
    jest.useFakeTimers();
    const ui = new StubUi();
    await dialogNotifier(ui, PAGE)(success);
    expect(ui.opened).toHaveLength(1);
    expect(ui.opened[0].options.displayInIframe).toBe(true);
    expect(new URL(ui.opened[0].url).searchParams.getAll('line')).toEqual(success.lines);
    jest.advanceTimersByTime(SUCCESS_SECONDS * 1000 - 1);
    expect(ui.opened[0].dialog.closed).toBe(0);
    jest.advanceTimersByTime(1);
    expect(ui.opened[0].dialog.closed).toBe(1);
  });

  test('leaves an error up until the officer presses Close', async () => {
    jest.useFakeTimers();
    const ui = new StubUi();
    await dialogNotifier(ui, PAGE)(failure);
    jest.advanceTimersByTime(60_000);
    const { dialog } = ui.opened[0];
    expect(dialog.closed).toBe(0);
    dialog.handlers.get('dialogMessageReceived')!({ message: 'something else' });
    expect(dialog.closed).toBe(0);
    dialog.handlers.get('dialogMessageReceived')!({ message: CLOSE_MESSAGE });
    expect(dialog.closed).toBe(1);
  });

  test('a new message replaces the one still showing (Office allows one dialog at a time)', async () => {
    jest.useFakeTimers();
    const ui = new StubUi();
    const notify = dialogNotifier(ui, PAGE);
    await notify(failure);
    const next = notify(success);
    await jest.advanceTimersByTimeAsync(1_000);
    await next;
    expect(ui.opened).toHaveLength(2);
    expect(ui.opened[0].dialog.closed).toBe(1);
    expect(ui.opened[1].dialog.closed).toBe(0);
    // The first one's Close, arriving late, does not close the second.
    ui.opened[0].dialog.handlers.get('dialogMessageReceived')!({ message: CLOSE_MESSAGE });
    expect(ui.opened[1].dialog.closed).toBe(0);
  });

  test('waits for the dialog it has just closed to be gone before opening the next (Office’s error 12007)', async () => {
    jest.useFakeTimers();
    const ui = new StubUi();
    const notify = dialogNotifier(ui, PAGE);
    await notify(failure);
    const next = notify(success);
    await jest.advanceTimersByTimeAsync(1_000);
    await next;
    expect(ui.opened).toHaveLength(2);
    expect(new URL(ui.opened[1].url).searchParams.get('tone')).toBe('success');
    expect(ui.opened[0].dialog.closed).toBe(1);
  });

  test('a dialog the officer closed with its ✕ is not closed again by the next message', async () => {
    jest.useFakeTimers();
    const ui = new StubUi();
    const notify = dialogNotifier(ui, PAGE);
    await notify(success);
    ui.opened[0].dialog.handlers.get('dialogEventReceived')!({ error: 12006 });
    await notify(success);
    jest.advanceTimersByTime(SUCCESS_SECONDS * 1000);
    expect(ui.opened[0].dialog.closed).toBe(0);
    expect(ui.opened[1].dialog.closed).toBe(1);
  });

  test('rejects with Office’s reason when the dialog cannot be opened', async () => {
    const ui = new StubUi();
    ui.fail = 'A dialog box is already opened from this add-in.';
    await expect(dialogNotifier(ui, PAGE)(success)).rejects.toThrow('The message could not be shown (A dialog box is already opened from this add-in.).');
  });
});
