// The agent state in the status bar: state and reason, time in it (or the wrap-up countdown), the over-limit
// warning and the state asked for after the call; a menu to change it (Available, Not ready with each reason,
// Break, Log out), and the Alt+1/2/3 shortcuts. Runs in Chromium.
import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStateRequest, AgentStatus } from '../../../electron/shared/ipc/agent.js';
import { useErrorText } from '../components/useErrorText.js';
import { useNow } from '../components/useNow.js';
import { formatClock } from '../i18n/format.js';
import { useLocale } from '../i18n/LocaleContext.js';
import { ariaKeyShortcuts, matchAgentShortcut, type AgentStateShortcutId } from '../keyboard/shortcuts.js';
import { useAgentState, useAgentStore } from './useAgentState.js';
import { useAgentStateText } from './useAgentStateText.js';

const shortcutRequests: Record<AgentStateShortcutId, AgentStateRequest> = {
  agentReady: { state: 'available' },
  agentNotReady: { state: 'notReady' },
  agentBreak: { state: 'break' },
};

/** Green when calls may come, amber when the operator is away, blue while busy with a call. */
function dotOf(status: AgentStatus): string {
  if (status.overLimit) return 'status-dot-error';
  switch (status.state) {
    case 'available':
      return 'status-dot-ok';
    case 'ringing':
    case 'onCall':
    case 'wrapUp':
      return 'agent-dot-busy';
    case 'notReady':
    case 'break':
      return 'status-dot-warning';
    case 'loggedOut':
      return '';
  }
}

/** True while a choice cannot apply now and becomes the state after the call. */
function heldByCall(status: AgentStatus): boolean {
  if (status.state === 'ringing' || status.state === 'onCall') return true;
  return status.state === 'wrapUp' && status.acw !== null && !status.acw.canExit;
}

