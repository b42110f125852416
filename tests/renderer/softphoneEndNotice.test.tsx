// Why a call ended, in the softphone bar: outbound refusals (busy, not found, unreachable, declined, no answer),
// lost media and network codes as a polite status notice with Redial and Dismiss, the dialled number back in the
// field, nothing after a normal hang-up; and softphone command failures in words instead of the bare error code.
// The endReason / hungUpBy / sipCode combinations are the ones core's SipService produces (tests/node/sip).
// vitest + happy-dom.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../electron/shared/ipc/result.js';
import { softphoneFailureDetails, type CallView } from '../../electron/shared/ipc/softphone.js';
import { AgentDeskApp } from '../../renderer/src/components/AgentDeskApp.js';
import { callEndKind, type CallEndKind } from '../../renderer/src/softphone/callEndNotice.js';
import { NOTICE_MS } from '../../renderer/src/softphone/CallEndNotice.js';
import { activeInboundCall, fixtureTime } from './support/callViews.js';
import { allByName, button, byName, click, mount, region, settle, submit, typeInto, unmountAll } from './support/dom.js';
import { createFakeDesk, type FakeDesk } from './support/fakeDesk.js';

afterEach(() => {
  vi.useRealTimers();
  unmountAll();
});

const typed = '0532 123 45 67';

function outbound(id: string, overrides: Partial<CallView> = {}): CallView {
  return {
    ...activeInboundCall({ id }),
    direction: 'outbound',
    state: 'dialing',
    remoteUri: 'sip:+905321234567@lab.test',
    answeredAt: undefined,
    ...overrides,
  };
}

function ended(call: CallView, end: Pick<CallView, 'endReason' | 'hungUpBy'> & Partial<CallView>): CallView {
  return { ...call, state: 'ended', endedAt: fixtureTime + 5000, at: fixtureTime + 5000, ...end };
}

async function openDesk(language = 'en', calls: CallView[] = []): Promise<FakeDesk> {
  const desk = createFakeDesk();
  desk.override('sip:status', () => ok({ state: 'registered', dnd: false, at: fixtureTime }));
  desk.override('calls:list', () => ok(calls));
  await mount(<AgentDeskApp bridge={desk.bridge} preferredLanguages={[language]} />);
  await settle();
  return desk;
}

const dialField = () => byName<HTMLInputElement>('input', /^(Number to dial|Aranacak numara|Номер для вызова)$/);
const notice = () => document.querySelector<HTMLElement>('.call-end-notice-text');
const noticeText = () => (notice()?.textContent ?? '').replace(/\s+/g, ' ').trim();
const dialArgs = (desk: FakeDesk) => desk.calls.filter((c) => c.name === 'calls:dial').map((c) => c.args);

/** Types a number, dials it (core answers 'dialing' and announces it) and lets the far end end the call as `end`. */
async function dialAndEnd(desk: FakeDesk, end: Pick<CallView, 'endReason' | 'hungUpBy'> & Partial<CallView>, id = 'o1') {
  const dialing = outbound(id);
  desk.override('calls:dial', () => ok(dialing));
  await typeInto(dialField(), typed);
  await submit(dialField().form!);
  desk.emit('calls:state', dialing);
  expect(dialField().value).toBe('');
  desk.emit('calls:state', ended(dialing, end));
  await settle();
}

