-- Full-text search over FOLDED text (architecture §4). Hand-written: drizzle-kit does not model FTS5.
-- The folding (NFC, Turkish İ/I/ı -> i, lower case, Latin accents stripped, Cyrillic kept but ё -> е) is done
-- in TypeScript (electron/shared/text/fold.ts) and every document is written as space-separated folded
-- tokens made only of letters, digits and combining marks. So:
--   * tokenize='ascii': splits on ASCII punctuation/space only and keeps every other character as is,
--     which is exactly the tokens TypeScript produced (unicode61 would strip й's breve, and fold
--     nothing Turkish right);
--   * contentless (content=''), contentless_delete=1: the folded text exists once, in the index; the
--     rowid is the record's `seq`, so a row is removed or replaced with DELETE / INSERT by rowid;
--   * detail=column: enough for column filters ({name company}: …) at a fraction of detail=full's size;
--     queries are built from single-token prefix terms only (db/search/ftsQuery.ts), never phrases;
--   * prefix='1 2 3 4': search-as-you-type prefixes of 1–4 characters read one precomputed doclist
--     instead of merging every term that starts with them.
-- The index is filled by the application (it cannot fold in SQL); search_index_state records with which
-- FOLD_VERSION, and core rebuilds an index whose state row is missing or older.
CREATE VIRTUAL TABLE `customer_fts` USING fts5(
	name, company, address, city, email, notes,
	content='', contentless_delete=1, detail=column, prefix='1 2 3 4', tokenize='ascii'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `catalogue_fts` USING fts5(
	name, code, description,
	content='', contentless_delete=1, detail=column, prefix='1 2 3 4', tokenize='ascii'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
	title, tags, body,
	content='', contentless_delete=1, detail=column, prefix='1 2 3 4', tokenize='ascii'
);