export function AgentStateMenu() {
  const { t } = useTranslation();
  const { status, error } = useAgentState();
  const store = useAgentStore();
  const text = useAgentStateText();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const errorId = useId();

  // Alt+1/2/3 anywhere in the console, also while typing notes (Alt+digit types nothing).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = matchAgentShortcut(event);
      if (!shortcut) return;
      event.preventDefault();
      void store.setState(shortcutRequests[shortcut]);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);

  // An open menu closes when the pointer goes down anywhere else.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target && !menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  // On opening, focus goes to the current state's item (else the first), as menu buttons do.
  useEffect(() => {
    if (!open || !menuRef.current) return;
    const items = menuItems(menuRef.current);
    (items.find((item) => item.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
  }, [open]);

  if (!status) {
    return (
      <span className="agent-status">
        <span className="status-dot" aria-hidden="true" />
        {t('status.agent', { state: t('agentState.unknown') })}
      </span>
    );
  }

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const choose = (request: AgentStateRequest) => {
    close();
    void store.setState(request);
  };
  const withdrawPending = () => {
    close();
    void store.requestAfterCall(null);
  };
  const isCurrent = (state: AgentStateRequest['state'], reasonCode: string | null) =>
    status.state === state && status.reasonCode === reasonCode;

  const onMenuKeyDown = (event: ReactKeyboardEvent<HTMLUListElement>) => {
    const items = menuItems(event.currentTarget);
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') setOpen(false);
  };

  const held = heldByCall(status);
  const notReadyReasons = text.reasons.filter((reason) => reason.kind === 'notReady');
  const breakReasons = text.reasons.filter((reason) => reason.kind === 'break');
  const item = (key: string, label: string, request: AgentStateRequest, shortcut?: AgentStateShortcutId) => (
    <StateItem
      key={key}
      label={label}
      request={request}
      checked={isCurrent(request.state, request.reasonCode ?? null)}
      shortcut={shortcut}
      onChoose={choose}
    />
  );

  return (
    <span className="agent-status">
      <button
        ref={buttonRef}
        type="button"
        className="button button-quiet agent-state-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-describedby={error ? errorId : undefined}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className={`status-dot ${dotOf(status)}`} aria-hidden="true" />
        {t('status.agent', { state: text.describe(status.state, status.reasonCode) })}
      </button>
      <AgentClock key={`${status.since}-${status.acw?.deadline ?? ''}`} status={status} />
      {status.overLimit && (
        <span className="agent-over-limit" role="status">
          {t('agentState.overLimit')}
        </span>
      )}
      {status.pending && (
        <span className="agent-pending">
          {t('agentState.then', { state: text.describe(status.pending.state, status.pending.reasonCode) })}
        </span>
      )}
      {error && (
        <span id={errorId} className="inline-error" role="alert">
          {errorText(error)}
        </span>
      )}
      {open && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={t('agentState.menuLabel')}
          className="agent-menu"
          onKeyDown={onMenuKeyDown}
        >
          {status.state === 'wrapUp' && held && (
            <li role="none" className="agent-menu-note">
              {status.acw?.mode === 'timeboxed' ? t('agentState.acwNoExit') : t('agentState.acwNeedsWrapUp')}
            </li>
          )}
          {held && (
            <li role="none" className="agent-menu-note">
              {t('agentState.afterCallNote')}
            </li>
          )}
          {item('available', text.stateName('available'), { state: 'available' }, 'agentReady')}
          {item('notReady', t('agentState.notReadyNoReason'), { state: 'notReady' }, 'agentNotReady')}
          {notReadyReasons.length > 0 && (
            <li role="none">
              <ul role="group" aria-label={text.stateName('notReady')} className="agent-menu-group">
                {notReadyReasons.map((reason) =>
                  item(`notReady-${reason.code}`, text.reasonName(reason.code), { state: 'notReady', reasonCode: reason.code }),
                )}
              </ul>
            </li>
          )}
          {breakReasons.length === 0 ? (
            item('break', text.stateName('break'), { state: 'break' }, 'agentBreak')
          ) : (
            <li role="none">
              <ul role="group" aria-label={text.stateName('break')} className="agent-menu-group">
                {item('break', t('agentState.breakNoReason'), { state: 'break' }, 'agentBreak')}
                {breakReasons.map((reason) =>
                  item(`break-${reason.code}`, text.reasonName(reason.code), { state: 'break', reasonCode: reason.code }),
                )}
              </ul>
            </li>
          )}
          {item('loggedOut', t('agentState.logOut'), { state: 'loggedOut' })}
          {status.pending && (
            <li role="none">
              <button type="button" role="menuitem" tabIndex={-1} className="agent-menu-item" onClick={withdrawPending}>
                {t('agentState.withdrawPending', {
                  state: text.describe(status.pending.state, status.pending.reasonCode),
                })}
              </button>
            </li>
          )}
        </ul>
      )}
    </span>
  );
}

interface StateItemProps {
  label: string;
  request: AgentStateRequest;
  checked: boolean;
  shortcut: AgentStateShortcutId | undefined;
  onChoose: (request: AgentStateRequest) => void;
}

/** One state in the menu; focus moves between items with the arrow keys, so none is a Tab stop. */
function StateItem({ label, request, checked, shortcut, onChoose }: StateItemProps) {
  return (
    <li role="none">
      <button
        type="button"
        role="menuitemradio"
        aria-checked={checked}
        tabIndex={-1}
        className="agent-menu-item"
        aria-keyshortcuts={shortcut ? ariaKeyShortcuts(shortcut) : undefined}
        onClick={() => onChoose(request)}
      >
        {label}
      </button>
    </li>
  );
}

function menuItems(menu: HTMLElement): HTMLElement[] {
  return [...menu.querySelectorAll<HTMLElement>('[role="menuitem"], [role="menuitemradio"]')];
}

/** Time in the state, or what is left of a time-limited wrap-up. Keyed by the state's start, so it never shows a stale value. */
function AgentClock({ status }: { status: AgentStatus }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const now = useNow();
  const deadline = status.acw?.deadline ?? null;
  if (deadline !== null) {
    return (
      <span className="agent-clock agent-clock-countdown" role="timer">
        {t('agentState.acwLeft', { time: formatClock(Math.max(0, deadline - now), locale) })}
      </span>
    );
  }
  return (
    <span className="agent-clock" role="timer">
      <span className="visually-hidden">{t('agentState.timeInState')}</span>
      {formatClock(Math.max(0, now - status.since), locale)}
    </span>
  );
}
