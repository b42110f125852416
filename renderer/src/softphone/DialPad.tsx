// The dial pad shown under the dial field while no call is live: 0–9, *, #, + and backspace edit the number
// (the in-call Keypad sends tones instead). A click returns the focus to the field, so Enter dials; from the
// keyboard the focus stays on the pad, digits typed there go into the field and Escape goes back to it.
// Runs in Chromium.
import type { KeyboardEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dialPadKeyOf, dialPadKeys, type DialPadKey } from './dialPadInput.js';

/** Decorative: the backspace button is named by its aria-label. */
const backspaceGlyph = '⌫';

export interface DialPadProps {
  id: string;
  disabled: boolean;
  /** `byPointer`: pressed with a mouse or finger (then the field takes the focus back), not from the keyboard. */
  onType: (key: DialPadKey, byPointer: boolean) => void;
  onErase: (byPointer: boolean) => void;
  /** Escape: back to the field. */
  onLeave: () => void;
}

/** A click from a pointer reports how many clicks it was; one from Enter or Space on the button reports 0. */
const byPointer = (event: MouseEvent) => event.detail > 0;

export function DialPad({ id, disabled, onType, onErase, onLeave }: DialPadProps) {
  const { t } = useTranslation();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (disabled) return;
    const key = dialPadKeyOf(event);
    if (key) {
      event.preventDefault();
      onType(key, false);
    } else if (event.key === 'Backspace' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      onErase(false);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onLeave();
    }
  };
  return (
    <div id={id} className="dial-pad" role="group" aria-label={t('softphoneInput.dialPad.toggle')} onKeyDown={onKeyDown}>
      {dialPadKeys.map((key) => (
        <button
          key={key}
          type="button"
          className="button dial-pad-key"
          disabled={disabled}
          aria-label={key === '+' ? t('softphoneInput.dialPad.plus') : t('call.digit', { digit: key })}
          onClick={(event) => onType(key, byPointer(event))}
        >
          {key}
        </button>
      ))}
      <button
        type="button"
        className="button dial-pad-key dial-pad-erase"
        disabled={disabled}
        aria-label={t('softphoneInput.dialPad.backspace')}
        onClick={(event) => onErase(byPointer(event))}
      >
        <span aria-hidden="true">{backspaceGlyph}</span>
      </button>
    </div>
  );
}
