// The customer store's part of the contract: caller card, search, import/export. Runs anywhere.
// Spread into contract.ts; the customer-store issue fills it in.
export const customerCommands = {} as const;
export const customerEvents = {} as const;