describe('the notice of a call that ended badly', () => {
  it('says an outbound call was refused busy, politely, puts the number back and redials it', async () => {
    const desk = await openDesk();
    await dialAndEnd(desk, { endReason: 'busy', hungUpBy: 'remote', sipCode: 486 });

    const status = notice()!;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.closest('section')).toBe(region('Softphone'));
    expect(noticeText()).toBe('Call to +905321234567: The line is busy.');
    expect(dialField().value).toBe(typed);

    const redial = button(`Redial ${typed}`);
    expect(redial.textContent).toBe('Redial');
    expect(redial.tabIndex).toBe(0);
    const again = outbound('o2');
    desk.override('calls:dial', () => ok(again));
    await click(redial);
    expect(dialArgs(desk)).toEqual([{ target: typed }, { target: typed }]);
    expect(dialField().value).toBe('');
    expect(document.activeElement).toBe(dialField());
    // The next call starts: the notice has done its job.
    desk.emit('calls:state', again);
    await settle();
    expect(noticeText()).toBe('');
    expect(allByName('button', /^Redial/)).toEqual([]);
  });

  it.each([
    [{ endReason: 'unreachable', hungUpBy: 'remote', sipCode: 404 }, 'This number does not exist or is no longer in service.'],
    [{ endReason: 'unreachable', hungUpBy: 'remote', sipCode: 480 }, 'The number cannot be reached right now.'],
    [{ endReason: 'unreachable', hungUpBy: 'remote', sipCode: 408 }, 'Nobody answered.'],
    [{ endReason: 'rejected', hungUpBy: 'remote', sipCode: 603 }, 'The other side declined the call.'],
    [{ endReason: 'rejected', hungUpBy: 'remote', sipCode: 503 }, 'The number cannot be reached right now.'],
    [{ endReason: 'rejected', hungUpBy: 'remote', sipCode: 484 }, 'The number is incomplete or not valid. Check it and dial again.'],
    [{ endReason: 'rejected', hungUpBy: 'remote', sipCode: 488 }, 'The network ended the call (SIP 488).'],
    [{ endReason: 'failed', hungUpBy: 'system' }, 'The call could not be set up (network or audio failure).'],
  ] as const)('explains %j in plain words and offers Redial', async (end, sentence) => {
    const desk = await openDesk();
    await dialAndEnd(desk, end);
    expect(noticeText()).toBe(`Call to +905321234567: ${sentence}`);
    expect(allByName('button', `Redial ${typed}`)).toHaveLength(1);
  });

  it('says when an answered call lost its media, for an incoming call too (without Redial)', async () => {
    const live = activeInboundCall({ id: 'i1', displayName: 'Ayşe Kaya' });
    const desk = await openDesk('en', [live]);
    desk.emit('calls:state', ended(live, { endReason: 'failed', hungUpBy: 'system' }));
    await settle();
    expect(noticeText()).toBe('Call from Ayşe Kaya: The connection was lost (network or audio failure).');
    expect(allByName('button', /^Redial/)).toEqual([]);
    expect(dialField().value).toBe('');
  });

  it('says nothing after a normal hang-up, a cancel of our own, or a call refused before it rang', async () => {
    const desk = await openDesk();
    await dialAndEnd(desk, { endReason: 'completed', hungUpBy: 'remote', answeredAt: fixtureTime + 1000 });
    await dialAndEnd(desk, { endReason: 'completed', hungUpBy: 'local', answeredAt: fixtureTime + 1000 }, 'o2');
    await dialAndEnd(desk, { endReason: 'cancelled', hungUpBy: 'local' }, 'o3');
    // Every line busy: core refuses the caller and only announces the end.
    desk.emit('calls:state', ended({ ...activeInboundCall({ id: 'i9', line: 0 }), answeredAt: undefined }, {
      endReason: 'lines-busy',
      hungUpBy: 'system',
      sipCode: 486,
    }));
    await settle();
    expect(noticeText()).toBe('');
    expect(document.querySelector('.call-end-notice:not(.call-end-notice-empty)')).toBeNull();
    expect(dialField().value).toBe('');
  });

  it('keeps an edited dial field as the operator left it', async () => {
    const desk = await openDesk();
    const dialing = outbound('o1');
    desk.override('calls:dial', () => ok(dialing));
    await typeInto(dialField(), typed);
    await submit(dialField().form!);
    desk.emit('calls:state', dialing);
    await typeInto(dialField(), '1002');
    desk.emit('calls:state', ended(dialing, { endReason: 'busy', hungUpBy: 'remote', sipCode: 486 }));
    await settle();
    expect(dialField().value).toBe('1002');
    expect(allByName('button', `Redial ${typed}`)).toHaveLength(1);
  });

  it('puts back what the operator typed when the call ended before calls:dial answered', async () => {
    const desk = await openDesk();
    const dialing = outbound('o1');
    let answerDial: (result: ReturnType<typeof ok>) => void = () => {};
    desk.override('calls:dial', () => new Promise((resolve) => (answerDial = resolve)));
    await typeInto(dialField(), typed);
    await submit(dialField().form!);
    desk.emit('calls:state', dialing);
    desk.emit('calls:state', ended(dialing, { endReason: 'busy', hungUpBy: 'remote', sipCode: 486 }));
    await settle();
    // Core's number first: the dial has not said which text it was for yet.
    expect(dialField().value).toBe('+905321234567');

    await act(async () => answerDial(ok(dialing)));
    await settle();
    expect(dialField().value).toBe(typed);
    expect(allByName('button', `Redial ${typed}`)).toHaveLength(1);
  });

  it('keeps a field edited before calls:dial answered for a call that already ended', async () => {
    const desk = await openDesk();
    const dialing = outbound('o1');
    let answerDial: (result: ReturnType<typeof ok>) => void = () => {};
    desk.override('calls:dial', () => new Promise((resolve) => (answerDial = resolve)));
    await typeInto(dialField(), typed);
    await submit(dialField().form!);
    desk.emit('calls:state', dialing);
    desk.emit('calls:state', ended(dialing, { endReason: 'busy', hungUpBy: 'remote', sipCode: 486 }));
    await settle();
    await typeInto(dialField(), '1002');

    await act(async () => answerDial(ok(dialing)));
    await settle();
    expect(dialField().value).toBe('1002');
    expect(allByName('button', `Redial ${typed}`)).toHaveLength(1);
  });

  it('keeps the number when the dial itself is refused', async () => {
    const desk = await openDesk();
    desk.override('calls:dial', () => fail('invalid_args', 'Cannot dial this number (too-short)', softphoneFailureDetails('invalid-number')));
    await typeInto(dialField(), '12');
    await submit(dialField().form!);
    expect(dialField().value).toBe('12');
    expect(region('Softphone').querySelector('[role="alert"]')?.textContent).toBe(
      'The phone could not do that: This number cannot be dialled. Check it and try again.',
    );
  });

  it('goes away when dismissed (focus back in the dial field) or after a while, not while focused', async () => {
    const desk = await openDesk();
    await dialAndEnd(desk, { endReason: 'busy', hungUpBy: 'remote', sipCode: 486 });
    const dismiss = button('Dismiss this notice');
    expect(dismiss.textContent).toBe('Dismiss');
    await click(dismiss);
    expect(noticeText()).toBe('');
    expect(document.activeElement).toBe(dialField());

    await typeInto(dialField(), '');
    await dialAndEnd(desk, { endReason: 'rejected', hungUpBy: 'remote', sipCode: 603 }, 'o2');
    vi.useFakeTimers();
    // Focus on Redial holds the notice: the operator is about to use it.
    act(() => button(`Redial ${typed}`).focus());
    act(() => vi.advanceTimersByTime(NOTICE_MS + 1000));
    expect(noticeText()).toContain('declined');
    act(() => dialField().focus());
    act(() => vi.advanceTimersByTime(NOTICE_MS - 1000));
    expect(noticeText()).toContain('declined');
    act(() => vi.advanceTimersByTime(1000));
    expect(noticeText()).toBe('');
  });

  it.each([
    ['tr', 'Giden arama (+905321234567): Hat meşgul.', '0532 123 45 67 numarasını yeniden ara'],
    ['ru', 'Исходящий вызов (+905321234567): Линия занята.', 'Повторить вызов: 0532 123 45 67'],
  ])('speaks %s', async (language, sentence, redialName) => {
    const desk = await openDesk(language);
    await dialAndEnd(desk, { endReason: 'busy', hungUpBy: 'remote', sipCode: 486 });
    expect(noticeText()).toBe(sentence);
    expect(allByName('button', redialName)).toHaveLength(1);
  });
});

