// `agentdesk hid …`: headset (USB HID Telephony) tools. Plain Node.
import type { Command } from 'commander';
import {
  createLinuxHidrawTransport,
  describeHidDescriptor,
  deviceIdOf,
  HidDescriptorError,
  isTelephonyDevice,
  readDescriptorFile,
} from '../../../core/hid/index.js';
import { MemoryLogger } from '../../../core/log/memoryLogger.js';
import { systemClock } from '../../../core/ports.js';
import { CliError, printJson } from '../context.js';

export function registerHidCommands(program: Command): void {
  const hid = program.command('hid').description('USB headsets: HID Telephony controls and LEDs');
  hid
    .command('describe')
    .description('list the telephony controls and LEDs a HID report descriptor declares (.bin, or .hex text)')
    .argument('<file>', 'report descriptor: raw bytes (e.g. from /sys/class/hidraw/hidrawN/device/report_descriptor) or hex text')
    .option('--json', 'machine-readable output')
    .action(async (file: string, options: { json?: boolean }) => {
      let description;
      try {
        description = describeHidDescriptor(await readDescriptorFile(file));
      } catch (error) {
        if (error instanceof HidDescriptorError) {
          if (options.json) printJson({ error: error.code, message: error.message });
          throw new CliError(`${file}: ${error.message}`);
        }
        throw error;
      }
      if (options.json) return printJson(description);
      if (!description.telephony) return void process.stdout.write(`${file}: not a telephony device\n`);
      const lines = [`${file}: telephony device`];
      for (const [title, controls] of [
        ['inputs', description.inputs],
        ['outputs', description.outputs],
      ] as const) {
        lines.push(`  ${title}:`);
        for (const c of controls)
          lines.push(
            `    ${c.usage.padEnd(14)} report ${c.reportId}  bit ${c.bitOffset}  size ${c.bitSize}${c.relative ? '  relative' : ''}`,
          );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  hid
    .command('list')
    .description('list the HID devices of this computer (Linux hidraw) and which are telephony headsets')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      // Test and diagnosis hooks: point the scan at another sysfs/dev tree.
      const sysClassDir = process.env.AGENTDESK_HIDRAW_SYS_DIR;
      const devDir = process.env.AGENTDESK_HIDRAW_DEV_DIR;
      if (process.platform !== 'linux' && !sysClassDir) {
        throw new CliError('hid list reads Linux hidraw devices; on this system the desktop app lists headsets itself');
      }
      const transport = createLinuxHidrawTransport({ sysClassDir, devDir, clock: systemClock, logger: new MemoryLogger() });
      const devices = (await transport.list()).map((device) => ({
        path: device.path,
        id: deviceIdOf(device),
        product: device.product,
        bus: device.bus,
        interfaceNumber: device.interfaceNumber ?? null,
        usagePage: device.usagePage === undefined ? null : `0x${device.usagePage.toString(16).padStart(4, '0').toUpperCase()}`,
        telephony: isTelephonyDevice(device),
        accessible: device.accessible ?? null,
      }));
      if (options.json) return printJson(devices);
      if (devices.length === 0) return void process.stdout.write('No HID devices found.\n');
      const lines = devices.map(
        (d) =>
          `${d.path.padEnd(14)} ${d.id}  ${d.bus.padEnd(9)} ${(d.telephony ? 'telephony' : '-').padEnd(9)} ${d.product}` +
          (d.accessible === false ? '  (no access: install the udev rule, see electron/core/hid/README.md)' : ''),
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
