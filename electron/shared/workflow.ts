// The agent workflow's vocabulary: agent states, not-ready reasons, after-call-work modes and disposition
// codes with their typed wrap-up fields. Runs anywhere (core validates with it, the renderer renders from it).
// Reasons and dispositions are settings (`agent.*`, `workflow.*`): IT provisions them per centre.
import { z } from 'zod';

export const agentStates = ['loggedOut', 'available', 'notReady', 'ringing', 'onCall', 'wrapUp', 'break'] as const;
export type AgentState = (typeof agentStates)[number];
export const agentStateSchema = z.enum(agentStates);

/** A code the centre's reports use: lower-case ASCII, digits, `_` and `-`. */
export const workflowCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be 1–32 lower-case letters, digits, _ or -');

/** Text the operator sees, per locale; English is required so every desk has something to show. */
export const localizedLabel = z
  .object({
    en: z.string().min(1).max(120),
    tr: z.string().min(1).max(120).optional(),
    ru: z.string().min(1).max(120).optional(),
  })
  .strict();
export type LocalizedLabel = z.infer<typeof localizedLabel>;

/** The label in `locale`, else English. */
export function labelIn(label: LocalizedLabel, locale: string): string {
  return (label as Record<string, string | undefined>)[locale] ?? label.en;
}

export const notReadyReasonSchema = z
  .object({
    code: workflowCode,
    /** `break` reasons put the agent in Break (paid pause), the others in Not ready. */
    kind: z.enum(['notReady', 'break']),
    label: localizedLabel,
    /** Warn the operator (and log it) when the state lasts longer than this; absent = no limit. */
    maxDurationSeconds: z.number().int().min(10).max(24 * 3600).optional(),
  })
  .strict();
export type NotReadyReason = z.infer<typeof notReadyReasonSchema>;

/**
 * After-call work (ACW), as contact-center suites offer it:
 * - `optional`: the operator may go Available without a wrap-up;
 * - `mandatory`: Wrap-up until submitted; with `limitSeconds` > 0 the default disposition is filed when time runs out;
 * - `timeboxed`: Wrap-up lasts exactly `limitSeconds`, submitted or not (no early exit), then the default applies.
 */
export const afterCallWorkSchema = z
  .object({
    mode: z.enum(['optional', 'mandatory', 'timeboxed']),
    /** 0 = no time limit (not allowed for `timeboxed`). */
    limitSeconds: z.number().int().min(0).max(3600),
    /** Filed when the time runs out without a submitted wrap-up; '' = none (the draft is kept, state moves on). */
    defaultDisposition: z.union([workflowCode, z.literal('')]),
    /** A disposition must be chosen before the operator can become Available. */
    requireDisposition: z.boolean(),
  })
  .strict()
  .refine((acw) => acw.mode !== 'timeboxed' || acw.limitSeconds > 0, {
    message: 'timeboxed after-call work needs limitSeconds above 0',
    path: ['limitSeconds'],
  });
export type AfterCallWork = z.infer<typeof afterCallWorkSchema>;

const choiceOption = z.object({ value: workflowCode, label: localizedLabel }).strict();

/** A typed custom field on a disposition's wrap-up form. */
export const dispositionFieldSchema = z
  .object({
    id: workflowCode,
    label: localizedLabel,
    type: z.enum(['text', 'number', 'date', 'choice', 'multiChoice']),
    required: z.boolean().default(false),
    /** text: maximum length; number: range. */
    maxLength: z.number().int().min(1).max(10_000).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** choice / multiChoice. */
    options: z.array(choiceOption).min(1).max(50).optional(),
  })
  .strict()
  .refine((field) => (field.type === 'choice' || field.type === 'multiChoice') === (field.options !== undefined), {
    message: 'choice and multiChoice fields need options; other types take none',
    path: ['options'],
  });
export type DispositionField = z.infer<typeof dispositionFieldSchema>;

export const dispositionFlags = ['sale', 'complaint', 'callback', 'doNotCall', 'positiveContact'] as const;
export type DispositionFlag = (typeof dispositionFlags)[number];

export const dispositionSchema = z
  .object({
    code: workflowCode,
    label: localizedLabel,
    /** What the disposition means for reports and for the wrap-up form (callback → the callback part opens). */
    flags: z.array(z.enum(dispositionFlags)).max(dispositionFlags.length).default([]),
    subcodes: z.array(z.object({ code: workflowCode, label: localizedLabel }).strict()).max(50).default([]),
    fields: z.array(dispositionFieldSchema).max(30).default([]),
  })
  .strict();
export type Disposition = z.infer<typeof dispositionSchema>;

