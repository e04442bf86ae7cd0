import katex from 'katex';
import 'katex/dist/katex.min.css';
import { el } from './dom.js';

/**
 * A formula typeset by KaTeX (HTML for sight plus MathML for screen readers), bundled with its
 * fonts, so it renders offline.
 * @example formula('p(s) = e^{-\\beta E(s)} / Z', true)
 */
export function formula(tex: string, display = true): HTMLElement {
  const holder = el(display ? 'div' : 'span', { class: display ? 'formula' : 'formula-inline' });
  katex.render(tex, holder, { displayMode: display, throwOnError: true, output: 'htmlAndMathml' });
  return holder;
}
