// Column helpers shared by every table. Plain Node (drizzle schema definitions).
// Every record is syncable: a UUIDv7 text id and millisecond timestamps (architecture §4).
import { integer, text } from 'drizzle-orm/sqlite-core';

export const idColumn = () => text('id').primaryKey().notNull();
/** Milliseconds since the epoch, set by the desk's clock (never used to decide a sync conflict). */
export const timestampColumn = (name: string) => integer(name, { mode: 'number' });
