// Test support (vitest + happy-dom): mount React trees with react-dom/client and act, find elements by
// their accessible names, type and press keys the way React sees it. No @testing-library here.
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  container: HTMLElement;
  root: Root;
  unmount: () => void;
}

const mounted = new Set<Mounted>();

export async function mount(element: ReactElement): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(element));
  await settle();
  const handle: Mounted = {
    container,
    root,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
      mounted.delete(handle);
    },
  };
  mounted.add(handle);
  return handle;
}

export function unmountAll(): void {
  for (const handle of [...mounted]) handle.unmount();
}

/** Lets pending promises (fake commands answer asynchronously) and the effects they trigger run. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

function textOf(id: string): string {
  return id
    .split(/\s+/)
    .map((part) => document.getElementById(part)?.textContent?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
}

/**
 * A simplified accessible-name computation (aria-labelledby, aria-label, <label for>, wrapping label,
 * then text content) — enough for the controls this UI uses.
 */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return textOf(labelledBy);
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  if (element.id) {
    const forLabel = element.ownerDocument.querySelector(`label[for="${CSS.escape(element.id)}"]`);
    if (forLabel) return forLabel.textContent?.trim() ?? '';
  }
  const wrapping = element.closest('label');
  if (wrapping) return wrapping.textContent?.trim() ?? '';
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) {
    return '';
  }
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function describedByText(element: Element): string {
  const ids = element.getAttribute('aria-describedby');
  return ids ? textOf(ids) : '';
}

/** All elements matching `selector` whose accessible name is `name`, searched in the whole document. */
export function allByName(selector: string, name: string | RegExp): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(selector)).filter((element) => {
    const actual = accessibleName(element);
    return typeof name === 'string' ? actual === name : name.test(actual);
  });
}

export function byName<T extends HTMLElement = HTMLElement>(selector: string, name: string | RegExp): T {
  const found = allByName(selector, name);
  if (found.length !== 1) {
    const names = Array.from(document.querySelectorAll(selector)).map((element) => accessibleName(element));
    throw new Error(`expected one ${selector} named ${String(name)}, found ${found.length} among: ${JSON.stringify(names)}`);
  }
  return found[0] as T;
}

export const button = (name: string | RegExp) => byName<HTMLButtonElement>('button', name);
/** Landmark regions: <section> with a name, <main> with a name. */
export const region = (name: string | RegExp) => byName('section[aria-labelledby], section[aria-label], main', name);

export function bodyText(): string {
  return (document.body.textContent ?? '').replace(/\s+/g, ' ');
}

export async function click(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.click();
  });
  await settle();
}

/** Sets a value the way typing does, so React's onChange fires (it ignores plain `.value =`). */
export async function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  await act(async () => {
    setter?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settle();
}

export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

export async function submit(form: HTMLFormElement): Promise<void> {
  await act(async () => {
    form.requestSubmit();
  });
  await settle();
}

export async function pressKey(
  key: string,
  init: KeyboardEventInit = {},
  target: EventTarget = document.activeElement ?? document.body,
): Promise<void> {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
  await settle();
}
