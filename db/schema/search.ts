// Bookkeeping of the folded full-text indexes (the FTS5 tables themselves are in migration 0002). Plain Node.
// The folding rules live in TypeScript (electron/shared/text/fold.ts), not in SQL, so the index is only
// as current as the rules it was built with: core compares `fold_version` and rebuilds when it differs.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestampColumn } from './common.js';

export const searchIndexState = sqliteTable('search_index_state', {
  /** customer_fts, catalogue_fts, knowledge_fts. */
  name: text('name').primaryKey(),
  foldVersion: integer('fold_version').notNull(),
  rebuiltAt: timestampColumn('rebuilt_at').notNull(),
});
