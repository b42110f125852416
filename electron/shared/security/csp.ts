// The Content-Security-Policy for the renderer, in Electron (custom scheme) and host mode (HTTP).
// Runs anywhere. Starts from `default-src 'none'` and opens only what the renderer needs.
export interface CspOptions {
  /** Extra `connect-src` sources, e.g. the host bridge `ws://127.0.0.1:PORT`. */
  connectSources?: readonly string[];
}

/** A CSP source expression we emit ourselves: a scheme, host and optional port, nothing that could end a directive. */
const safeSource = /^(wss?|https?):\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

export function contentSecurityPolicy(options: CspOptions = {}): string {
  for (const source of options.connectSources ?? []) {
    if (!safeSource.test(source)) throw new Error(`Not a safe CSP source: ${JSON.stringify(source)}`);
  }
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    // Ringtones and remote call audio: files we ship, blobs, and WebRTC media streams.
    ['media-src', "'self'", 'blob:', 'mediastream:'],
    ['connect-src', "'self'", ...(options.connectSources ?? [])],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
    ['object-src', "'none'"],
    ['worker-src', "'self'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}
