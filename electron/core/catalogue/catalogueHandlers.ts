// The catalogue, knowledge and customer history commands of the contract. Plain Node (core).
// Spread into the desk services' handler map; arguments arrive already checked by the dispatcher.
import type { catalogueCommands } from '../../shared/ipc/catalogue.js';
import type { CustomerHistory } from '../customers/customerHistory.js';
import type { CommandHandlers } from '../ipc/dispatcher.js';
import type { CatalogueService } from './catalogueService.js';

export type CatalogueHandlers = Pick<CommandHandlers, keyof typeof catalogueCommands>;

export function catalogueHandlers(catalogue: CatalogueService, history: CustomerHistory): CatalogueHandlers {
  return {
    'catalogue:search': (args) => catalogue.search(args),
    'catalogue:item': ({ code, customerId }) => catalogue.item(code, customerId),
    'knowledge:article': ({ slug }) => catalogue.article(slug),
    'customers:history': ({ customerId, before, limit }) => history.page(customerId, before, limit),
  };
}
