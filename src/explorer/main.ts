import './style.css';
import { el } from './ui/dom.js';
import { PANELS } from './panels/index.js';
import type { Panel } from './panels/panel.js';

// The explorer shell: one tab per panel (WAI-ARIA tabs: arrow keys move between tabs, Home/End
// jump), panels built on first visit, the open tab kept in the URL hash for links.

const app = document.getElementById('app') as HTMLElement;
const tabs = el('div', { role: 'tablist', 'aria-label': 'Explorer panels', class: 'tabs' });
const built = new Map<string, Panel>();
const holders = new Map<string, HTMLElement>();
let current: string | undefined;

for (const entry of PANELS) {
  const tab = el('button', { role: 'tab', id: `tab-${entry.id}`, 'aria-controls': `panel-${entry.id}`, 'aria-selected': 'false', tabindex: '-1', type: 'button' }, entry.title);
  tab.addEventListener('click', () => open(entry.id, true));
  tabs.append(tab);
  const holder = el('section', { role: 'tabpanel', id: `panel-${entry.id}`, 'aria-labelledby': `tab-${entry.id}`, hidden: true, class: 'panel' }, el('h2', {}, entry.title));
  holders.set(entry.id, holder);
}

tabs.addEventListener('keydown', (event) => {
  const ids = PANELS.map((p) => p.id);
  const index = ids.indexOf(current ?? ids[0]);
  const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ids.length - 1 }[event.key];
  if (target === undefined) return;
  event.preventDefault();
  open(ids[(target + ids.length) % ids.length], true);
});

function open(id: string, focus = false): void {
  if (id === current) return;
  const entry = PANELS.find((p) => p.id === id) ?? PANELS[0];
  if (current) {
    built.get(current)?.deactivate();
    (holders.get(current) as HTMLElement).hidden = true;
    const previousTab = document.getElementById(`tab-${current}`) as HTMLElement;
    previousTab.setAttribute('aria-selected', 'false');
    previousTab.tabIndex = -1;
  }
  current = entry.id;
  const holder = holders.get(entry.id) as HTMLElement;
  let panel = built.get(entry.id);
  if (!panel) {
    panel = entry.create();
    built.set(entry.id, panel);
    holder.append(panel.element);
  }
  holder.hidden = false;
  const tab = document.getElementById(`tab-${entry.id}`) as HTMLElement;
  tab.setAttribute('aria-selected', 'true');
  tab.tabIndex = 0;
  if (focus) tab.focus();
  history.replaceState(null, '', `#${entry.id}`);
  panel.activate();
}

app.append(
  el('header', { class: 'site-header' }, el('h1', {}, 'gibbs explorer'), el('p', { class: 'tagline' }, 'Statistical mechanics and machine learning, live in the browser: the gibbs library’s own kernels, running in Web Workers.'), tabs),
  el('main', {}, ...holders.values()),
);
open(location.hash.slice(1) || PANELS[0].id);