const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], context: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(key(item))) context.addIssue({ code: 'custom', message: `${what} "${key(item)}" appears twice` });
      seen.add(key(item));
    }
  };

export const notReadyReasonsSchema = z
  .array(notReadyReasonSchema)
  .min(1)
  .max(50)
  .superRefine(uniqueBy((reason) => reason.code, 'reason code'));

export const dispositionsSchema = z
  .array(dispositionSchema)
  .min(1)
  .max(99)
  .superRefine(uniqueBy((disposition) => disposition.code, 'disposition code'));

// ---- Built-in defaults (a centre provisions its own) ----

export const builtinNotReadyReasons: NotReadyReason[] = [
  { code: 'break', kind: 'break', label: { en: 'Break', tr: 'Mola', ru: 'Перерыв' }, maxDurationSeconds: 15 * 60 },
  { code: 'lunch', kind: 'break', label: { en: 'Lunch', tr: 'Yemek', ru: 'Обед' }, maxDurationSeconds: 45 * 60 },
  { code: 'meeting', kind: 'notReady', label: { en: 'Meeting', tr: 'Toplantı', ru: 'Совещание' } },
  { code: 'training', kind: 'notReady', label: { en: 'Training', tr: 'Eğitim', ru: 'Обучение' } },
  {
    code: 'backoffice',
    kind: 'notReady',
    label: { en: 'Back-office work', tr: 'Arka ofis işi', ru: 'Бэк-офис' },
  },
  {
    code: 'technical',
    kind: 'notReady',
    label: { en: 'Technical problem', tr: 'Teknik sorun', ru: 'Техническая проблема' },
    maxDurationSeconds: 10 * 60,
  },
];

export const builtinAfterCallWork: AfterCallWork = {
  mode: 'mandatory',
  limitSeconds: 120,
  defaultDisposition: 'no-outcome',
  requireDisposition: true,
};

export const builtinDispositions: Disposition[] = [
  {
    code: 'resolved',
    label: { en: 'Resolved', tr: 'Çözüldü', ru: 'Решено' },
    flags: ['positiveContact'],
    subcodes: [
      { code: 'info', label: { en: 'Information given', tr: 'Bilgi verildi', ru: 'Предоставлена информация' } },
      { code: 'change', label: { en: 'Change made', tr: 'Değişiklik yapıldı', ru: 'Изменение внесено' } },
    ],
    fields: [],
  },
  {
    code: 'sale',
    label: { en: 'Sale', tr: 'Satış', ru: 'Продажа' },
    flags: ['sale', 'positiveContact'],
    subcodes: [],
    fields: [
      {
        id: 'channel',
        label: { en: 'Contract channel', tr: 'Sözleşme kanalı', ru: 'Канал договора' },
        type: 'choice',
        required: true,
        options: [
          { value: 'sms', label: { en: 'SMS approval', tr: 'SMS onayı', ru: 'Подтверждение по SMS' } },
          { value: 'courier', label: { en: 'Courier', tr: 'Kurye', ru: 'Курьер' } },
          { value: 'store', label: { en: 'In store', tr: 'Mağazada', ru: 'В магазине' } },
        ],
      },
    ],
  },
  {
    code: 'complaint',
    label: { en: 'Complaint', tr: 'Şikâyet', ru: 'Жалоба' },
    flags: ['complaint'],
    subcodes: [
      { code: 'billing', label: { en: 'Billing', tr: 'Fatura', ru: 'Счёт' } },
      { code: 'network', label: { en: 'Network / coverage', tr: 'Şebeke / kapsama', ru: 'Сеть / покрытие' } },
      { code: 'service', label: { en: 'Customer service', tr: 'Müşteri hizmetleri', ru: 'Обслуживание' } },
    ],
    fields: [],
  },
  {
    code: 'callback',
    label: { en: 'Call back', tr: 'Geri aranacak', ru: 'Перезвонить' },
    flags: ['callback'],
    subcodes: [],
    fields: [],
  },
  {
    code: 'not-interested',
    label: { en: 'Not interested', tr: 'İlgilenmiyor', ru: 'Не заинтересован' },
    flags: [],
    subcodes: [],
    fields: [],
  },
  {
    code: 'do-not-call',
    label: { en: 'Do not call again', tr: 'Bir daha aranmasın', ru: 'Больше не звонить' },
    flags: ['doNotCall'],
    subcodes: [],
    fields: [],
  },
  {
    code: 'no-outcome',
    label: { en: 'No outcome', tr: 'Sonuçsuz', ru: 'Без результата' },
    flags: [],
    subcodes: [],
    fields: [],
  },
];
