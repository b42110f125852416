// Loads node-hid on first use (plain Node). node-hid is a native module: a desk without its binary (a
// platform with no prebuild, a packaging mistake, a missing libudev) must still start, without headset
// buttons, and say why. So nothing imports it at the top level; this loader imports it when a transport first
// needs it and turns every way that can fail into one HidTransportError('unsupported') with the cause.
//
// node-hid's own require() succeeds even when its native part is missing: the binding loads lazily on the
// first call. The loader makes that first call (getHidapiVersion) itself, so a broken binary fails here, once,
// with a clear message, instead of on every hot-plug poll.
import { HidTransportError } from './hidTransport.js';

/** One entry of node-hid's devices(): one top-level collection of one HID interface. */
export interface NodeHidDevice {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  release: number;
  /** USB interface number, -1 when the OS does not say (Bluetooth, some Windows paths). */
  interface: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** The part of node-hid's HIDAsync this transport uses (node-hid 3.x). */
export interface NodeHidAsyncDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  write(values: Buffer | number[]): Promise<number>;
  close(): Promise<void>;
  /**
   * Not in node-hid 3.4.0 (hidapi ≥ 0.14 has hid_get_report_descriptor, node-hid does not wrap it yet). Used
   * when a later node-hid has it, so Windows and macOS then work without a change here.
   */
  getReportDescriptor?: () => Promise<Buffer | Uint8Array | number[]>;
}

/** The part of the node-hid module this transport uses. */
export interface NodeHidApi {
  devicesAsync(): Promise<NodeHidDevice[]>;
  HIDAsync: { open(path: string, options?: { nonExclusive?: boolean }): Promise<NodeHidAsyncDevice> };
  setDriverType(type: 'hidraw' | 'libusb'): void;
  getHidapiVersion(): string;
}

export interface LoadedNodeHid {
  api: NodeHidApi;
  /** hidapi's version, e.g. "0.15.0": for the log and `agentdesk hid list`. */
  hidapiVersion: string;
}

/** How the module is imported; tests hand in one that fails. */
export type NodeHidImporter = () => Promise<unknown>;

/**
 * require() where there is one: the CJS main bundle (Electron's asar-aware CommonJS loader, as for
 * better-sqlite3) and the CLI bundle (its banner defines require). import() elsewhere (vitest, tsx). Literal
 * specifiers, and build/bundle.mjs keeps 'node-hid' external, so the installed package loads at run time.
 */
const importNodeHid: NodeHidImporter = () =>
  typeof require === 'function'
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading lazily, in the bundles' CommonJS loader, is the point
      Promise.resolve().then(() => require('node-hid') as unknown)
    : import('node-hid');

/**
 * Imports node-hid and loads its native binding. On Linux it selects hidapi's hidraw backend before the binding
 * loads (the default, said explicitly): the libusb backend would detach the kernel's HID driver from the
 * headset's interface, and hidraw needs no libusb.
 */
export async function loadNodeHid(
  options: { importModule?: NodeHidImporter; platform?: NodeJS.Platform } = {},
): Promise<LoadedNodeHid> {
  const importModule = options.importModule ?? importNodeHid;
  const platform = options.platform ?? process.platform;
  let namespace: unknown;
  try {
    namespace = await importModule();
  } catch (error) {
    throw unavailable(`the module could not be imported: ${messageOf(error)}`, error);
  }
  const api = nodeHidApiOf(namespace);
  if (!api) throw unavailable('the module does not have the node-hid 3 API (devicesAsync, HIDAsync.open)');
  try {
    if (platform === 'linux') api.setDriverType('hidraw');
    return { api, hidapiVersion: String(api.getHidapiVersion()) };
  } catch (error) {
    throw unavailable(`its native part could not be loaded: ${messageOf(error)}`, error);
  }
}

/** ESM import of a CommonJS package: the exports are on `default` (Node) or on the namespace (bundlers). */
function nodeHidApiOf(namespace: unknown): NodeHidApi | undefined {
  const candidates = [namespace, (namespace as { default?: unknown } | null)?.default];
  for (const candidate of candidates) {
    const api = candidate as Partial<NodeHidApi> | null | undefined;
    if (
      api &&
      typeof api.devicesAsync === 'function' &&
      typeof api.HIDAsync?.open === 'function' &&
      typeof api.setDriverType === 'function' &&
      typeof api.getHidapiVersion === 'function'
    ) {
      return api as NodeHidApi;
    }
  }
  return undefined;
}

function unavailable(reason: string, cause?: unknown): HidTransportError {
  const error = new HidTransportError(
    'unsupported',
    `node-hid is not available, so headset buttons are off: ${reason.slice(0, 300)}`,
  );
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause });
  return error;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Node's "Cannot find module 'x'\nRequire stack:\n- …" lists paths: the first line says it.
  return text.split('\n')[0] ?? text;
}
