// The settings model: every key, its value schema and built-in default. Runs anywhere.
// Precedence (architecture §5): policy (locked by IT) > user > provisioned defaults > built-in.
import { z } from 'zod';

export const locales = ['tr', 'en', 'ru'] as const;
export type Locale = (typeof locales)[number];

// A SIP-over-WebSocket server: ws:// or wss://, a host, optional port and path. (No URL global here:
// shared code runs in every tier and is compiled without DOM or Node types.)
const wsUrl = z
  .string()
  .max(2048)
  .regex(/^wss?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\/[^\s?#]*)?$/i, 'must be a ws:// or wss:// URL');

const iceServer = z
  .object({
    urls: z.union([z.string().max(2048), z.array(z.string().max(2048)).min(1).max(16)]),
    username: z.string().max(512).optional(),
    credential: z.string().max(512).optional(),
  })
  .strict();

const shortText = z.string().max(256);

/**
 * Every setting, by dotted key. The value schema validates user input, provisioning files and
 * the stored user layer alike; `builtin` is the last-resort default.
 */
export const settingDefinitions = {
  'sip.servers': { schema: z.array(wsUrl).max(16), builtin: [] as string[] },
  'sip.domain': { schema: shortText, builtin: '' },
  'sip.user': { schema: shortText, builtin: '' },
  'sip.authUser': { schema: shortText, builtin: '' },
  'sip.displayName': { schema: shortText, builtin: '' },
  'sip.iceServers': { schema: z.array(iceServer).max(16), builtin: [] as z.infer<typeof iceServer>[] },
  /** ISO 3166 alpha-2 country for national numbers (caller ids without +, typed numbers). */
  'phone.defaultCountry': { schema: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as TR'), builtin: 'TR' },
  /** Digits the PBX needs before an outside number (e.g. 9 or 0); empty when none. */
  'phone.outsideLinePrefix': { schema: z.string().regex(/^[0-9]{0,4}$/, 'must be up to 4 digits'), builtin: '' },
  'ui.locale': { schema: z.enum(['system', ...locales]), builtin: 'system' as 'system' | Locale },
  'ui.theme': { schema: z.enum(['system', 'light', 'dark']), builtin: 'system' as 'system' | 'light' | 'dark' },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefinitions)[K]['schema']>;
export type SettingsValues = { [K in SettingKey]: SettingValue<K> };

export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];
export const settingKeySchema = z.enum(settingKeys as [SettingKey, ...SettingKey[]]);

export const settingSources = ['policy', 'user', 'defaults', 'builtin'] as const;
export type SettingSource = (typeof settingSources)[number];

export const effectiveSettingSchema = z
  .object({
    key: settingKeySchema,
    value: z.unknown(),
    source: z.enum(settingSources),
    locked: z.boolean(),
    lockReason: z.string().optional(),
  })
  .strict();
export type EffectiveSetting = z.infer<typeof effectiveSettingSchema>;

export const settingsProblemSchema = z
  .object({ file: z.string(), field: z.string(), message: z.string() })
  .strict();
export type SettingsProblem = z.infer<typeof settingsProblemSchema>;

export const effectiveSettingsSchema = z
  .object({
    settings: z.array(effectiveSettingSchema),
    problems: z.array(settingsProblemSchema),
    provisioningFile: z.string().nullable(),
  })
  .strict();
export type EffectiveSettings = z.infer<typeof effectiveSettingsSchema>;

/** Reads one value out of an effective-settings answer, typed by key. */
export function settingValue<K extends SettingKey>(all: EffectiveSettings, key: K): SettingValue<K> {
  const found = all.settings.find((s) => s.key === key);
  return (found ? found.value : settingDefinitions[key].builtin) as SettingValue<K>;
}
