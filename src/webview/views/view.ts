/** What every view of the panel provides: its root element, and cleanup of charts when it is replaced. */
export interface View {
  readonly element: HTMLElement;
  dispose(): void;
}

/** A view with nothing to show yet, saying what it is waiting for. */
export function placeholder(text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'placeholder';
  p.textContent = text;
  return p;
}
