// The CSV columns `agentdesk import customers` understands (others are reported and ignored). Plain Node.
// Its own module so the CLI can name them in --help without loading the importer.
export const importColumns = [
  'external_id',
  'name',
  'company',
  'phone',
  'phones',
  'email',
  'address',
  'city',
  'account',
  'tariff',
  'segment',
  'language',
  'notes',
] as const;
