// `agentdesk normalize INPUT`: what the desk makes of a caller id or a typed number (E.164), or why not.
import { Option, type Command } from 'commander';
import { loadSettings, printJson, type GlobalOptions } from '../context.js';

export function registerNormalizeCommand(program: Command): void {
  program
    .command('normalize')
    .description('normalise a caller id (number, tel:/sip: URI, "Name" <sip:…>) to E.164')
    .argument('<input>', 'the caller id or number as received or typed')
    .addOption(
      new Option(
        '--country <cc>',
        'default country for national numbers (ISO 3166 alpha-2; default: setting phone.defaultCountry)',
      ),
    )
    .addOption(
      new Option('--outside-line <digits>', 'PBX outside-line prefix to strip once (default: setting phone.outsideLinePrefix)'),
    )
    .option('--json', 'print {"e164":…} or {"error":"invalid","reason":…}; always exits 0')
    .action(async (input: string, options: { country?: string; outsideLine?: string; json?: boolean }, command: Command) => {
      const { normalizeCommandOutput } = await import('../../../core/phone/index.js');
      const settings = loadSettings(command.optsWithGlobals<GlobalOptions>());
      const output = normalizeCommandOutput(input, {
        country: options.country ?? settings.get('phone.defaultCountry'),
        outsideLine: options.outsideLine ?? (settings.get('phone.outsideLinePrefix') || undefined),
      });
      if (options.json) return printJson(output);
      if ('e164' in output) process.stdout.write(`${output.e164}\n`);
      else {
        process.stdout.write(`invalid: ${output.reason}\n`);
        process.exitCode = 1;
      }
    });
}
