// The renderer's root: bridge → settings → locale → theme → wrap-up session → console frame (and the
// first-run demo offer). Runs in Chromium.
// Takes the bridge as a prop so tests (and later a second window) can hand in their own.
import { useEffect, type ReactNode } from 'react';
import type { Bridge } from '../bridge/bridge.js';
import { BridgeProvider } from '../bridge/BridgeContext.js';
import { SettingsProvider } from '../bridge/SettingsContext.js';
import { LocaleProvider } from '../i18n/LocaleContext.js';
import { markFirstPaint } from '../firstPaint.js';
import { useAppliedTheme } from '../theme/useAppliedTheme.js';
import { ConsoleFrame } from './ConsoleFrame.js';
import { FirstRunOffer } from './FirstRunOffer.js';
import { WrapUpDraftProvider } from '../workflow/WrapUpDraftContext.js';

export interface AgentDeskAppProps {
  bridge: Bridge;
  /** The system's preferred languages, best first; defaults to navigator.languages. */
  preferredLanguages?: readonly string[];
}

export function AgentDeskApp({ bridge, preferredLanguages }: AgentDeskAppProps) {
  useEffect(markFirstPaint, []);
  return (
    <BridgeProvider bridge={bridge}>
      <SettingsProvider>
        <LocaleProvider preferredLanguages={preferredLanguages ?? navigator.languages}>
          <ThemeRoot>
            {/* Above the whole console: the catalogue panel offers items into the wrap-up's order (seam 4). */}
            <WrapUpDraftProvider>
              <ConsoleFrame />
              <FirstRunOffer />
            </WrapUpDraftProvider>
          </ThemeRoot>
        </LocaleProvider>
      </SettingsProvider>
    </BridgeProvider>
  );
}

function ThemeRoot({ children }: { children: ReactNode }) {
  useAppliedTheme();
  return children;
}
