// Which HidTransport a desk uses (plain Node). Linux keeps the plain-fs hidraw transport by default: it needs
// no native module and no libusb, and udev permissions work the same for it. Windows and macOS have only
// node-hid. AGENTDESK_HID_TRANSPORT forces one (IT diagnosis, a Linux desk where node-hid works better):
//   auto (default) · linux-hidraw · node-hid · none (no headset buttons at all)
// An environment variable rather than a setting: the choice is made once at start, before settings could be
// changed, and it is a support knob, not something an operator should meet in Settings.
import type { Clock, Logger } from '../ports.js';
import type { HidTransport } from './hidTransport.js';
import { createLinuxHidrawTransport } from './linuxHidrawTransport.js';
import { createNodeHidTransport } from './nodeHidTransport.js';

export const HID_TRANSPORT_ENV = 'AGENTDESK_HID_TRANSPORT';
export const hidTransportKinds = ['linux-hidraw', 'node-hid', 'none'] as const;
export type HidTransportKind = (typeof hidTransportKinds)[number];

export interface HidTransportChoice {
  kind: HidTransportKind;
  /** Why this one, for the log and `agentdesk hid list`. */
  reason: string;
  /** Set when the request could not be followed as given (unknown name, linux-hidraw off Linux). */
  warning?: string;
}

/** Pure: the platform and the requested name (env or CLI option) decide. */
export function chooseHidTransport(platform: NodeJS.Platform, requested: string | undefined): HidTransportChoice {
  const wanted = (requested ?? '').trim().toLowerCase();
  const automatic: HidTransportChoice =
    platform === 'linux'
      ? { kind: 'linux-hidraw', reason: 'the default on Linux (sysfs and /dev/hidrawN, no native module)' }
      : { kind: 'node-hid', reason: `the default on ${platform}` };
  if (wanted === '' || wanted === 'auto') return automatic;
  if (!(hidTransportKinds as readonly string[]).includes(wanted)) {
    return {
      ...automatic,
      warning: `"${wanted.slice(0, 40)}" is not a HID transport (auto, ${hidTransportKinds.join(', ')}); using ${automatic.kind}`,
    };
  }
  const kind = wanted as HidTransportKind;
  if (kind === 'linux-hidraw' && platform !== 'linux') {
    return { ...automatic, warning: `linux-hidraw works only on Linux; using ${automatic.kind}` };
  }
  return { kind, reason: `${HID_TRANSPORT_ENV}=${kind}` };
}

export interface HidTransportDeps {
  clock: Clock;
  logger: Logger;
  platform?: NodeJS.Platform;
  /** Test and diagnosis roots for the Linux sysfs/dev trees (both transports read them on Linux). */
  linuxRoots?: { sysClassDir?: string; devDir?: string };
}

/** The transport for a choice; null for `none`. Creating one loads nothing: node-hid is imported on first use. */
export function createHidTransport(kind: HidTransportKind, deps: HidTransportDeps): HidTransport | null {
  switch (kind) {
    case 'linux-hidraw':
      return createLinuxHidrawTransport({ ...deps.linuxRoots, clock: deps.clock, logger: deps.logger });
    case 'node-hid':
      return createNodeHidTransport(deps);
    case 'none':
      return null;
  }
}
