// Reads headset input reports and builds LED/ringer output reports from a HidDescription (plain Node, pure).
// Bit layout (HID 1.11 §5.8, §8.4): report data is little-endian, bit 0 is the least significant bit of the
// first data byte; offsets start after the report-ID byte, which exists only when the device uses report IDs.
import type { HidControl, HidDescription } from './describeHidDescriptor.js';
import { HidDescriptorError } from './hidDescriptorError.js';
import { isHidControlName, type HidControlName } from './telephonyUsages.js';

export type HidControlValues = Partial<Record<HidControlName, number>>;

export interface DecodedInputReport {
  reportId: number;
  /** Every call-control usage this report carries, with its current value (1/0 for buttons and switches). */
  values: HidControlValues;
  /** The entries of `values` that differ from `previous` (all of them when there is no previous state). */
  changes: HidControlValues;
}

export interface EncodedOutputReport {
  reportId: number;
  /** Data without the report-ID byte, as WebHID's sendReport(reportId, data) takes it. */
  payload: Uint8Array;
  /** Report-ID byte (0 when the device uses none) + payload, as hidapi hid_write() and Linux hidraw write() take it. */
  bytesForWrite: Uint8Array;
}

/**
 * Decodes a report as hidapi/hidraw read() delivers it: with the report-ID byte first when the device uses
 * report IDs, data only when it does not.
 */
export function decodeInputReport(
  description: HidDescription,
  report: Uint8Array,
  previous?: HidControlValues,
): DecodedInputReport {
  if (report.length === 0) throw new HidDescriptorError('report', 'Empty input report');
  if (description.usesReportIds) return decodeInputPayload(description, report[0]!, report.subarray(1), previous);
  return decodeInputPayload(description, 0, report, previous);
}

/** Decodes a report as WebHID's inputreport event delivers it: report ID apart, data without it. */
export function decodeInputPayload(
  description: HidDescription,
  reportId: number,
  payload: Uint8Array,
  previous?: HidControlValues,
): DecodedInputReport {
  const declared = description.reports.find((report) => report.kind === 'input' && report.reportId === reportId);
  if (!declared) throw new HidDescriptorError('report', `Input report ${reportId} is not declared by this device`);
  if (payload.length === 0 && declared.byteLength > 0) {
    throw new HidDescriptorError('report', `Input report ${reportId} arrived without data`);
  }
  const values: HidControlValues = {};
  for (const control of description.inputs) {
    if (control.reportId !== reportId) continue;
    const value = readControl(control, payload);
    if (value === undefined) continue;
    // A usage declared twice in one report (rare) is active when any copy is: a pressed button wins.
    const earlier = values[control.usage];
    if (earlier === undefined || earlier === 0) values[control.usage] = value;
  }
  const changes: HidControlValues = {};
  for (const [usage, value] of Object.entries(values) as [HidControlName, number][]) {
    if (previous?.[usage] !== value) changes[usage] = value;
  }
  return { reportId, values, changes };
}

/**
 * Builds the output reports that set the given LEDs/ringer. A report carries several controls on most
 * headsets (Jabra, Yealink, EPOS pack all LEDs in one), so every control of a touched report is written:
 * from `values` when given, otherwise its "off" value (0, or the in-range value closest to 0). Callers pass
 * the whole LED state they want, not a delta. Reports with none of the given usages are not built.
 */
