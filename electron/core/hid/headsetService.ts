// HeadsetService (plain Node): picks the active headset from settings, opens it through the HidTransport,
// feeds its reports to the call-control state machine, and survives unplug and replug. Core starts it once;
// it needs no window.
//
// Choosing: `headset.device` '' means the first telephony device (lowest hidraw number), `vvvv:pppp` that
// model only. A headset in use stays in use while it is plugged in, even if another telephony device appears:
// two headsets never take turns.
//
// Its status (HeadsetStatus in the contract) goes out as `headset:changed` on every change: the status bar
// shows which headset drives calls, or why none can (no udev rule, no node-hid, no descriptor).
import type { HeadsetDevices, HeadsetStatus } from '../../shared/ipc/devices.js';
import type { Locale, SettingKey, SettingValue } from '../../shared/settings.js';
import type { Clock, EventSink, Logger } from '../ports.js';
import { describeHidDescriptor, type HidControl, type HidDescription } from './describeHidDescriptor.js';
import { HeadsetCallControl, type CallControlPort, type HeadsetCallState } from './headsetCallControl.js';
import { HidDescriptorError } from './hidDescriptorError.js';
import { deviceIdOf, HidTransportError, type HidDeviceHandle, type HidDeviceInfo, type HidTransport } from './hidTransport.js';
import { TELEPHONY_PAGE } from './telephonyUsages.js';

/** The settings the service reads (SettingsService fits). */
export interface HeadsetSettings {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  onChange(listener: (change: { key: SettingKey }) => void): () => void;
}

export interface HeadsetServiceDeps {
  transport: HidTransport;
  settings: HeadsetSettings;
  callControl: CallControlPort;
  clock: Clock;
  logger: Logger;
  /** app:notice when a headset is there but may not be opened (Linux: no udev rule); headset:changed. */
  events: EventSink;
  /** For notice texts when ui.locale is 'system'. */
  systemLocale: Locale;
}

export type { HeadsetStatus } from '../../shared/ipc/devices.js';

interface OpenHeadset {
  info: HidDeviceInfo;
  handle: HidDeviceHandle;
  description: HidDescription;
  stop: () => void;
}

export class HeadsetService {
  private readonly machine: HeadsetCallControl;
  private open: OpenHeadset | undefined;
  private current: HeadsetStatus = { state: 'searching', candidates: 0 };
  private readonly statusListeners = new Set<(status: HeadsetStatus) => void>();
  private readonly cleanups: (() => void)[] = [];
  /** Devices we already told the operator about (one notice per device and run). */
  private readonly noticed = new Set<string>();
  private running = false;
  private reconciling: Promise<void> | undefined;
  private reconcileAgain = false;

  constructor(private readonly deps: HeadsetServiceDeps) {
    this.machine = new HeadsetCallControl({ port: deps.callControl, clock: deps.clock, logger: deps.logger });
  }

  /** Starts watching for headsets and opens one; resolves once the first choice is made. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.cleanups.push(
      this.deps.transport.watch((event) => {
        this.deps.logger.info(
          'hid device plugged',
          event.type === 'added' ? { added: event.device.path } : { removed: event.path },
        );
        void this.reconcile();
      }),
      this.deps.settings.onChange((change) => {
        if (change.key.startsWith('headset.')) void this.reconcile();
      }),
    );
    await this.reconcile();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    await this.reconciling;
    await this.closeOpen();
  }

  /** Feed the softphone's call state on every change (headsetCallStateOf(listCalls()) does the mapping). */
  setCallState(state: HeadsetCallState): void {
    this.machine.setCallState(state);
  }

  status(): HeadsetStatus {
    return this.current;
  }

  /**
   * The telephony headsets connected now, one entry per model (the setting names a model), in the transport's
   * order — the first is the one '' picks. Includes headsets the OS will not let us open: the status says why.
   */
  async connectedDevices(): Promise<HeadsetDevices> {
    let devices: HidDeviceInfo[];
    try {
      devices = await this.deps.transport.list();
    } catch (error) {
      if (error instanceof HidTransportError && error.code === 'unsupported') return { devices: [] };
      throw error;
    }
    const byId = new Map<string, HeadsetDevices['devices'][number]>();
    for (const device of devices.filter(isTelephonyDevice)) {
      const { id, product } = deviceSummary(device);
      if (!byId.has(id)) byId.set(id, { id, product });
    }
    return { devices: [...byId.values()].slice(0, 64) };
  }

