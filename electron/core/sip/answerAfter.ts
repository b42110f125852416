// Intercom auto-answer requests in an incoming INVITE: Call-Info `;answer-after=N` (RFC 5373's predecessor,
// used by Asterisk, FreeSWITCH, snom, Yealink) and Alert-Info `;info=alert-autoanswer` (Polycom/BroadSoft,
// with an optional `;delay=N`) or `;answer-after=N`. Plain Node. The headers come off the network: the
// parser reads a bounded prefix and never throws.

/** Seconds a PBX may ask us to wait; anything longer is not an intercom request and is ignored. */
const MAX_ANSWER_AFTER_SEC = 600;
/** Header values longer than this are not inspected further (a hostile INVITE may carry huge ones). */
const MAX_HEADER_CHARS = 2048;
const MAX_HEADERS = 8;

/** What sip.js's IncomingRequestMessage offers (getHeaders returns each header line's raw value). */
interface HeaderSource {
  getHeaders(name: string): string[];
}

function seconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 && value <= MAX_ANSWER_AFTER_SEC ? value : undefined;
}

function headerValues(request: HeaderSource, name: string): string[] {
  try {
    return request
      .getHeaders(name)
      .slice(0, MAX_HEADERS)
      .map((value) => String(value).slice(0, MAX_HEADER_CHARS));
  } catch {
    return [];
  }
}

const answerAfterParam = /(?:^|[;,\s])answer-after\s*=\s*"?(\d{1,6})"?/i;
const autoAnswerInfo = /(?:^|[;,\s])info\s*=\s*"?alert-autoanswer"?/i;
const delayParam = /(?:^|[;,\s])delay\s*=\s*"?(\d{1,6})"?/i;

/**
 * The delay the caller's PBX asks for before we answer, in milliseconds, or undefined when the INVITE
 * asks for nothing. The smallest of several requests wins.
 */
export function requestedAnswerDelayMs(request: HeaderSource): number | undefined {
  const delays: number[] = [];
  for (const value of headerValues(request, 'call-info')) {
    const after = seconds(answerAfterParam.exec(value)?.[1]);
    if (after !== undefined) delays.push(after);
  }
  for (const value of headerValues(request, 'alert-info')) {
    const after = seconds(answerAfterParam.exec(value)?.[1]);
    if (after !== undefined) delays.push(after);
    else if (autoAnswerInfo.test(value)) {
      const delay = delayParam.exec(value)?.[1];
      // A delay that is present but out of range is ignored, like a bad answer-after.
      const wait = delay === undefined ? 0 : seconds(delay);
      if (wait !== undefined) delays.push(wait);
    }
  }
  return delays.length > 0 ? Math.min(...delays) * 1000 : undefined;
}
