// A modal dialog on the native <dialog>: Chromium gives us the focus trap, Escape, an inert background
// and focus return to the opener for free. Runs in Chromium.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './Icons.js';

export interface DialogProps {
  title: string;
  /** Called once the dialog has closed (Escape, the close button, or the parent unmounting it). */
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

export function Dialog({ title, onClose, className, children }: DialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label={t('dialog.close')} onClick={() => ref.current?.close()}>
          <CloseIcon />
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
