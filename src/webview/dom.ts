/**
 * The only way the panel builds DOM: elements with attributes and children, where every string becomes a text
 * node. Nothing here (or anywhere in the panel) assigns innerHTML, so a layer called `<img src=x onerror=...>`
 * stays text.
 */

export type Child = Node | string | number | null | undefined | false;
type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: readonly (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') element.className = String(value);
    // `style` attributes would need CSP 'unsafe-inline'; styles come from panel.css and the CSSOM only.
    else if (name === 'style') throw new Error('h(): use classes or element.style, never a style attribute');
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly (Child | readonly Child[])[]): void {
  for (const child of children) {
    if (Array.isArray(child)) {
      append(parent, child);
      continue;
    }
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string | number>> = {},
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}

/** A table's head: one row of column headers. */
export function columnHeader(cells: readonly Child[]): HTMLElement {
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      cells.map((cell) => h('th', { scope: 'col' }, cell)),
    ),
  );
}

/** A table from a header row and body rows of text cells; `numeric` columns are right-aligned. */
export function textTable(
  caption: string,
  header: readonly string[],
  rows: readonly (readonly Child[])[],
  numericFrom = 1,
): HTMLTableElement {
  return h(
    'table',
    { class: 'data-table' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        header.map((cell, i) => h('th', { scope: 'col', class: i >= numericFrom ? 'num' : undefined }, cell)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          row.map((cell, i) =>
            i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: i >= numericFrom ? 'num' : undefined }, cell),
          ),
        ),
      ),
    ),
  );
}
