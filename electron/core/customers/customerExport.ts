// `agentdesk export customers|interactions FILE.csv`: every row streamed from SQLite to a CSV file.
// Plain Node (core). Customer columns use the import's header names first, so an export imports back
// (the extra columns are reported and ignored); cells are formula-escaped (see csv/csvWriter.ts).
import { importColumns } from './importColumns.js';
import { InteractionRepository } from '../../../db/repositories/interactions.js';
import type { CustomerService } from './customerService.js';
import { CsvFileWriter, excelTurkish, rfc4180 } from './csv/csvWriter.js';

export interface ExportOptions {
  /** `;` and a BOM, for Excel with Turkish (or most continental) regional settings. */
  excelTurkish?: boolean;
}

export interface ExportSummary {
  file: string;
  rows: number;
  delimiter: ',' | ';';
  bom: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The import's columns first (without the single `phone`: `phones` carries them all), so an export imports
 * back unchanged; then what only the desk knows.
 */
export const customerExportColumns = [
  ...importColumns.filter((column) => column !== 'phone'),
  'services',
  'marketing_consent',
  'do_not_call',
  'id',
  'version',
  'created_at',
  'updated_at',
] as const;

export function exportCustomersCsv(service: CustomerService, path: string, options: ExportOptions = {}): ExportSummary {
  const format = options.excelTurkish ? excelTurkish : rfc4180;
  const writer = new CsvFileWriter(path, format);
  try {
    writer.write(customerExportColumns);
    for (const c of service.repository.exportRows()) {
      writer.write([
        c.externalId,
        c.name,
        c.company,
        c.phones,
        c.email,
        c.address,
        c.city,
        c.accountNumber,
        c.tariff,
        c.segment,
        c.language,
        c.notes,
        c.services.join(' | '),
        c.marketingConsent ? 'yes' : 'no',
        c.doNotCall ? 'yes' : 'no',
        c.id,
        c.version,
        iso(c.createdAt),
        iso(c.updatedAt),
      ]);
    }
  } finally {
    writer.close();
  }
  return { file: path, rows: writer.rows - 1, delimiter: format.delimiter, bom: format.bom };
}

export const interactionExportColumns = [
  'occurred_at',
  'kind',
  'direction',
  'outcome',
  'notes',
  'agent',
  'customer_external_id',
  'customer_name',
  'phone',
  'duration_s',
  'customer_id',
  'call_id',
  'id',
] as const;

export function exportInteractionsCsv(service: CustomerService, path: string, options: ExportOptions = {}): ExportSummary {
  const format = options.excelTurkish ? excelTurkish : rfc4180;
  const writer = new CsvFileWriter(path, format);
  try {
    writer.write(interactionExportColumns);
    for (const i of new InteractionRepository(service.database.sqlite).exportRows()) {
      writer.write([
        iso(i.occurredAt),
        i.kind,
        i.direction,
        i.outcome,
        i.notes,
        i.agent,
        i.customerExternalId,
        i.customerName,
        i.e164,
        i.durationMs === null ? null : Math.round(i.durationMs / 1000),
        i.customerId,
        i.callId,
        i.id,
      ]);
    }
  } finally {
    writer.close();
  }
  return { file: path, rows: writer.rows - 1, delimiter: format.delimiter, bom: format.bom };
}
