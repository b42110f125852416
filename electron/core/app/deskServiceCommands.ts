// Which contract commands the desk services answer (see deskServices.ts). Plain Node; tiny on purpose,
// so core.ts can route them before the services' own modules are loaded.
import { agentCommands } from '../../shared/ipc/agent.js';
import { catalogueCommands } from '../../shared/ipc/catalogue.js';
import { customerCommands } from '../../shared/ipc/customers.js';
import { devicesCommands } from '../../shared/ipc/devices.js';
import { scriptCommands } from '../../shared/ipc/scripts.js';
import { softphoneCommands } from '../../shared/ipc/softphone.js';
import { workspaceCommands } from '../../shared/ipc/workspace.js';
import { wrapUpCommands } from '../../shared/ipc/wrapUp.js';

export type DeskServiceCommandName =
  | keyof typeof softphoneCommands
  | keyof typeof customerCommands
  | keyof typeof devicesCommands
  | keyof typeof catalogueCommands
  | keyof typeof agentCommands
  | keyof typeof wrapUpCommands
  | keyof typeof scriptCommands
  | keyof typeof workspaceCommands;

export const deskServiceCommandNames = [
  ...Object.keys(softphoneCommands),
  ...Object.keys(customerCommands),
  ...Object.keys(devicesCommands),
  ...Object.keys(catalogueCommands),
  ...Object.keys(agentCommands),
  ...Object.keys(wrapUpCommands),
  ...Object.keys(scriptCommands),
  ...Object.keys(workspaceCommands),
] as DeskServiceCommandName[];
