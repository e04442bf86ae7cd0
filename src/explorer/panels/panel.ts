/** A panel of the explorer: built once, shown and hidden by the tabs. */
export interface Panel {
  element: HTMLElement;
  /** The tab was opened: resume animations. */
  activate(): void;
  /** The tab was left: pause animations (state is kept). */
  deactivate(): void;
}

/** How the shell lists a panel: its tab id and title, and how to build it. */
export interface PanelEntry {
  id: string;
  title: string;
  create(): Panel;
}
