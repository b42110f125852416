// Call-control view of a HID report descriptor (plain Node): which headset buttons and LEDs exist and where
// their bits are. Its JSON is what `agentdesk hid describe FILE --json` prints and what hidReportCodec reads.
import {
  formatUsage,
  indexOfUsage,
  parseHidDescriptor,
  type HidField,
  type HidReportKind,
  type ParsedHidDescriptor,
} from './parseHidDescriptor.js';
import { HID_CONTROLS, LED_PAGE, TELEPHONY_PAGE, fullUsage, type HidControlName } from './telephonyUsages.js';

/** Widest field the codec reads into a JS number without losing bits. */
const MAX_CONTROL_BITS = 32;

export interface HidControl {
  usage: HidControlName;
  usagePage: number;
  usageId: number;
  kind: HidReportKind;
  /** 0 when the device uses no report IDs. */
  reportId: number;
  /** First bit of the control (of the array's first slot), counted from the first bit after the report-ID byte. */
  bitOffset: number;
  bitSize: number;
  logicalMin: number;
  logicalMax: number;
  /** Main item bit 2: the control reports changes (e.g. a mute toggle press), not a state. */
  relative: boolean;
  /** Main item bit 6: values outside logicalMin..logicalMax mean "no value". */
  nullState: boolean;
  /** The control is one entry of an Array field: it is active when any slot holds `arrayIndex`. */
  array: boolean;
  /** Array only: the value a slot holds when this usage is active. */
  arrayIndex?: number;
  /** Array only: how many slots of `bitSize` bits follow `bitOffset` (the index range is logicalMin..logicalMax). */
  arraySlots?: number;
  /** Usage of the top-level collection the control belongs to, e.g. "0x000B0005" (Telephony: Headset). */
  topLevelCollection: string;
}

export interface HidReportSize {
  kind: HidReportKind;
  reportId: number;
  /** Data bytes, without the report-ID byte. */
  byteLength: number;
}

export interface HidDescription {
  /** At least one Telephony-page control was found: AgentDesk can use this device for call control. */
  telephony: boolean;
  usesReportIds: boolean;
  inputs: HidControl[];
  outputs: HidControl[];
  features: HidControl[];
  /** Every report the descriptor declares, so the codec can check lengths and unknown IDs. */
  reports: HidReportSize[];
  topLevelCollections: string[];
  warnings: string[];
}

export function describeHidDescriptor(bytes: Uint8Array): HidDescription {
  return describeParsedDescriptor(parseHidDescriptor(bytes));
}

export function describeParsedDescriptor(parsed: ParsedHidDescriptor): HidDescription {
  const warnings = [...parsed.warnings];
  const controls: HidControl[] = [];
  for (const field of parsed.fields) {
    // Constant fields are padding or fixed values; nothing a person presses or a softphone sets.
    if (field.constant) continue;
    for (const definition of HID_CONTROLS) {
      // LED usages are generic (keyboards have a Mute LED too): only the ones inside a Telephony top-level
      // collection belong to the headset. Every real device in our test data puts its LEDs there.
      if (definition.page === LED_PAGE && Math.floor(field.topLevelUsage / 0x10000) !== TELEPHONY_PAGE) continue;
      const control = locateControl(field, definition.name, fullUsage(definition.page, definition.id), warnings);
      if (control) controls.push(control);
    }
  }
  controls.sort((a, b) => a.reportId - b.reportId || a.bitOffset - b.bitOffset || (a.arrayIndex ?? 0) - (b.arrayIndex ?? 0));
  const reports = parsed.reports
    .filter((report) => !(parsed.usesReportIds && report.reportId === 0))
    .map((report) => ({ kind: report.kind, reportId: report.reportId, byteLength: Math.ceil(report.bitLength / 8) }));
  const topLevelCollections = parsed.collections
    .filter((collection) => collection.depth === 0)
    .map((collection) => formatUsage(collection.usage));
  return {
    telephony: controls.some((control) => control.usagePage === TELEPHONY_PAGE),
    usesReportIds: parsed.usesReportIds,
    inputs: controls.filter((control) => control.kind === 'input'),
    outputs: controls.filter((control) => control.kind === 'output'),
    features: controls.filter((control) => control.kind === 'feature'),
    reports,
    topLevelCollections,
    warnings,
  };
}

function locateControl(field: HidField, name: HidControlName, usage: number, warnings: string[]): HidControl | undefined {
  const index = indexOfUsage(field, usage);
  if (index < 0) return undefined;
  const where = `${name} in ${field.kind} report ${field.reportId} (descriptor byte ${field.itemOffset})`;
  if (field.bitSize === 0 || field.bitSize > MAX_CONTROL_BITS) {
    warnings.push(`${where} skipped: ${field.bitSize}-bit fields are not supported`);
    return undefined;
  }
  const common = {
    usage: name,
    usagePage: Math.floor(usage / 0x10000),
    usageId: usage % 0x10000,
    kind: field.kind,
    reportId: field.reportId,
    bitSize: field.bitSize,
    logicalMin: field.logicalMin,
    logicalMax: field.logicalMax,
    relative: field.relative,
    nullState: field.nullState,
    topLevelCollection: formatUsage(field.topLevelUsage),
  };
  if (field.array) {
    // Array (§6.2.2.5, Main bit 1 clear): a slot value v selects usage number v - Logical Minimum.
    const arrayIndex = field.logicalMin + index;
    if (field.count === 0) return undefined;
    if (arrayIndex > field.logicalMax) {
      warnings.push(`${where} unreachable: its array index ${arrayIndex} is above Logical Maximum ${field.logicalMax}`);
      return undefined;
    }
    return { ...common, bitOffset: field.bitOffset, array: true, arrayIndex, arraySlots: field.count };
  }
  // Variable: the usage's position is its slot. A usage listed past Report Count has no bits; the last usage
  // repeated over extra slots (a buffer) is reported once, at its first slot.
  if (index >= field.count) return undefined;
  return { ...common, bitOffset: field.bitOffset + index * field.bitSize, array: false };
}
