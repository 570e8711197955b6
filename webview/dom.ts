// Small DOM builders. Text always goes in through textContent, never as markup.

export type Child = Node | string | undefined;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes: Record<string, string> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  fill(element, attributes, children);
  return element;
}

/** A custom element of the toolkit, e.g. 'vscode-button'. */
export function custom(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  fill(element, attributes, children);
  return element;
}

function fill(element: HTMLElement, attributes: Record<string, string>, children: Child[]): void {
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== undefined) {
      element.append(child);
    }
  }
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** A toolkit button (keyboard activation comes with the toolkit element) labelled for screen readers. */
export function button(label: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLElement {
  const b = custom('vscode-button', { 'aria-label': label, ...attributes }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** The value of a toolkit text field or dropdown. */
export function valueOf(element: HTMLElement): string {
  return (element as HTMLElement & { value?: string }).value ?? '';
}

export function setValue(element: HTMLElement, value: string): void {
  (element as HTMLElement & { value: string }).value = value;
}

/** Calls `action` on Enter or Space, as a native button would. */
export function onActivate(element: Element, action: () => void): void {
  element.addEventListener('click', action);
  element.addEventListener('keydown', event => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      action();
    }
  });
}
