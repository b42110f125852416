// What a process gives core when it starts it (Electron main, the host, tests). Plain Node types only.
import type { OpenDatabaseOptions } from '../../../db/database.js';
import type { AppInfo } from '../../shared/ipc/contract.js';
import type { Locale } from '../../shared/settings.js';
import type { HidTransport } from '../hid/hidTransport.js';
import type { ShortcutRegistry } from '../hotkeys/shortcutRegistry.js';
import type { Clock, EventSink, Logger, SecretStore } from '../ports.js';
import type { SaveFileDialog } from '../customers/customerFileService.js';
import type { MediaPeer } from '../sip/mediaBridge.js';

export interface CoreOptions {
  mode: AppInfo['mode'];
  version: string;
  dataDir: string;
  migrationsFolder: string;
  /** `--config FILE`; otherwise AGENTDESK_CONFIG, otherwise the OS's system-wide path. */
  provisioningFile?: string | undefined;
  onDamagedDatabase: OpenDatabaseOptions['onDamaged'];
  systemLocale: Locale;
  logger: Logger;
  events: EventSink;
  secrets: SecretStore;
  /** Headsets (USB HID Telephony). Default: Linux hidraw on Linux, node-hid elsewhere (AGENTDESK_HID_TRANSPORT overrides); null = none. */
  hidTransport?: HidTransport | null;
  /** Global shortcuts (Electron main). None in browser mode: the browser owns the keyboard there. */
  shortcuts?: ShortcutRegistry;
  /** Electron's "Save as" for customer exports (customers:downloadSave). None in browser mode: the page downloads. */
  saveFileDialog?: SaveFileDialog;
  /** The renderer's media engine (WebRTC). Without one, registration works and calls fail with a reason. */
  mediaPeer?: MediaPeer;
  clock?: Clock;
}
