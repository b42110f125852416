// `agentdesk hid …`: headset (USB HID Telephony) tools. Plain Node.
import type { Command } from 'commander';
import { describeHidDescriptor, HidDescriptorError, readDescriptorFile } from '../../../core/hid/index.js';
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
      for (const [title, controls] of [['inputs', description.inputs], ['outputs', description.outputs]] as const) {
        lines.push(`  ${title}:`);
        for (const c of controls) lines.push(`    ${c.usage.padEnd(14)} report ${c.reportId}  bit ${c.bitOffset}  size ${c.bitSize}${c.relative ? '  relative' : ''}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