  onStatus(listener: (status: HeadsetStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Re-evaluates which headset to use. Calls arriving while one runs are folded into one more pass. */
  reconcile(): Promise<void> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      try {
        do {
          this.reconcileAgain = false;
          await this.chooseHeadset().catch((error: unknown) =>
            this.deps.logger.error('headset selection failed', { error: error instanceof Error ? error.message : String(error) }),
          );
        } while (this.reconcileAgain && this.running);
      } finally {
        this.reconciling = undefined;
      }
    })();
    return this.reconciling;
  }

  private async chooseHeadset(): Promise<void> {
    if (!this.running) return;
    if (!this.deps.settings.get('headset.enabled')) {
      await this.closeOpen();
      return this.setStatus({ state: 'disabled', candidates: 0 });
    }
    const wanted = this.deps.settings.get('headset.device').toLowerCase();
    let devices: HidDeviceInfo[];
    try {
      devices = await this.deps.transport.list();
    } catch (error) {
      // The transport cannot run here at all (node-hid missing): say so instead of "searching" forever.
      if (!(error instanceof HidTransportError) || error.code !== 'unsupported') throw error;
      await this.closeOpen();
      if (this.current.state !== 'unavailable') this.deps.logger.error('headsets unavailable', { error: error.message });
      return this.setStatus({
        state: 'unavailable',
        candidates: 0,
        problem: 'driver-missing',
        detail: error.message.slice(0, 512),
      });
    }
    const candidates = devices.filter((device) => isTelephonyDevice(device) && (wanted === '' || deviceIdOf(device) === wanted));
    // Same node and same model: hidraw numbers are reused, so a path alone may be another device by now.
    const open = this.open;
    const kept = open && candidates.find((d) => d.path === open.info.path && deviceIdOf(d) === deviceIdOf(open.info));
    if (kept) return this.setStatus(this.activeStatus(candidates.length));
    await this.closeOpen();
    let denied: HidDeviceInfo | undefined;
    let failed: { device: HidDeviceInfo; problem: 'descriptor-unavailable' | 'open-failed'; detail: string } | undefined;
    for (const device of candidates) {
      try {
        await this.openHeadset(device);
        return this.setStatus(this.activeStatus(candidates.length));
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        if (error instanceof HidTransportError && error.code === 'permission') {
          denied ??= device;
          this.noticeNoAccess(device);
        } else {
          this.deps.logger.warn('headset not opened', { path: device.path, error: detail });
          const problem =
            error instanceof HidTransportError && error.code === 'no-descriptor' ? 'descriptor-unavailable' : 'open-failed';
          failed ??= { device, problem, detail };
        }
      }
    }
    const count = candidates.length;
    if (denied)
      return this.setStatus({ state: 'no-access', device: deviceSummary(denied), candidates: count, problem: 'permission' });
    if (failed) {
      const { device, problem, detail } = failed;
      return this.setStatus({
        state: 'failed',
        device: deviceSummary(device),
        candidates: count,
        problem,
        detail: detail.slice(0, 512),
      });
    }
    this.setStatus({ state: 'searching', candidates: count });
  }

  private async openHeadset(info: HidDeviceInfo): Promise<void> {
    const handle = await this.deps.transport.open(info.path);
    let description: HidDescription;
    try {
      description = describeHidDescriptor(handle.descriptor);
      if (!description.telephony) throw new HidDescriptorError('report', 'not a telephony device');
    } catch (error) {
      await handle.close();
      throw error;
    }
    const id = info.path;
    const stopReports = handle.onInputReport((report) => this.machine.handleInputReport(id, report));
    const stopClosed = handle.onClosed((reason) => {
      if (this.open?.handle !== handle) return;
      this.deps.logger.info('headset closed', { path: id, reason });
      this.machine.detach(id);
      this.open = undefined;
      this.setStatus({ state: 'searching', candidates: 0 });
      void this.reconcile();
    });
    this.open = {
      info,
      handle,
      description,
      stop: () => {
        stopReports();
        stopClosed();
      },
    };
    this.machine.attach({ id, description, output: { write: (report) => handle.write(report) } });
    this.deps.logger.info('headset in use', { path: id, device: deviceIdOf(info), product: info.product });
  }

  private async closeOpen(): Promise<void> {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    open.stop();
    this.machine.detach(open.info.path, { turnOff: true });
    await open.handle.close().catch(() => undefined);
  }

  private activeStatus(candidates: number): HeadsetStatus {
    const { info, description } = this.open!;
    // "Telephony ok" for the status bar: which buttons and lights the descriptor gave us.
    const names = (controls: readonly HidControl[]) => [...new Set(controls.map((control) => control.usage))];
    return {
      state: 'active',
      device: deviceSummary(info),
      controls: { inputs: names(description.inputs), outputs: names(description.outputs) },
      candidates,
    };
  }

  private setStatus(status: HeadsetStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.current)) return;
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
    this.deps.events.emit('headset:changed', status);
  }

  private noticeNoAccess(device: HidDeviceInfo): void {
    const key = `${deviceIdOf(device)} ${device.path}`;
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    this.deps.logger.warn('headset found but not accessible', { path: device.path, device: deviceIdOf(device) });
    const uiLocale = this.deps.settings.get('ui.locale');
    const locale = uiLocale === 'system' ? this.deps.systemLocale : uiLocale;
    this.deps.events.emit('app:notice', {
      level: 'warning',
      code: 'headset-no-access',
      message: noAccessText[locale](device.product || deviceIdOf(device)),
    });
  }
}

function deviceSummary(info: HidDeviceInfo): NonNullable<HeadsetStatus['device']> {
  return { id: deviceIdOf(info), path: info.path.slice(0, 1024), product: info.product.slice(0, 256) };
}

/** Telephony: the descriptor has a Telephony control; without a descriptor, the main collection's page says it. */
export function isTelephonyDevice(device: HidDeviceInfo): boolean {
  if (device.descriptor) {
    try {
      return describeHidDescriptor(device.descriptor).telephony;
    } catch {
      return false; // a descriptor we cannot parse is no headset we can drive
    }
  }
  return device.usagePage === TELEPHONY_PAGE;
}

const noAccessText: Record<Locale, (product: string) => string> = {
  en: (product) =>
    `The headset “${product}” is connected, but AgentDesk may not use its buttons. Ask IT to install AgentDesk's udev rule for headsets, then plug the headset in again.`,
  tr: (product) =>
    `“${product}” kulaklığı bağlı, ancak AgentDesk düğmelerini kullanamıyor. BT ekibinden AgentDesk'in kulaklık udev kuralını kurmasını isteyin, sonra kulaklığı çıkarıp yeniden takın.`,
  ru: (product) =>
    `Гарнитура «${product}» подключена, но AgentDesk не может использовать её кнопки. Попросите ИТ-службу установить правило udev AgentDesk для гарнитур, затем переподключите гарнитуру.`,
};

export function createHeadsetService(deps: HeadsetServiceDeps): HeadsetService {
  return new HeadsetService(deps);
}
