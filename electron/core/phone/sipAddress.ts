// Unwraps a caller address (SIP From/P-Asserted-Identity value, sip:/sips:/tel: URI, or plain text)
// into its display name and the text that should hold the number. Pure TypeScript, plain Node.
//
// Lenient on purpose: this reads what PBXs and trunks actually send (RFC 3261 §20.10/§25.1,
// RFC 3966), it does not validate SIP. It never throws and never backtracks: each step is one scan.

export interface CallerAddress {
  /** Display name exactly as sent (quotes and backslash escapes removed), not yet normalised. */
  displayName?: string;
  /** The URI scheme, or undefined for plain text. */
  scheme?: 'sip' | 'sips' | 'tel';
  /** The number text: a percent-decoded SIP user part or tel: number, or the plain input. */
  user: string;
  /** SIP host, lower-cased (anonymous.invalid marks an anonymous caller, RFC 3323). */
  host?: string;
  /** The phone-context parameter (RFC 3966 §5.1.5): "+90" or a domain name. */
  phoneContext?: string;
  /** The ext parameter (RFC 3966 §5.1.3), percent-decoded. */
  extension?: string;
}

const uriScheme = /^(sips?|tel)[ \t]*:/i;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Decodes %XX escapes once (never twice: "%2530" stays "%30"). Malformed escapes such as "%Z%45"
 * stay as they are instead of throwing like decodeURIComponent; invalid UTF-8 becomes U+FFFD.
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return utf8.decode(bytes);
  });
}

/** Reads a quoted-string starting at text[0] === '"'; returns its content and where it ended. */
function readQuotedString(text: string): { content: string; end: number } | undefined {
  let content = '';
  for (let i = 1; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      i += 1;
      content += text[i];
    } else if (char === '"') {
      return { content, end: i + 1 };
    } else {
      content += char;
    }
  }
  return undefined;
}

/** Splits "a;b=c;d" into the first part and lower-cased parameter names with percent-decoded values. */
function splitParameters(text: string): { head: string; params: Map<string, string> } {
  const [head = '', ...rest] = text.split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const equals = param.indexOf('=');
    const name = (equals < 0 ? param : param.slice(0, equals)).trim().toLowerCase();
    const value = equals < 0 ? '' : percentDecode(param.slice(equals + 1).trim());
    if (name !== '' && !params.has(name)) params.set(name, value);
  }
  return { head, params };
}

/** Applies the number parameters RFC 3966 defines (phone-context, ext); the others (isub, postd) do not change who called. */
function withNumberParameters(address: CallerAddress, params: Map<string, string>): CallerAddress {
  const phoneContext = params.get('phone-context');
  const extension = params.get('ext');
  if (phoneContext) address.phoneContext = phoneContext;
  if (extension) address.extension = extension;
  return address;
}

/** Reads the inside of <…> or a bare addr-spec: a sip:/sips:/tel: URI, or plain text. */
function parseUriOrText(text: string): CallerAddress {
  const scheme = uriScheme.exec(text);
  if (!scheme) return { user: text };
  const kind = (scheme[1] ?? '').toLowerCase() as 'sip' | 'sips' | 'tel';
  const rest = text.slice(scheme[0].length).trim();

  if (kind === 'tel') {
    // tel:+90-532-123-4567;ext=12;phone-context=… — no host; a stray "?…" or ">" tail is not ours.
    const body = rest.split(/[?>]/, 1)[0] ?? '';
    const { head, params } = splitParameters(body);
    return withNumberParameters({ scheme: kind, user: percentDecode(head).trim() }, params);
  }

  // sip:user[:password]@host[:port][;uri-params][?headers]. '@' may not appear unescaped in the user
  // part, params or headers, so the first '@' ends the userinfo. No '@' means no user part at all.
  const at = rest.indexOf('@');
  if (at < 0) {
    const host =
      rest
        .split(/[;?>:]/, 1)[0]
        ?.trim()
        .toLowerCase() ?? '';
    return { scheme: kind, user: '', host };
  }
  const userinfo = rest.slice(0, at);
  const host =
    rest
      .slice(at + 1)
      .split(/[;?>:]/, 1)[0]
      ?.trim()
      .toLowerCase() ?? '';
  // A telephone-subscriber user part carries tel parameters before the '@':
  // sip:5321234567;phone-context=+90@pbx;user=phone. Split on ';' before decoding: %3B is data.
  const { head, params } = splitParameters(userinfo);
  const withoutPassword = head.split(':', 1)[0] ?? '';
  return withNumberParameters({ scheme: kind, user: percentDecode(withoutPassword).trim(), host }, params);
}

/**
 * Unwraps `"Name" <sip:user@host;params>;tag=…`, `Name <…>`, `<…>`, a bare sip:/sips:/tel: URI, or
 * plain text (returned as `user`). Header parameters after '>' (tag, …) are ignored.
 */
export function parseCallerAddress(input: string): CallerAddress {
  const text = input.trim();

  if (text.startsWith('"')) {
    const quoted = readQuotedString(text);
    if (quoted) {
      const afterName = text.slice(quoted.end).trimStart();
      if (afterName.startsWith('<')) {
        const close = afterName.indexOf('>');
        const inner = afterName.slice(1, close < 0 ? undefined : close).trim();
        return { ...parseUriOrText(inner), displayName: quoted.content };
      }
      // A quoted string and nothing to unwrap: "Restricted", "0532 123 45 67".
      if (afterName === '') return parseUriOrText(quoted.content.trim());
    }
  }

  const open = text.indexOf('<');
  if (open >= 0) {
    const close = text.indexOf('>', open);
    const inner = text.slice(open + 1, close < 0 ? undefined : close).trim();
    const displayName = text.slice(0, open).trim();
    const address = parseUriOrText(inner);
    return displayName === '' ? address : { ...address, displayName };
  }

  return parseUriOrText(text);
}
