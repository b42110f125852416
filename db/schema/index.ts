// The database schema, one module per domain. drizzle-kit reads this file to generate migrations.
export * from './sync.js';
export * from './customers.js';
export * from './calls.js';
export * from './tickets.js';
export * from './catalogue.js';
export * from './orders.js';
export * from './search.js';
export * from './workflow.js';
