// The softphone's part of the contract: SIP registration and call control commands and events.
// Runs anywhere. Spread into contract.ts; the softphone issue fills it in.
export const softphoneCommands = {} as const;
export const softphoneEvents = {} as const;
