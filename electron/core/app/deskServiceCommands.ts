// Which contract commands the desk services answer (see deskServices.ts). Plain Node; tiny on purpose,
// so core.ts can route them before the services' own modules are loaded.
import { customerCommands } from '../../shared/ipc/customers.js';
import { softphoneCommands } from '../../shared/ipc/softphone.js';

export type DeskServiceCommandName = keyof typeof softphoneCommands | keyof typeof customerCommands;

export const deskServiceCommandNames = [
  ...Object.keys(softphoneCommands),
  ...Object.keys(customerCommands),
] as DeskServiceCommandName[];
