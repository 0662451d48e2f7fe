import fc from 'fast-check';
import { cellText } from '../../src/xlsx/cell-xml';
import { decodeEscapes, sharedStrings } from '../../src/xlsx/values';
import { XmlCursor, XmlError, escapeXml, unescapeXml } from '../../src/xlsx/xml';
import { parseXml, spliced, textOf } from '../../src/xlsx/xml-tree';

/** The namespace-aware reader every part of a package is read with. */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

describe('reading elements by namespace, whatever their prefix', () => {
  test.each([
    ['the default namespace', `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`],
    ['an x: prefix', `<x:worksheet xmlns:x="${MAIN}"><x:sheetData/></x:worksheet>`],
    ['a prefix declared on the element itself', `<worksheet xmlns="urn:other"><s:sheetData xmlns:s="${MAIN}"/></worksheet>`],
  ])('%s', (_name, xml) => {
    const root = parseXml(xml);
    expect(root.children[0]).toMatchObject({ local: 'sheetData', ns: MAIN });
  });

  test('an unprefixed attribute has no namespace; a prefixed one has its prefix’s', () => {
    const root = parseXml(`<sheet xmlns="${MAIN}" xmlns:rel="urn:rels" name="Plan" rel:id="rId1"/>`);
    expect(root.attrs.filter((a) => !a.name.startsWith('xmlns')).map((a) => [a.local, a.ns, a.value])).toEqual([
      ['name', '', 'Plan'],
      ['id', 'urn:rels', 'rId1'],
    ]);
  });

  test('a prefix never declared is a damaged part, said as such', () => {
    expect(() => parseXml('<x:worksheet><x:sheetData/></x:worksheet>')).toThrow(XmlError);
  });

  test('text: entities, character references, CDATA; comments left out; line ends as XML reads them', () => {
    const xml = '<t>a &amp; b&#10;c<!-- note --><![CDATA[<d>]]>\r\ne&#13;</t>';
    const cursor = new XmlCursor(xml);
    cursor.next();
    expect(cursor.text()).toBe('a & b\nc<d>\ne\r');
  });

  test('a ">" inside an attribute value does not end its tag', () => {
    const root = parseXml('<f a="x > y" b=\'>\'><g/></f>');
    expect(root.attrs.map((a) => a.value)).toEqual(['x > y', '>']);
    expect(root.children.map((c) => c.local)).toEqual(['g']);
  });

  test('a DOCTYPE is passed over and its entities are never expanded', () => {
    const xml = '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>';
    expect(textOf(xml, parseXml(xml).children[0])).toBe('&b;');
  });
});

describe('the reader on any input', () => {
  test('gives a tree or an XmlError, never anything else, and always ends', () => {
    const piece = fc.constantFrom('<a>', '</a>', '<b x="1">', '</b>', '<c/>', '<x:d xmlns:x="u">', '</x:d>', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#x41;', '"', "'", '>', '<', 'text', '<?pi?>', '<!DOCTYPE [', ']>');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 30 }), (pieces) => {
        try {
          parseXml(pieces.join(''));
        } catch (err) {
          expect(err).toBeInstanceOf(XmlError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('well-formed elements read back as they were built', () => {
    type Node = { name: string; attr: string; children: Node[]; text: string };
    const node: fc.Memo<Node> = fc.memo((depth) =>
      fc.record({
        name: fc.constantFrom('row', 'c', 'x:v', 'is'),
        attr: fc.string({ maxLength: 8 }),
        children: depth > 1 ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant([]),
        text: fc.string({ maxLength: 8 }),
      }),
    );
    const write = (n: Node): string =>
      `<${n.name} a="${escapeXml(n.attr)}">${n.children.length ? n.children.map(write).join('') : escapeXml(n.text)}</${n.name}>`;
    fc.assert(
      fc.property(node(3), (n) => {
        const xml = `<root xmlns:x="u">${write(n)}</root>`;
        const el = parseXml(xml).children[0];
        expect(el.name).toBe(n.name);
        expect(el.attrs[0].value).toBe(n.attr);
        if (!n.children.length) expect(textOf(xml, el)).toBe(n.text.replace(/\r\n?/g, '\n'));
        expect(el.children.map((c) => c.name)).toEqual(n.children.map((c) => c.name));
      }),
    );
  });
});

describe('text BoardPlan writes in a cell', () => {
  test('reads back exactly as written, whatever it holds (control characters, "_x000D_", ampersands, line ends)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('_x000D_', 'a\r\nb', '_x005F_x0041_', '&amp;', '\u0001\u001f')), (text) => {
        const xml = `<sst xmlns="${MAIN}"><si><t xml:space="preserve">${cellText(text)}</t></si></sst>`;
        expect(sharedStrings(xml)).toEqual([text]);
      }),
      { numRuns: 1000 },
    );
  });

  test('escapes read as Excel writes them', () => {
    expect(decodeEscapes('Line_x000D_\nnext')).toBe('Line\r\nnext');
    expect(decodeEscapes('_x005F_x000D_')).toBe('_x000D_');
    expect(unescapeXml('&lt;b&gt; &#x1F600;')).toBe('<b> 😀');
  });
});

describe('splices', () => {
  test('are made in place, insertions at one place kept in order, and overlapping ones refused', () => {
    expect(spliced('<a></a>', [{ start: 3, end: 3, text: '1' }, { start: 3, end: 3, text: '2' }])).toBe('<a>12</a>');
    expect(() => spliced('abcdef', [{ start: 1, end: 4, text: '' }, { start: 2, end: 5, text: '' }])).toThrow();
  });
});
