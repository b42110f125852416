// The operator's console: softphone bar, caller card, script, catalogue/knowledge, wrap-up and status bar, plus the
// app-level keyboard shortcuts (Ctrl+, settings; ? shortcut sheet; F6/Shift+F6 between regions).
// Runs in Chromium.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CataloguePanel } from '../catalogue/CataloguePanel.js';
import { matchShortcut } from '../keyboard/shortcuts.js';
import { CallerCard } from './CallerCard.js';
import { NoticeArea } from './NoticeArea.js';
import { ProblemsBanner } from './ProblemsBanner.js';
import { Region } from './Region.js';
import { ScriptPanel } from './ScriptPanel.js';
import { SettingsDialog } from './SettingsDialog.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { SoftphoneBar } from './SoftphoneBar.js';
import { StatusBar } from './StatusBar.js';
import { WrapUpPanel } from './WrapUpPanel.js';

type OpenDialog = 'settings' | 'shortcuts' | null;

/** Moves focus to the next (or previous) region, wrapping around; from outside any region, to the first. */
export function cycleRegions(root: HTMLElement, backwards: boolean): void {
  const regions = [...root.querySelectorAll<HTMLElement>('[data-region]')];
  if (regions.length === 0) return;
  const current = regions.findIndex((region) => region.contains(document.activeElement));
  const next =
    current === -1 ? (backwards ? regions.length - 1 : 0) : (current + (backwards ? regions.length - 1 : 1)) % regions.length;
  regions[next]?.focus();
}

export function ConsoleFrame() {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const workspaceRef = useRef<HTMLElement>(null);
  const dialogOpen = dialog !== null;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = matchShortcut(event);
      if (!shortcut) return;
      if (shortcut === 'openSettings') {
        event.preventDefault();
        setDialog('settings');
      } else if (dialogOpen) {
        // Behind a modal dialog the console is inert: F6 and ? must not reach it.
        return;
      } else if (shortcut === 'showShortcuts') {
        event.preventDefault();
        setDialog('shortcuts');
      } else if (rootRef.current) {
        event.preventDefault();
        cycleRegions(rootRef.current, shortcut === 'previousRegion');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogOpen]);

  const skipToWorkspace = (event: MouseEvent<HTMLAnchorElement>) => {
    // Focus directly instead of following the fragment: the address stays clean under agentdesk://app/.
    event.preventDefault();
    workspaceRef.current?.focus();
  };

  return (
    <div className="console" ref={rootRef}>
      <a className="skip-link" href="#workspace" onClick={skipToWorkspace}>
        {t('app.skipToWorkspace')}
      </a>
      <ProblemsBanner />
      <NoticeArea />
      <Region name={t('softphone.region')} headingVisible={false} className="softphone-region">
        <SoftphoneBar />
      </Region>
      <main id="workspace" ref={workspaceRef} className="workspace" tabIndex={-1} aria-label={t('app.workspace')}>
        <Region name={t('callerCard.region')} className="panel caller-panel">
          <CallerCard />
        </Region>
        {/* The centre column: the script above, the catalogue below (it shrinks to its search box while idle). */}
        <div className="centre-column">
          <Region name={t('script.region')} className="panel script-panel">
            <ScriptPanel />
          </Region>
          <Region name={t('catalogue.region')} className="panel catalogue-panel">
            <CataloguePanel />
          </Region>
        </div>
        <Region name={t('wrapUp.region')} className="panel wrapup-panel">
          <WrapUpPanel />
        </Region>
      </main>
      <Region name={t('status.region')} headingVisible={false} className="status-region">
        <StatusBar onOpenSettings={() => setDialog('settings')} onOpenShortcuts={() => setDialog('shortcuts')} />
      </Region>
      {dialog === 'settings' && <SettingsDialog onClose={() => setDialog(null)} />}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
