// tel:/sip: links the OS hands to AgentDesk: from our own argv, a second instance's argv (Windows,
// Linux) or macOS's open-url event. Pure apart from holding a small queue until core listens.
// argv is untrusted input: any local program can start a second instance with any arguments.
import { hasControlOrInvisible } from './security/characters.js';

/** The schemes the installers register us for (build/electronBuilder.config.ts `protocols`). */
export const dialSchemes = ['tel:', 'sip:'] as const;
const maxDialUriLength = 256;
const maxQueued = 16;

/** The dial URI in `raw` with its scheme in lower case, or null. */
export function dialUriFrom(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > maxDialUriLength) return null;
  const colon = raw.indexOf(':');
  if (colon < 0) return null;
  const scheme = raw.slice(0, colon + 1).toLowerCase();
  if (!(dialSchemes as readonly string[]).includes(scheme)) return null;
  const rest = raw.slice(colon + 1).replace(/^\/\//, '');
  if (rest === '' || rest.includes(' ') || hasControlOrInvisible(rest)) return null;
  try {
    decodeURIComponent(rest);
  } catch {
    return null;
  }
  return `${scheme}${rest}`;
}

/** Dial URIs among command-line arguments; switches (`--flag=tel:…` too) and everything else are ignored. */
export function dialUrisFromArgv(argv: readonly unknown[]): string[] {
  const found: string[] = [];
  for (const arg of argv.slice(0, 64)) {
    const uri = dialUriFrom(arg);
    if (uri !== null) found.push(uri);
  }
  return found;
}

/**
 * The second instance's argv: the copy it sent as additionalData (requestSingleInstanceLock), which
 * Chromium leaves untouched, else the argv Electron reports (Chromium may reorder and add switches).
 */
export function secondInstanceArgv(argv: readonly string[], additionalData: unknown): readonly unknown[] {
  if (typeof additionalData === 'object' && additionalData !== null && 'argv' in additionalData) {
    const sent = (additionalData as { argv: unknown }).argv;
    if (Array.isArray(sent)) return sent;
  }
  return argv;
}

export type DialUriListener = (uri: string) => void;

/** Holds dial URIs that arrive before core is ready (a tel: link can be what launched us). */
export class LaunchUriQueue {
  private pending: string[] = [];
  private listener: DialUriListener | null = null;

  push(uris: readonly string[]): void {
    for (const uri of uris) {
      if (this.listener) this.listener(uri);
      else this.pending = [...this.pending, uri].slice(-maxQueued);
    }
  }

  /** One listener (core's dialer): it first receives what queued up, then each new URI. */
  listen(listener: DialUriListener): () => void {
    this.listener = listener;
    const queued = this.pending;
    this.pending = [];
    for (const uri of queued) listener(uri);
    return () => {
      if (this.listener === listener) this.listener = null;
    };
  }
}
