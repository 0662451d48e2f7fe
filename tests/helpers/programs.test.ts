import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findProgram, installLine, needs } from './programs';

/** The guard of the tests that run other programs: what it says and does when one is missing. */

const saved = { PATH: process.env.PATH, CI: process.env.CI, CHROMIUM_PATH: process.env.CHROMIUM_PATH };
let empty = '';
beforeAll(() => {
  empty = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-no-programs-'));
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  jest.restoreAllMocks();
});
afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

/** A machine whose PATH holds only the programs named, as empty executable files. */
function machineWith(...names: string[]): void {
  const dir = fs.mkdtempSync(path.join(empty, 'bin-'));
  for (const n of names) fs.writeFileSync(path.join(dir, n), '#!/bin/sh\n', { mode: 0o755 });
  process.env.PATH = dir;
  delete process.env.CHROMIUM_PATH;
}

it('names every missing program and the one install command that brings them', () => {
  expect(installLine(['soffice', 'pdftoppm', 'pdftotext'])).toBe('LibreOffice, pdftoppm and pdftotext (apt-get install libreoffice-calc-nogui poppler-utils)');
  expect(installLine(['chromium'])).toBe('Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
});

it('finds a program on the PATH under any of its names, and CHROMIUM_PATH before the PATH', () => {
  machineWith('libreoffice');
  expect(findProgram('soffice')).toBe(path.join(process.env.PATH!, 'libreoffice'));
  expect(findProgram('pdftotext')).toBeNull();
  process.env.CHROMIUM_PATH = path.join(process.env.PATH!, 'libreoffice');
  expect(findProgram('chromium')).toBe(process.env.CHROMIUM_PATH);
});

it('outside CI, skips with one line naming only what is missing', () => {
  machineWith('soffice');
  delete process.env.CI;
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const guard = needs('the chart test', 'soffice', 'pdftotext');
  expect(guard.test).toBe(test.skip);
  expect(write.mock.calls.map((c) => String(c[0]))).toEqual(['Skipping the chart test: it needs pdftotext (apt-get install poppler-utils).\n']);
});

it('in CI, a missing program fails the test file instead of skipping it', () => {
  machineWith();
  process.env.CI = 'true';
  expect(() => needs('the rendering test', 'soffice')).toThrow('Cannot run the rendering test: it needs LibreOffice (apt-get install libreoffice-calc-nogui); .ci/run installs it in CI.');
});

it('runs the tests when every program is there', () => {
  machineWith('pdftoppm', 'soffice');
  const guard = needs('the rendering test', 'soffice', 'pdftoppm');
  expect(guard.test).toBe(test);
  expect(guard.paths.pdftoppm).toBe(path.join(process.env.PATH!, 'pdftoppm'));
});