describe('callEndKind', () => {
  const call = (end: Partial<CallView>, direction: CallView['direction'] = 'outbound') =>
    ended(outbound('x', { direction }), { endReason: 'rejected', hungUpBy: 'remote', ...end });
  it.each<[Partial<CallView>, CallView['direction'], CallEndKind | null]>([
    [{ endReason: 'busy', sipCode: 600 }, 'outbound', 'busy'],
    [{ endReason: 'unreachable', sipCode: 410 }, 'outbound', 'notFound'],
    [{ endReason: 'unreachable', sipCode: 604 }, 'outbound', 'notFound'],
    [{ endReason: 'rejected', sipCode: 403 }, 'outbound', 'forbidden'],
    [{ endReason: 'rejected', sipCode: 487 }, 'outbound', 'cancelled'],
    [{ endReason: 'rejected' }, 'outbound', 'unexpected'],
    [{ endReason: 'failed', hungUpBy: 'system', sipCode: 480 }, 'inbound', 'answerFailed'],
    [{ endReason: 'failed', hungUpBy: 'system', answeredAt: fixtureTime }, 'outbound', 'mediaLost'],
    [{ endReason: 'missed', hungUpBy: 'remote', sipCode: 487 }, 'inbound', null],
    [{ endReason: 'declined', hungUpBy: 'local', sipCode: 486 }, 'inbound', null],
    [{ endReason: 'transferred', hungUpBy: 'local', answeredAt: fixtureTime }, 'outbound', null],
    [{ endReason: 'dnd', hungUpBy: 'system' }, 'inbound', null],
  ])('%j (%s) → %s', (end, direction, kind) => {
    expect(callEndKind(call(end, direction))).toBe(kind);
  });
});

