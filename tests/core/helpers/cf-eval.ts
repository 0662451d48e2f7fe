import { columnNumber, parseA1 } from '../../../src/core/cells';
import { PRESET_NAMES, presetScheme } from '../../../src/core/schemes';
import type { ConditionalFormat, GeneratedSheet } from '../../../src/core/patch';

/**
 * A small evaluator for the conditional-format formulas BoardPlan writes (AND, OR, NOT, LOWER,
 * TRIM, N, "=", string and number literals, $A5- and A5-style references), with Excel's semantics for
 * them: text compares without regard to case, an empty cell equals "", TRIM collapses inner spaces.
 * It lets tests ask what colour a cell of a plan would show, as Excel decides it; on BoardPlan's own
 * sheets the colours are styles (ratingLookAt).
 */

type Value = string | number | boolean;
export type CellReader = (row: number, col: number) => string | number | boolean | null;

type Token = { kind: 'str' | 'num' | 'ref' | 'name' | 'punct'; text: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ') {
      i++;
    } else if (ch === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`Unterminated string in ${src}`);
        if (src[i] === '"' && src[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (src[i] === '"') {
          i++;
          break;
        } else s += src[i++];
      }
      out.push({ kind: 'str', text: s });
    } else if (/[(),=]/.test(ch)) {
      out.push({ kind: 'punct', text: ch });
      i++;
    } else {
      const m = /^(\$?[A-Z]{1,3}\$?\d+)(?![A-Za-z(])|^([A-Za-z.]+)|^(\d+(?:\.\d+)?)/.exec(src.slice(i));
      if (!m) throw new Error(`Cannot read formula at "${src.slice(i)}"`);
      if (m[1]) out.push({ kind: 'ref', text: m[1] });
      else if (m[2]) out.push({ kind: 'name', text: m[2].toUpperCase() });
      else out.push({ kind: 'num', text: m[3] });
      i += m[0].length;
    }
  }
  return out;
}

function text(v: Value): string {
  return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/**
 * Evaluates `formula` (with or without its leading "=") for the cell `rowOffset` rows below the
 * range's top and `colOffset` columns right of its left edge: references without "$" move by them.
 */
export function evaluate(formula: string, cell: CellReader, rowOffset: number, colOffset = 0): Value {
  const tokens = tokenize(formula.replace(/^=/, ''));
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (t: string) => {
    if (peek()?.text !== t) throw new Error(`Expected ${t} in ${formula}`);
    pos++;
  };
  const primary = (): Value => {
    const t = tokens[pos++];
    if (!t) throw new Error(`Formula ends early: ${formula}`);
    if (t.kind === 'str') return t.text;
    if (t.kind === 'num') return Number(t.text);
    if (t.kind === 'ref') {
      const m = /^(\$?)([A-Z]+)(\$?)(\d+)$/.exec(t.text)!;
      const row = Number(m[4]) + (m[3] ? 0 : rowOffset);
      const col = columnNumber(m[2]) + (m[1] ? 0 : colOffset);
      const v = cell(row, col);
      return v === null ? '' : v;
    }
    if (t.kind === 'name') {
      expect('(');
      const args: Value[] = [];
      if (peek()?.text !== ')') {
        args.push(comparison());
        while (peek()?.text === ',') {
          pos++;
          args.push(comparison());
        }
      }
      expect(')');
      switch (t.text) {
        case 'AND':
          return args.every((a) => a === true);
        case 'OR':
          return args.some((a) => a === true);
        case 'NOT':
          return !args[0];
        case 'LOWER':
          return text(args[0]).toLowerCase();
        case 'TRIM':
          return text(args[0]).replace(/ +/g, ' ').trim();
        case 'N':
          return typeof args[0] === 'number' ? args[0] : 0;
        default:
          throw new Error(`Function ${t.text} is not known to the test evaluator`);
      }
    }
    throw new Error(`Unexpected "${t.text}" in ${formula}`);
  };
  const comparison = (): Value => {
    const left = primary();
    if (peek()?.text === '=') {
      pos++;
      return equal(left, primary());
    }
    return left;
  };
  const result = comparison();
  if (pos !== tokens.length) throw new Error(`Trailing text in ${formula}`);
  return result;
}

function inRange(address: string, row: number, col: number): { top: number; left: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(address);
  if (!m) throw new Error(`Not a range: ${address}`);
  const [left, top, right, bottom] = [columnNumber(m[1]), Number(m[2]), columnNumber(m[3]), Number(m[4])];
  return row >= top && row <= bottom && col >= left && col <= right ? { top, left } : null;
}

/** The rule that colours a cell, as Excel picks it: the first in priority order whose formula holds. */
export function winningRule(rules: ConditionalFormat[], cell: CellReader, row: number, col: number): ConditionalFormat | null {
  for (const rule of rules) {
    const hit = inRange(rule.address, row, col);
    if (hit && evaluate(rule.formula, cell, row - hit.top, col - hit.left) === true) return rule;
  }
  return null;
}

/** Every fill a rating of a preset scheme takes. */
const RATING_FILLS = new Set(PRESET_NAMES.flatMap((name) => presetScheme(name)!.ratings.map((r) => r.fill.toUpperCase())));

/** The rating colours a cell of a generated sheet shows (its fill, font colour and boldness), or null when it shows none. */
export function ratingLookAt(sheet: Pick<GeneratedSheet, 'styles'>, address: string): { fill: string; font?: string; bold?: boolean } | null {
  const look = styleAt(sheet, address);
  return look.fill && RATING_FILLS.has(look.fill.toUpperCase()) ? { fill: look.fill, font: look.font, bold: look.bold } : null;
}

/** The style a cell of a generated sheet ends up with: every style whose range covers it, later ones winning. */
export function styleAt(sheet: Pick<GeneratedSheet, 'styles'>, address: string): GeneratedSheet['styles'][number]['style'] {
  const { row, col } = parseA1(address)!;
  const covers = (a: string) => {
    const [f, t] = a.split(':').map((x) => parseA1(x)!);
    const to = t ?? f;
    return row >= f.row && row <= to.row && col >= f.col && col <= to.col;
  };
  return Object.assign({}, ...sheet.styles.filter((x) => covers(x.address)).map((x) => x.style));
}
