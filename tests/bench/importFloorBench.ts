// How fast SQLite alone can store what a customer import must store, on this machine: the floor under
// `importBench.ts`. Generated customers (the same as importBench's, with their search documents, ids and
// outbox payloads computed BEFORE the clock starts) are inserted with prepared statements in ONE
// transaction — no CSV, no checks, no phone normalisation, no staging. Per row: the customer, its numbers
// (1.3 on average), its FTS5 document and its outbox row; the lookup indexes are dropped and rebuilt after,
// as a bulk load does. Two runs:
//   shipped  — the store's own settings (WAL, synchronous=NORMAL) and the migrated schema;
//   relaxed  — durability off (journal_mode=OFF, synchronous=OFF, exclusive lock, 512 MB cache): the most
//              SQLite can do here, whatever an import does around it.
// If the relaxed run is slower than the 50,000 rows/s, no import design reaches that target on this
// machine. Plain Node script, not a test: `npm run bench importFloor`; BENCH_FLOOR_ROWS=200000 runs it smaller.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/database.js';
import { insertPayloadJson, reversedDigits } from '../../db/repositories/customers.js';
import { newId } from '../../db/ids.js';
import { customerSearchDocument, withDefaults } from '../../electron/core/customers/customerFields.js';
import { migrationsFolder } from '../support/paths.js';
import { generate, importRowOf } from './benchCustomers.js';

const rows = Number(process.env.BENCH_FLOOR_ROWS ?? 1_000_000);
const lookupIndexes = [
  'customers_external_id_unique',
  'customers_account_key',
  'customer_phones_e164',
  'customer_phones_digits_reversed',
];

interface PreparedRow {
  id: string;
  externalId: string;
  fields: ReturnType<typeof withDefaults>;
  phones: string[];
  search: ReturnType<typeof customerSearchDocument>;
  outboxId: string;
  payload: string;
}

function prepareRows(): PreparedRow[] {
  const prepared: PreparedRow[] = [];
  for (let i = 0; i < rows; i++) {
    const c = generate(i);
    const row = importRowOf(c);
    const fields = withDefaults(row.fields);
    const id = newId();
    const phones = row.phones;
    prepared.push({
      id,
      externalId: c.externalId,
      fields,
      phones: c.phones,
      search: customerSearchDocument(fields),
      outboxId: newId(),
      payload: insertPayloadJson(fields, id, c.externalId, phones, 1),
    });
  }
  return prepared;
}

function run(label: string, prepared: readonly PreparedRow[], relaxed: boolean): void {
  const dir = mkdtempSync(join(tmpdir(), 'agentdesk-floor-'));
  const database = openDatabase({ path: join(dir, 'floor.db'), migrationsFolder, onDamaged: 'fail' });
  const sqlite = database.sqlite;
  try {
    if (relaxed) {
      sqlite.pragma('journal_mode = OFF');
      sqlite.pragma('synchronous = OFF');
      sqlite.pragma('locking_mode = EXCLUSIVE');
    }
    sqlite.pragma(`cache_size = -${(relaxed ? 512 : 64) * 1024}`);
    const insertCustomer = sqlite.prepare(
      `INSERT INTO customers (seq, id, external_id, name, company, segment, language, account_number, account_key, tariff,
         services, address, city, email, notes, marketing_consent, do_not_call, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, 0, 0, 1, 1, 1)`,
    );
    const insertPhone = sqlite.prepare(
      `INSERT INTO customer_phones (customer_id, e164, digits_reversed, label, position, created_at) VALUES (?, ?, ?, NULL, ?, 1)`,
    );
    const insertSearch = sqlite.prepare(
      `INSERT INTO customer_fts (rowid, name, company, address, city, email, notes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertOutbox = sqlite.prepare(
      `INSERT INTO outbox (id, entity, entity_id, operation, payload, created_at) VALUES (?, 'customer', ?, 'insert', ?, 1)`,
    );
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    sqlite.transaction(() => {
      const definitions = lookupIndexes.map(
        (name) => sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(name) as string,
      );
      for (const name of lookupIndexes) sqlite.exec(`DROP INDEX ${name}`);
      sqlite.exec(`INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', ${16 * 1024 * 1024})`);
      prepared.forEach((row, i) => {
        const f = row.fields;
        insertCustomer.run(
          i + 1,
          row.id,
          row.externalId,
          f.name,
          f.company,
          f.segment,
          f.language,
          f.accountNumber,
          f.accountNumber,
          f.tariff,
          f.address,
          f.city,
          f.email,
          f.notes,
        );
        row.phones.forEach((e164, position) => insertPhone.run(row.id, e164, reversedDigits(e164), position));
        const s = row.search;
        insertSearch.run(i + 1, s.name, s.company, s.address, s.city, s.email, s.notes);
        insertOutbox.run(row.outboxId, row.id, row.payload);
      });
      for (const sql of definitions) sqlite.exec(sql);
    })();
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `${label.padEnd(8)} ${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s (${((ms * 1000) / rows).toFixed(1)} µs a row, ` +
        `${Math.round(rows / (cpuMs / 1000)).toLocaleString('en')} rows per CPU-second) — target of a whole import: ≥ 50,000 rows/s`,
    );
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const load = loadavg()
  .map((n) => n.toFixed(1))
  .join(' ');
console.log(
  `Import floor — SQLite alone storing ${rows.toLocaleString('en')} customers (number(s), search document, outbox row each), ` +
    `node ${process.version}, load average ${load} on ${cpus().length} CPUs`,
);
const prepared = prepareRows();
run('shipped', prepared, false);
run('relaxed', prepared, true);
