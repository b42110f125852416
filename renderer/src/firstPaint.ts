// Performance marks for `npm run bench` (start-up time). Runs in Chromium.
//   agentdesk:first-paint     the console frame's first render committed (before any bridge answer)
//   agentdesk:settings-ready  the first settings:get answer applied (the frame now shows real values)
export const firstPaintMark = 'agentdesk:first-paint';
export const settingsReadyMark = 'agentdesk:settings-ready';

/** Marks `name` once per page load (StrictMode runs effects twice in development). */
export function markOnce(name: string): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

export function markFirstPaint(): void {
  markOnce(firstPaintMark);
}
