import type { ConditionalFormat } from '../core/patch';
import { ruleFormat } from './cell-xml';
import type { RuleBlock, Scan } from './sheet-scan';
import { insertionPoint } from './sheet-scan';
import type { StyleBook } from './styles';
import { escapeXml } from './xml';
import { type Splice } from './xml-tree';

/**
 * BoardPlan's conditional formats in a plan sheet: its old rules (marked N("BoardPlan")) are taken
 * out, alone or from a block they share with the user's; its new ones are added after the user's,
 * ranked below every rule the user has, x14 ones included.
 */

/** The worksheet's children that come after <conditionalFormatting>, in the schema's order. */
const AFTER_RULES = [
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF',
  'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
];

export function writeRules(scan: Scan, rules: ConditionalFormat[], styles: StyleBook, splices: Splice[]): number {
  const { p } = scan;
  let operations = 0;
  let lastKept: RuleBlock | undefined;
  for (const block of scan.ruleBlocks) {
    const ours = block.rules.filter((r) => r.ours);
    if (!ours.length) {
      lastKept = block;
      continue;
    }
    operations += ours.length;
    if (ours.length === block.rules.length) splices.push({ start: block.start, end: block.end, text: '' });
    else {
      lastKept = block;
      for (const rule of ours) splices.push({ start: rule.start, end: rule.end, text: '' });
    }
  }
  if (!rules.length) return operations;
  // One element per range, rules in the patch's order (the first wins where they overlap), ranked
  // after the user's own rules.
  let priority = scan.userPriority;
  const byRange = new Map<string, string[]>();
  for (const rule of rules) {
    const dxfId = styles.dxf(ruleFormat(styles, rule));
    const formula = escapeXml(rule.formula.replace(/^=/, ''));
    const list = byRange.get(rule.address) ?? [];
    list.push(`<${p}cfRule type="expression" dxfId="${dxfId}" priority="${++priority}"><${p}formula>${formula}</${p}formula></${p}cfRule>`);
    byRange.set(rule.address, list);
  }
  const text = [...byRange].map(([ref, list]) => `<${p}conditionalFormatting sqref="${escapeXml(ref)}">${list.join('')}</${p}conditionalFormatting>`).join('');
  const at = lastKept ? lastKept.end : insertionPoint(scan, AFTER_RULES);
  splices.push({ start: at, end: at, text });
  return operations + rules.length;
}
