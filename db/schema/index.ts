// The database schema, one module per domain. drizzle-kit reads this file to generate migrations.
export * from './sync.js';
