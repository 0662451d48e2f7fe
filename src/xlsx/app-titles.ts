import { NS, findPart, relKind, resolveTarget } from './package';
import { PartEdit } from './part-edit';
import { escapeXml } from './xml';
import { attrOf, childOf, childrenOf, nameIn, textOf } from './xml-tree';
import type { ZipPackage } from './zip';

/**
 * docProps/app.xml lists the sheets' names for file browsers. Its list of worksheets is found as
 * the group of titles that names the workbook's worksheets, in order (the group's heading is in
 * the language Excel ran in); when none does, the list is left as it is, as Excel rewrites it.
 */
export async function updateAppTitles(zip: ZipPackage, worksheets: string[], deleted: string[], added: string[]): Promise<void> {
  const rootRels = await zip.read(findPart(zip, '_rels/.rels') ?? '_rels/.rels');
  const rel = rootRels ? new PartEdit(rootRels).root.children.find((c) => relKind(attrOf(c, 'Type') ?? '') === 'extended-properties') : undefined;
  const path = rel ? findPart(zip, resolveTarget('', attrOf(rel, 'Target') ?? '')) : undefined;
  const xml = path ? await zip.read(path) : undefined;
  if (!path || !xml) return;
  const app = new PartEdit(xml);
  const gone = new Set(deleted);
  const pairs = childOf(app.root, NS.extendedProperties, 'HeadingPairs');
  const titles = childOf(app.root, NS.extendedProperties, 'TitlesOfParts');
  const pairVector = pairs && childOf(pairs, NS.docPropsVTypes, 'vector');
  const titleVector = titles && childOf(titles, NS.docPropsVTypes, 'vector');
  if (!pairVector || !titleVector) return;
  const variants = childrenOf(pairVector, NS.docPropsVTypes, 'variant');
  const titleEls = childrenOf(titleVector, NS.docPropsVTypes, 'lpstr');
  let at = 0;
  for (let i = 0; i + 1 < variants.length; i += 2) {
    const countEl = variants[i + 1].children[0];
    const count = countEl ? Number(textOf(xml, countEl)) : NaN;
    if (!countEl || !Number.isInteger(count) || count < 0) return;
    const group = titleEls.slice(at, at + count);
    at += count;
    if (group.length !== worksheets.length || !group.every((el, k) => textOf(xml, el) === worksheets[k])) continue;
    for (const el of group) if (gone.has(textOf(xml, el))) app.remove(el);
    const lpstr = nameIn(titleVector, 'lpstr');
    const text = added.map((n) => `<${lpstr}>${escapeXml(n)}</${lpstr}>`).join('');
    const after = titleEls[at];
    if (text && after) app.before(after, text);
    else if (text) app.append(titleVector, text);
    const removed = group.filter((el) => gone.has(textOf(xml, el))).length;
    if (!removed && !added.length) return;
    const newCount = count - removed + added.length;
    if (newCount !== count) {
      const size = Number(attrOf(titleVector, 'size'));
      if (Number.isInteger(size)) app.setAttr(titleVector, 'size', String(size - count + newCount));
      app.before(countEl, `${xml.slice(countEl.start, countEl.openEnd)}${newCount}</${countEl.name}>`);
      app.remove(countEl);
    }
    zip.write(path, app.text());
    return;
  }
}
