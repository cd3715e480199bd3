/**
 * The view switcher: an ARIA tablist with a roving tabindex. Tab reaches the active tab; the arrow keys, Home
 * and End move between tabs and switch the view; the tab panel itself is the next Tab stop.
 */
import { clear, h } from './dom';
import { VIEW_TITLES, type ViewId } from './ui-state';

export const VIEW_PANEL_ID = 'view-panel';

export class Tabs {
  readonly element: HTMLElement;
  private views: readonly ViewId[] = [];
  private active: ViewId | undefined;
  private labels: Partial<Record<ViewId, string>> = {};

  constructor(private readonly onSelect: (view: ViewId) => void) {
    this.element = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Distillery views' });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  set(views: readonly ViewId[], active: ViewId, labels: Partial<Record<ViewId, string>>): void {
    const focused = this.element.contains(document.activeElement);
    this.views = views;
    this.active = active;
    this.labels = labels;
    clear(this.element);
    for (const view of views) {
      const selected = view === active;
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${view}`,
          'aria-selected': String(selected),
          'aria-controls': VIEW_PANEL_ID,
          tabindex: selected ? 0 : -1,
          'data-view': view,
        },
        this.labels[view] ?? VIEW_TITLES[view],
      );
      tab.addEventListener('click', () => this.onSelect(view));
      this.element.appendChild(tab);
    }
    if (focused) this.focusActive();
  }

  focusActive(): void {
    if (this.active) this.element.querySelector<HTMLElement>(`#tab-${this.active}`)?.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.active || this.views.length === 0) return;
    const index = this.views.indexOf(this.active);
    const last = this.views.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const view = this.views[next];
    if (!view) return;
    this.onSelect(view);
    this.focusActive();
  }
}
