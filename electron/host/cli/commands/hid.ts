// `agentdesk hid …`: headset (USB HID Telephony) tools. Plain Node.
import type { Command } from 'commander';
import {
  chooseHidTransport,
  createHidTransport,
  describeHidDescriptor,
  deviceIdOf,
  HID_TRANSPORT_ENV,
  HidDescriptorError,
  HidTransportError,
  isTelephonyDevice,
  readDescriptorFile,
  type HidDeviceInfo,
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
    .description('list the HID devices of this computer and which are telephony headsets')
    .option('--json', 'machine-readable output')
    .option(
      '--transport <kind>',
      `how to reach the devices: auto (Linux: linux-hidraw, elsewhere: node-hid), linux-hidraw, node-hid (default: $${HID_TRANSPORT_ENV} or auto)`,
    )
    .action(async (options: { json?: boolean; transport?: string }) => {
      // Test and diagnosis hooks: point the scan at another sysfs/dev tree.
      const sysClassDir = process.env.AGENTDESK_HIDRAW_SYS_DIR;
      const devDir = process.env.AGENTDESK_HIDRAW_DEV_DIR;
      // A fake sysfs tree is readable anywhere, so the tests of this command run on every OS.
      const platform = sysClassDir ? 'linux' : process.platform;
      const requested = options.transport ?? process.env[HID_TRANSPORT_ENV];
      const choice = chooseHidTransport(platform, requested);
      if (choice.warning) {
        if (options.transport !== undefined) throw new CliError(choice.warning);
        process.stderr.write(`${choice.warning}\n`);
      }
      const transport = createHidTransport(choice.kind, {
        clock: systemClock,
        logger: new MemoryLogger(),
        platform,
        linuxRoots: { sysClassDir, devDir },
      });
      if (!transport) throw new CliError(`no HID transport (${choice.reason})`);
      let listed: HidDeviceInfo[];
      try {
        listed = await transport.list();
      } catch (error) {
        if (error instanceof HidTransportError) throw new CliError(`${choice.kind}: ${error.message}`);
        throw error;
      }
      const devices = listed.map((device) => ({
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
      if (devices.length === 0) return void process.stdout.write(`No HID devices found (${choice.kind}).\n`);
      const lines = devices.map(
        (d) =>
          `${d.path.padEnd(14)} ${d.id}  ${d.bus.padEnd(9)} ${(d.telephony ? 'telephony' : '-').padEnd(9)} ${d.product}` +
          (d.accessible === false ? '  (no access: install the udev rule, see electron/core/hid/README.md)' : ''),
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
