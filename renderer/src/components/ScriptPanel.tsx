// Script and knowledge panel (centre): two tabs following the WAI-ARIA tabs pattern (arrow keys move
// between tabs, Tab goes into the panel); the script tab follows the call (../scripts/). Runs in Chromium.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CallScriptPanel } from '../scripts/CallScriptPanel.js';
import { EmptyState } from './EmptyState.js';
import { DocumentIcon } from './Icons.js';

const tabs = ['script', 'knowledge'] as const;
type Tab = (typeof tabs)[number];

export function ScriptPanel() {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Tab>('script');
  const baseId = useId();
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());

  const select = (tab: Tab) => {
    setSelected(tab);
    tabRefs.current.get(tab)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.indexOf(selected);
    const target =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (target) {
      event.preventDefault();
      select(target);
    }
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label={t('script.tabsLabel')} className="tab-list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab}
            ref={(element) => {
              if (element) tabRefs.current.set(tab, element);
              else tabRefs.current.delete(tab);
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${tab}`}
            aria-controls={`${baseId}-panel-${tab}`}
            aria-selected={selected === tab}
            tabIndex={selected === tab ? 0 : -1}
            className="tab"
            onClick={() => setSelected(tab)}
          >
            {t(`script.tabs.${tab}`)}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${baseId}-panel-${tab}`}
          aria-labelledby={`${baseId}-tab-${tab}`}
          hidden={selected !== tab}
          tabIndex={0}
          className="tab-panel"
        >
          {tab === 'script' ? (
            <CallScriptPanel />
          ) : (
            <EmptyState icon={<DocumentIcon width="32" height="32" />} title={t('script.knowledgeEmptyTitle')}>
              {t('script.knowledgeEmptyBody')}
            </EmptyState>
          )}
        </div>
      ))}
    </div>
  );
}
