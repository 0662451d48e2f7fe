import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The programs some tests run (Chromium, LibreOffice, poppler), found on this machine or not. A
 * test asks for every program it runs; where one is missing it is skipped with one line naming
 * what to install, except in CI, where `.ci/run` installs them all and a missing one is a failure.
 */

interface Program {
  /** What the officer's machine calls it in the line that says what to install. */
  title: string;
  /** Names to look for on the PATH, in order. */
  names: string[];
  /** An environment variable that may give its full path instead. */
  env?: string;
  /** The Debian package that brings it. */
  debian: string;
}

const PROGRAMS = {
  chromium: { title: 'Chromium', names: ['chromium', 'chromium-browser'], env: 'CHROMIUM_PATH', debian: 'chromium' },
  soffice: { title: 'LibreOffice', names: ['soffice', 'libreoffice'], debian: 'libreoffice-calc-nogui' },
  pdftoppm: { title: 'pdftoppm', names: ['pdftoppm'], debian: 'poppler-utils' },
  pdftotext: { title: 'pdftotext', names: ['pdftotext'], debian: 'poppler-utils' },
} satisfies Record<string, Program>;

/**
 * Fonts a printing test measures with: LibreOffice prints Calibri and Arial with their metric twins,
 * so a page's text comes out as Excel prints it only where they are installed.
 */
interface Font {
  title: string;
  /** Family names (as fc-list gives them) that will do. */
  families: RegExp;
  debian: string;
}

const FONTS = {
  carlito: { title: 'the Carlito font', families: /\b(Carlito|Calibri)\b/i, debian: 'fonts-crosextra-carlito' },
  liberationSans: { title: 'the Liberation Sans font', families: /\b(Liberation Sans|Arial)\b/i, debian: 'fonts-liberation2' },
} satisfies Record<string, Font>;

export type ProgramName = keyof typeof PROGRAMS;
export type FontName = keyof typeof FONTS;
type Requirement = ProgramName | FontName;

const isFont = (r: Requirement): r is FontName => r in FONTS;

let installedFamilies: string | null = null;

function hasFont(name: FontName): boolean {
  if (installedFamilies === null) {
    const fcList = findOnPath(['fc-list']);
    try {
      installedFamilies = fcList ? execFileSync(fcList, [':', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) : '';
    } catch {
      installedFamilies = '';
    }
  }
  return (FONTS[name] as Font).families.test(installedFamilies);
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The full path of a program, or null when this machine does not have it. */
export function findProgram(name: ProgramName): string | null {
  const program: Program = PROGRAMS[name];
  const given = program.env ? process.env[program.env] : undefined;
  if (given) return executable(given) ? given : null;
  return findOnPath(program.names);
}

function findOnPath(names: string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const n of names) {
    for (const dir of dirs) {
      const file = path.join(dir, n);
      if (executable(file)) return file;
    }
  }
  return null;
}

/** "LibreOffice and pdftotext (apt-get install libreoffice-calc-nogui poppler-utils)" */
export function installLine(missing: Requirement[]): string {
  const about = (m: Requirement): Program | Font => (isFont(m) ? FONTS[m] : PROGRAMS[m]);
  const titles = missing.map((m) => about(m).title);
  const listed = titles.length > 1 ? `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}` : titles[0];
  const packages = [...new Set(missing.map((m) => about(m).debian))];
  const env = missing.filter((m): m is ProgramName => !isFont(m)).map((m) => PROGRAMS[m] as Program).find((p) => p.env);
  return `${listed} (apt-get install ${packages.join(' ')}${env ? `, or set ${env.env}` : ''})`;
}

export interface Needed {
  /** Every program's full path; only to be read inside the tests it guards. */
  paths: Record<ProgramName, string>;
  /** `describe`, or `describe.skip` when a program is missing outside CI. */
  describe: jest.Describe;
  /** `test`, or `test.skip` when a program is missing outside CI. */
  test: jest.It;
}

/**
 * The programs a test file runs: `const { test, paths } = needs('the rendering test', 'soffice', 'pdftoppm')`.
 * Outside CI a missing program skips those tests with one line on stderr; in CI it fails the file.
 */
export function needs(what: string, ...requirements: Requirement[]): Needed {
  const programs = requirements.filter((r): r is ProgramName => !isFont(r));
  const found = programs.map((p) => [p, findProgram(p)] as const);
  const missing: Requirement[] = [
    ...found.filter(([, file]) => !file).map(([p]) => p),
    ...requirements.filter(isFont).filter((f) => !hasFont(f)),
  ];
  const paths = Object.fromEntries(found.map(([p, file]) => [p, file ?? ''])) as Record<ProgramName, string>;
  if (!missing.length) return { paths, describe, test };
  const line = `${what}: it needs ${installLine(missing)}`;
  if (process.env.CI) throw new Error(`Cannot run ${line}; .ci/run installs it in CI.`);
  // One line, not console.warn, which Jest prints with a stack trace under it.
  process.stderr.write(`Skipping ${line}.\n`);
  return { paths, describe: describe.skip, test: test.skip };
}
