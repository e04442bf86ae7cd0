import { el } from './dom.js';

/** A labelled control whose value can be read and set. */
export interface Control<T> {
  element: HTMLElement;
  readonly value: T;
  set(value: T): void;
}

/**
 * A labelled slider with its value shown beside the label. Native range inputs are keyboard
 * accessible (arrows, Page Up/Down, Home/End); `onChange` fires while dragging.
 */
export function slider(options: { id: string; label: string; min: number; max: number; step: number; value: number; format?: (v: number) => string; onChange: (v: number) => void }): Control<number> {
  const format = options.format ?? ((v: number) => String(v));
  const input = el('input', { type: 'range', id: options.id, min: options.min, max: options.max, step: options.step, value: options.value });
  const output = el('output', { for: options.id, id: `${options.id}-value` }, format(options.value));
  const update = () => {
    output.textContent = format(Number(input.value));
    input.setAttribute('aria-valuetext', output.textContent);
  };
  input.addEventListener('input', () => {
    update();
    options.onChange(Number(input.value));
  });
  update();
  const element = el('div', { class: 'control' }, el('label', { for: options.id }, `${options.label} `, output), input);
  return {
    element,
    get value() {
      return Number(input.value);
    },
    set(value: number) {
      input.value = String(value);
      update();
    },
  };
}

/** A labelled drop-down list. */
export function select<T extends string>(options: { id: string; label: string; choices: Array<{ value: T; label: string }>; value: T; onChange: (v: T) => void }): Control<T> {
  const input = el('select', { id: options.id }, ...options.choices.map((c) => el('option', { value: c.value, selected: c.value === options.value }, c.label)));
  input.addEventListener('change', () => options.onChange(input.value as T));
  const element = el('div', { class: 'control' }, el('label', { for: options.id }, options.label), input);
  return {
    element,
    get value() {
      return input.value as T;
    },
    set(value: T) {
      input.value = value;
    },
  };
}

/** A button (keyboard accessible by nature: Enter and Space press it). */
export function button(options: { id: string; label: string; onClick: () => void; primary?: boolean }): HTMLButtonElement {
  const b = el('button', { type: 'button', id: options.id, class: options.primary ? 'primary' : undefined }, options.label);
  b.addEventListener('click', options.onClick);
  return b;
}

/** A read-only labelled value that updates in place (announced politely to screen readers). */
export function readout(id: string, label: string): { element: HTMLElement; set(text: string): void } {
  const value = el('output', { id, 'aria-live': 'off' }, '–');
  return {
    element: el('div', { class: 'readout' }, el('span', { class: 'readout-label' }, label), value),
    set(text: string) {
      if (value.textContent !== text) value.textContent = text;
    },
  };
}
