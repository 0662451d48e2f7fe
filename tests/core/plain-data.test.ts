import fc from 'fast-check';
import { asOfFacts } from '../../src/core/as-of';
import { assess } from '../../src/core/assess';
import { findDates } from '../../src/core/dates';
import { readPlans } from '../../src/core/plan';
import { parseProgress } from '../../src/core/progress';
import { check, quarterlyReview, refresh, settingsPatch } from '../../src/core/refresh';
import { presetScheme } from '../../src/core/schemes';
import { parseTimescale } from '../../src/core/timescale';
import { validate } from '../../src/core/validate';
import { bathShape, allShapes } from '../fixtures/plans';
import { workbookArbitrary } from '../fixtures/arbitrary';
import { fixtureSnapshot } from '../fixtures/workbook';

/**
 * What the core returns is plain data: object literals and arrays, nothing behind a getter or a
 * private field. A host may copy it, spread it, post it to another window or print it as JSON,
 * and always has the same thing.
 */

const planPeriod = { start: '2015-04-01', end: '2016-03-31' };
const brag = presetScheme('brag')!;

/** Every object and array inside a value, the value included. */
function everyObject(value: unknown, found: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return found;
  found.push(value);
  for (const inner of Object.values(value)) everyObject(inner, found);
  return found;
}

function expectPlain(value: unknown): void {
  expect(structuredClone(value)).toStrictEqual(value);
  expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
  for (const o of everyObject(value)) {
    expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(o));
    if (!Array.isArray(o)) expect({ ...o }).toStrictEqual(o);
  }
}

describe('every type the core returns survives structuredClone, spreading and JSON unchanged', () => {
  const snapshot = fixtureSnapshot(bathShape);
  const result = refresh(snapshot, { today: '2016-03-31', asOf: '2016-03-31', record: true });
  const { plans } = readPlans(snapshot, { planPeriod });

  test.each([
    ['readPlans', () => readPlans(snapshot, { planPeriod })],
    ['validate', () => validate(plans, { planPeriod, asOf: '2016-03-31' })],
    ['assess', () => assess(plans[0].actions[0], { asOf: asOfFacts('2016-03-31'), dueSoonDays: 30, scheme: brag, datedUpdates: true })],
    ['parseTimescale', () => parseTimescale('Jan – Mar 2016', 'General', planPeriod)],
    ['parseProgress', () => parseProgress('Update Dec 15: draft agreed. Update Mar 16: new date June 16', planPeriod)],
    ['findDates', () => findDates('Audit plan by June 2015, report in Q3 2015/16', planPeriod)],
    ['asOfFacts', () => asOfFacts('2016-03-31')],
    ['check', () => check(snapshot, { today: '2016-03-31' })],
    ['quarterlyReview', () => quarterlyReview(snapshot, check(snapshot, { today: '2016-03-31' }))],
    ['settingsPatch', () => settingsPatch(snapshot, result.settings)],
  ])('%s', (_name, make) => {
    expectPlain(make());
  });

  test.each(Object.keys(result))('refresh: %s', (key) => {
    expectPlain(result[key as keyof typeof result]);
  });

  test('a finding spread or cloned keeps its message', () => {
    const [finding] = result.findings;
    expect({ ...finding }.message).toBe(finding.message);
    expect(structuredClone(finding).message).toBe(finding.message);
  });

  test('in every fixture shape, and any workbook', () => {
    for (const fx of allShapes) expectPlain(refresh(fixtureSnapshot(fx), { today: '2016-03-31' }));
    fc.assert(
      fc.property(workbookArbitrary, (workbook) => expectPlain(refresh(workbook, { today: '2016-03-31' }))),
      { numRuns: 50 },
    );
  });
});