describe('softphone command failures', () => {
  const held = activeInboundCall({ id: 'c1', displayName: 'Deniz' });
  const alert = () => region(/^(Softphone|Yazılım telefonu|Софтфон)$/).querySelector('[role="alert"]')?.textContent;

  it.each([
    [
      'a refused hold',
      fail('conflict', 'Hold refused (488)', softphoneFailureDetails('hold-refused', 488)),
      'The phone could not do that: The other side did not accept the hold; the call continues.',
    ],
    [
      'a media failure',
      fail('conflict', 'The call has no media yet', softphoneFailureDetails('no-media')),
      'The phone could not do that: The call has no audio yet. Try again in a moment.',
    ],
    [
      'a failure without a reason',
      fail('conflict', 'Hold refused (488)'),
      'The phone could not do that: Someone else changed this at the same time. Reload and try again.',
    ],
    [
      'a reason this renderer does not know',
      fail('conflict', 'x', [{ path: 'reason', message: 'from-a-newer-core' }]),
      'The phone could not do that: Someone else changed this at the same time. Reload and try again.',
    ],
  ])('says what happened for %s', async (_case, failure, text) => {
    const desk = await openDesk('en', [held]);
    desk.override('calls:hold', () => failure);
    await click(button('Hold'));
    expect(alert()).toBe(text);
  });

  it.each([
    ['en', 'The phone could not do that: Every line is in use. Hang up or transfer a call first.'],
    ['tr', 'Telefon bu işlemi yapamadı: Tüm hatlar dolu. Önce bir aramayı kapatın ya da aktarın.'],
    ['ru', 'Телефон не смог выполнить действие: Все линии заняты. Сначала завершите или переведите один из вызовов.'],
  ])('says every line is in use (%s), not that someone else changed something', async (language, text) => {
    const desk = await openDesk(language);
    desk.override('calls:dial', () => fail('conflict', 'Every line is in use', softphoneFailureDetails('lines-busy')));
    await typeInto(dialField(), '1002');
    await submit(dialField().form!);
    expect(alert()).toBe(text);
    expect(dialField().value).toBe('1002');
  });

  it('gives a refused transfer its SIP code', async () => {
    const desk = await openDesk('en', [held]);
    desk.override('calls:transfer', () =>
      fail('conflict', 'Transfer refused (403)', softphoneFailureDetails('transfer-refused', 403)),
    );
    await click(button('Transfer'));
    await typeInto(byName<HTMLInputElement>('input', 'Transfer to'), '1003');
    await click(button('Transfer the call'));
    expect(desk.calls.filter((c) => c.name === 'calls:transfer').map((c) => c.args)).toEqual([{ callId: 'c1', target: '1003' }]);
    expect(alert()).toBe('The phone could not do that: The transfer was refused (SIP 403); the call is still yours.');
  });
});