export function encodeOutputReports(
  description: HidDescription,
  values: Partial<Record<HidControlName, number | boolean>>,
): EncodedOutputReport[] {
  const wanted = new Map<HidControlName, number>();
  for (const [usage, raw] of Object.entries(values)) {
    if (raw === undefined) continue;
    if (!isHidControlName(usage)) throw new HidDescriptorError('report', `Unknown control "${usage}"`);
    const value = typeof raw === 'boolean' ? Number(raw) : raw;
    if (!Number.isInteger(value)) throw new HidDescriptorError('report', `${usage} must be an integer or a boolean`);
    wanted.set(usage, value);
  }
  const reportIds = [...new Set(description.outputs.filter((control) => wanted.has(control.usage)).map((c) => c.reportId))];
  return reportIds.map((reportId) => {
    const declared = description.reports.find((report) => report.kind === 'output' && report.reportId === reportId);
    if (!declared) throw new HidDescriptorError('report', `Output report ${reportId} is not declared by this device`);
    const payload = new Uint8Array(declared.byteLength);
    const arraySlotsUsed = new Map<number, number>();
    for (const control of description.outputs) {
      if (control.reportId !== reportId) continue;
      const value = wanted.get(control.usage);
      if (control.array) {
        if (!value) continue; // unused slots stay 0, which selects nothing when Logical Minimum is 1
        const used = arraySlotsUsed.get(control.bitOffset) ?? 0;
        if (used >= (control.arraySlots ?? 1)) {
          throw new HidDescriptorError('report', `Too many controls set at once in output report ${reportId}`);
        }
        arraySlotsUsed.set(control.bitOffset, used + 1);
        writeBits(payload, control.bitOffset + used * control.bitSize, control.bitSize, control.arrayIndex ?? 0);
        continue;
      }
      const resolved = value ?? offValue(control);
      if (resolved < control.logicalMin || resolved > control.logicalMax) {
        throw new HidDescriptorError(
          'report',
          `${control.usage} = ${resolved} is outside ${control.logicalMin}..${control.logicalMax}`,
        );
      }
      writeBits(payload, control.bitOffset, control.bitSize, resolved);
    }
    const bytesForWrite = new Uint8Array(payload.length + 1);
    bytesForWrite[0] = reportId;
    bytesForWrite.set(payload, 1);
    return { reportId, payload, bytesForWrite };
  });
}

function offValue(control: HidControl): number {
  return Math.min(Math.max(0, control.logicalMin), control.logicalMax);
}

function readControl(control: HidControl, payload: Uint8Array): number | undefined {
  if (control.array) {
    const slots = control.arraySlots ?? 1;
    let available = 0;
    for (let slot = 0; slot < slots; slot++) {
      const offset = control.bitOffset + slot * control.bitSize;
      if (offset + control.bitSize > payload.length * 8) break;
      available++;
      if (readSigned(control, payload, offset) === control.arrayIndex) return 1;
    }
    return available > 0 ? 0 : undefined;
  }
  // Linux pads short reports with zeros; we leave the missing controls out instead, so a truncated report
  // cannot read as "hook switch released" and hang up a call.
  if (control.bitOffset + control.bitSize > payload.length * 8) return undefined;
  const value = readSigned(control, payload, control.bitOffset);
  if (control.nullState && (value < control.logicalMin || value > control.logicalMax)) return undefined;
  return value;
}

/** Fields are signed only when Logical Minimum is negative (§6.2.2.7 "otherwise ... unsigned"). */
function readSigned(control: HidControl, payload: Uint8Array, offset: number): number {
  const raw = readBits(payload, offset, control.bitSize);
  if (control.logicalMin < 0 && raw >= 2 ** (control.bitSize - 1)) return raw - 2 ** control.bitSize;
  return raw;
}

export function readBits(bytes: Uint8Array, bitOffset: number, bitSize: number): number {
  let value = 0;
  for (let i = 0; i < bitSize; i++) {
    const bit = bitOffset + i;
    if ((bytes[bit >> 3]! >> (bit & 7)) & 1) value += 2 ** i;
  }
  return value;
}

export function writeBits(bytes: Uint8Array, bitOffset: number, bitSize: number, value: number): void {
  // Two's complement at the field's width, so negative logical values land as the device expects.
  const encoded = value < 0 ? value + 2 ** bitSize : value;
  for (let i = 0; i < bitSize; i++) {
    const bit = bitOffset + i;
    const set = Math.floor(encoded / 2 ** i) % 2 === 1;
    if (set) bytes[bit >> 3]! |= 1 << (bit & 7);
    else bytes[bit >> 3]! &= ~(1 << (bit & 7));
  }
}
