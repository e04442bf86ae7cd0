/** Tiny DOM helpers: the explorer is plain TypeScript and DOM, no framework. */

type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * Create an element with attributes (`class`, `aria-*`, `data-*`, ...) and children.
 * @example el('p', { class: 'note' }, 'hello')
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children);
  return element;
}

/** Format a number for a readout: fixed digits, a real minus sign, '–' for non-finite values. */
export function formatValue(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  return value.toFixed(digits).replace(/^-/, '−');
}
