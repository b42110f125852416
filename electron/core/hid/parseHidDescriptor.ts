// HID 1.11 report-descriptor parser (plain Node): items → report fields with bit offsets, usages, collections.
// Generic on purpose (any usage page); describeHidDescriptor picks the call-control usages out of it.
//
// Rules we follow, with the reason where we differ from a naive reading:
// - Usage Page is applied when the Main item comes (§6.2.2.8), so `Usage; Usage Page; Input` takes the later
//   page. 4-byte (extended) usages carry their own page and are left alone. (Linux instead completes usages
//   with the page in force when each Usage is read and re-completes only trailing ones at the Main item;
//   it differs from the spec only for mixed pages such as `09 07 05 09 09 01`, none of which we track.)
// - Logical Min/Max are signed at their item width (§6.2.2.7). Devices that write `15 00 25 FF` mean 0..255;
//   like Linux hid-core we read a Maximum as unsigned when the Minimum is ≥ 0 and the signed reading would
//   fall below it.
// - Limits come from the Linux kernel (drivers/hid/hid-core.c), since a descriptor it refuses never reaches
//   an application: Report Size ≤ 256, Report Count ≤ 12288 (HID_MAX_USAGES), Report ID 1..255, one report
//   ≤ 16383 bytes of data (HID_MAX_BUFFER_SIZE 16384 minus the ID byte). Unknown global tags are errors
//   there too; unknown main/local tags and reserved item types are skipped with a warning.
// - Usage Minimum/Maximum ranges are kept as ranges, never expanded (a 0..0xFFFF range costs nothing).
// - Inside a Delimiter set only the first usage counts: the others are alternatives for the same control.
import { HidDescriptorError } from './hidDescriptorError.js';
import { readHidItems, type HidItem } from './hidItems.js';

export type HidReportKind = 'input' | 'output' | 'feature';

/** A run of 32-bit usages (page << 16 | id); a single Usage item gives first === last. */
export interface HidUsageSpan {
  first: number;
  last: number;
}

export interface HidField {
  kind: HidReportKind;
  /** 0 when the device uses no report IDs. */
  reportId: number;
  /** Bit position of the field's first slot, counted from the first bit after the report-ID byte. */
  bitOffset: number;
  /** Report Size: bits per slot. */
  bitSize: number;
  /** Report Count: number of slots. */
  count: number;
  /** The Main item's data bits (§6.2.2.5). */
  flags: number;
  constant: boolean;
  /** Bit 1 clear: each slot holds an index into `usages` instead of a value of one usage. */
  array: boolean;
  relative: boolean;
  nullState: boolean;
  logicalMin: number;
  logicalMax: number;
  usages: HidUsageSpan[];
  usageCount: number;
  /** Usage of the top-level collection the field sits in, 0 outside any collection. */
  topLevelUsage: number;
  /** Byte offset of the Main item in the descriptor (for messages and debugging). */
  itemOffset: number;
}

export interface HidCollection {
  type: number;
  usage: number;
  depth: number;
  parent: number;
  itemOffset: number;
}

export interface HidReportLayout {
  kind: HidReportKind;
  reportId: number;
  bitLength: number;
}

export interface ParsedHidDescriptor {
  usesReportIds: boolean;
  /** Fields that carry at least one usage, in descriptor order. Padding is only counted in bit offsets. */
  fields: HidField[];
  collections: HidCollection[];
  reports: HidReportLayout[];
  warnings: string[];
}

export const MAX_REPORT_SIZE_BITS = 256;
export const MAX_REPORT_COUNT = 12288;
export const MAX_REPORT_DATA_BYTES = 16383;
const MAX_WARNINGS = 50;

const MAIN_INPUT = 0x8;
const MAIN_OUTPUT = 0x9;
const MAIN_COLLECTION = 0xa;
const MAIN_FEATURE = 0xb;
const MAIN_END_COLLECTION = 0xc;

const GLOBAL_USAGE_PAGE = 0x0;
const GLOBAL_LOGICAL_MIN = 0x1;
const GLOBAL_LOGICAL_MAX = 0x2;
const GLOBAL_REPORT_SIZE = 0x7;
const GLOBAL_REPORT_ID = 0x8;
const GLOBAL_REPORT_COUNT = 0x9;
const GLOBAL_PUSH = 0xa;
const GLOBAL_POP = 0xb;
/** Physical Min/Max, Unit Exponent, Unit: valid, but nothing in call control depends on them. */
const GLOBAL_IGNORED = new Set([0x3, 0x4, 0x5, 0x6]);

const LOCAL_USAGE = 0x0;
const LOCAL_USAGE_MIN = 0x1;
const LOCAL_USAGE_MAX = 0x2;
const LOCAL_DELIMITER = 0xa;
/** Designator and String indexes/ranges: valid, not needed here. */
const LOCAL_IGNORED = new Set([0x3, 0x4, 0x5, 0x7, 0x8, 0x9]);

export const MAIN_FLAG_CONSTANT = 1 << 0;
export const MAIN_FLAG_VARIABLE = 1 << 1;
export const MAIN_FLAG_RELATIVE = 1 << 2;
export const MAIN_FLAG_NULL_STATE = 1 << 6;

interface GlobalState {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  /** The Logical Maximum item read as unsigned, for the `15 00 25 FF` fix-up. */
  logicalMaxUnsigned: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

/** A Usage, Usage Minimum or Usage Maximum as written: id plus the item's width (≤ 2 bytes: no page yet). */
interface RawUsage {
  value: number;
  size: number;
}

interface LocalState {
  usages: { first: RawUsage; last: RawUsage }[];
  minimum: RawUsage | undefined;
  maximum: RawUsage | undefined;
  delimiterOpen: boolean;
  usageSeenInDelimiterSet: boolean;
}

function emptyLocals(): LocalState {
  return { usages: [], minimum: undefined, maximum: undefined, delimiterOpen: false, usageSeenInDelimiterSet: false };
}

export function parseHidDescriptor(bytes: Uint8Array): ParsedHidDescriptor {
  const items = readHidItems(bytes);
  const warnings: string[] = [];
  const warn = (message: string, item: HidItem): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push(`${message} (at byte ${item.offset})`);
  };

  let globals: GlobalState = {
    usagePage: 0,
    logicalMin: 0,
    logicalMax: 0,
    logicalMaxUnsigned: 0,
    reportSize: 0,
    reportCount: 0,
    reportId: 0,
  };
  const globalStack: GlobalState[] = [];
  let locals = emptyLocals();
  let usesReportIds = false;

  const fields: HidField[] = [];
  const collections: HidCollection[] = [];
  const openCollections: number[] = [];
  const reports = new Map<string, HidReportLayout>();

  for (const item of items) {
    switch (item.type) {
      case 'long':
        warn(`Long item with tag 0x${item.tag.toString(16)} skipped (HID 1.11 defines none)`, item);
        break;
      case 'reserved':
        warn(`Reserved item type with tag 0x${item.tag.toString(16)} skipped`, item);
        break;
      case 'global':
        globals = applyGlobal(item, globals, globalStack);
        if (item.tag === GLOBAL_REPORT_ID) usesReportIds = true;
        break;
      case 'local':
        applyLocal(item, locals, warn);
        break;
      case 'main': {
        if (locals.delimiterOpen) {
          throw new HidDescriptorError('unbalanced', 'Main item inside an open Delimiter set', item.offset);
        }
        if ((locals.minimum === undefined) !== (locals.maximum === undefined)) {
          warn('Usage Minimum without Usage Maximum (or the reverse) ignored', item);
        }
        const usages = resolveUsages(locals, globals.usagePage, item);
        locals = emptyLocals();
        if (item.tag === MAIN_COLLECTION) {
          collections.push({
            type: item.unsigned & 0xff,
            usage: usages[0]?.first ?? 0,
            depth: openCollections.length,
            parent: openCollections.at(-1) ?? -1,
            itemOffset: item.offset,
          });
          openCollections.push(collections.length - 1);
        } else if (item.tag === MAIN_END_COLLECTION) {
          if (openCollections.length === 0) {
            throw new HidDescriptorError('unbalanced', 'End Collection without an open collection', item.offset);
          }
          openCollections.pop();
        } else if (item.tag === MAIN_INPUT || item.tag === MAIN_OUTPUT || item.tag === MAIN_FEATURE) {
          const kind: HidReportKind = item.tag === MAIN_INPUT ? 'input' : item.tag === MAIN_OUTPUT ? 'output' : 'feature';
          const key = `${kind}:${globals.reportId}`;
          let report = reports.get(key);
          if (!report) {
            report = { kind, reportId: globals.reportId, bitLength: 0 };
            reports.set(key, report);
          }
          const bitOffset = report.bitLength;
          report.bitLength += globals.reportSize * globals.reportCount;
          if (report.bitLength > MAX_REPORT_DATA_BYTES * 8) {
            throw new HidDescriptorError(
              'limit',
              `${kind} report ${globals.reportId} grows to ${Math.ceil(report.bitLength / 8)} bytes; the limit is ${MAX_REPORT_DATA_BYTES}`,
              item.offset,
            );
          }
          if (usages.length > 0) {
            const top = openCollections[0];
            fields.push({
              kind,
              reportId: globals.reportId,
              bitOffset,
              bitSize: globals.reportSize,
              count: globals.reportCount,
              flags: item.unsigned,
              constant: (item.unsigned & MAIN_FLAG_CONSTANT) !== 0,
              array: (item.unsigned & MAIN_FLAG_VARIABLE) === 0,
              relative: (item.unsigned & MAIN_FLAG_RELATIVE) !== 0,
              nullState: (item.unsigned & MAIN_FLAG_NULL_STATE) !== 0,
              logicalMin: globals.logicalMin,
              logicalMax: effectiveLogicalMax(globals),
              usages,
              usageCount: usages.reduce((sum, span) => sum + (span.last - span.first + 1), 0),
              topLevelUsage: top === undefined ? 0 : collections[top]!.usage,
              itemOffset: item.offset,
            });
          }
        } else {
          warn(`Unknown Main item tag 0x${item.tag.toString(16)} skipped`, item);
        }
        break;
      }
    }
  }

  if (openCollections.length > 0) {
    throw new HidDescriptorError('unbalanced', `${openCollections.length} collection(s) not closed at the end of the descriptor`);
  }
  if (locals.delimiterOpen) {
    throw new HidDescriptorError('unbalanced', 'Delimiter set not closed at the end of the descriptor');
  }
  const reportList = [...reports.values()];
  if (usesReportIds) {
    // §6.2.2.7: once any Report ID is used, every report starts with one, so data declared before the first
    // Report ID item could not be told apart from the ID byte.
    const unnumbered = reportList.find((report) => report.reportId === 0 && report.bitLength > 0);
    if (unnumbered) {
      throw new HidDescriptorError(
        'report-ids',
        `The descriptor uses report IDs but declares ${unnumbered.kind} data before its first Report ID`,
      );
    }
  }
  return { usesReportIds, fields, collections, reports: reportList, warnings };
}

function applyGlobal(item: HidItem, globals: GlobalState, stack: GlobalState[]): GlobalState {
  switch (item.tag) {
    case GLOBAL_USAGE_PAGE:
      if (item.unsigned > 0xffff) {
        throw new HidDescriptorError(
          'invalid-item',
          `Usage Page 0x${item.unsigned.toString(16)} does not fit in 16 bits`,
          item.offset,
        );
      }
      return { ...globals, usagePage: item.unsigned };
    case GLOBAL_LOGICAL_MIN:
      return { ...globals, logicalMin: item.signed };
    case GLOBAL_LOGICAL_MAX:
      return { ...globals, logicalMax: item.signed, logicalMaxUnsigned: item.unsigned };
    case GLOBAL_REPORT_SIZE:
      if (item.unsigned > MAX_REPORT_SIZE_BITS) {
        throw new HidDescriptorError(
          'limit',
          `Report Size ${item.unsigned} bits exceeds ${MAX_REPORT_SIZE_BITS} (the Linux kernel's limit)`,
          item.offset,
        );
      }
      return { ...globals, reportSize: item.unsigned };
    case GLOBAL_REPORT_COUNT:
      if (item.unsigned > MAX_REPORT_COUNT) {
        throw new HidDescriptorError(
          'limit',
          `Report Count ${item.unsigned} exceeds ${MAX_REPORT_COUNT} (the Linux kernel's HID_MAX_USAGES)`,
          item.offset,
        );
      }
      return { ...globals, reportCount: item.unsigned };
    case GLOBAL_REPORT_ID:
      if (item.unsigned === 0 || item.unsigned > 255) {
        throw new HidDescriptorError('invalid-item', `Report ID ${item.unsigned} is outside 1..255`, item.offset);
      }
      return { ...globals, reportId: item.unsigned };
    case GLOBAL_PUSH:
      stack.push(globals);
      return { ...globals };
    case GLOBAL_POP: {
      const restored = stack.pop();
      if (!restored) throw new HidDescriptorError('stack', 'Pop without a matching Push', item.offset);
      return restored;
    }
    default:
      if (GLOBAL_IGNORED.has(item.tag)) return globals;
      throw new HidDescriptorError('invalid-item', `Unknown Global item tag 0x${item.tag.toString(16)}`, item.offset);
  }
}

function applyLocal(item: HidItem, locals: LocalState, warn: (message: string, item: HidItem) => void): void {
  const raw: RawUsage = { value: item.unsigned, size: item.size };
  switch (item.tag) {
    case LOCAL_USAGE:
      if (locals.delimiterOpen) {
        if (locals.usageSeenInDelimiterSet) return; // an alternative for the usage we already have
        locals.usageSeenInDelimiterSet = true;
      }
      locals.usages.push({ first: raw, last: raw });
      return;
    case LOCAL_USAGE_MIN:
    case LOCAL_USAGE_MAX:
      if (item.tag === LOCAL_USAGE_MIN) locals.minimum = raw;
      else locals.maximum = raw;
      if (locals.minimum && locals.maximum) {
        const range = { first: locals.minimum, last: locals.maximum };
        locals.minimum = undefined;
        locals.maximum = undefined;
        if (locals.delimiterOpen) {
          if (locals.usageSeenInDelimiterSet) return;
          locals.usageSeenInDelimiterSet = true;
        }
        locals.usages.push(range);
      }
      return;
    case LOCAL_DELIMITER:
      if (item.unsigned === 1) {
        if (locals.delimiterOpen) throw new HidDescriptorError('unbalanced', 'Nested Delimiter sets', item.offset);
        locals.delimiterOpen = true;
        locals.usageSeenInDelimiterSet = false;
      } else if (item.unsigned === 0) {
        if (!locals.delimiterOpen) {
          throw new HidDescriptorError('unbalanced', 'Delimiter close without an open set', item.offset);
        }
        locals.delimiterOpen = false;
      } else {
        throw new HidDescriptorError('invalid-item', `Delimiter value ${item.unsigned} is neither 0 nor 1`, item.offset);
      }
      return;
    default:
      if (!LOCAL_IGNORED.has(item.tag)) warn(`Unknown Local item tag 0x${item.tag.toString(16)} skipped`, item);
  }
}

/** §6.2.2.8: a Usage of 1 or 2 bytes takes the Usage Page in force now, at the Main item; 4 bytes carry their own. */
function resolveUsages(locals: LocalState, usagePage: number, item: HidItem): HidUsageSpan[] {
  const complete = (raw: RawUsage): number => (raw.size <= 2 ? usagePage * 0x10000 + raw.value : raw.value);
  return locals.usages.map(({ first, last }) => {
    const span = { first: complete(first), last: complete(last) };
    if (Math.floor(span.first / 0x10000) !== Math.floor(span.last / 0x10000)) {
      throw new HidDescriptorError(
        'invalid-item',
        `Usage range 0x${span.first.toString(16)}..0x${span.last.toString(16)} crosses usage pages`,
        item.offset,
      );
    }
    if (span.last < span.first) {
      throw new HidDescriptorError(
        'invalid-item',
        `Usage Maximum 0x${span.last.toString(16)} is below Usage Minimum 0x${span.first.toString(16)}`,
        item.offset,
      );
    }
    return span;
  });
}

function effectiveLogicalMax(globals: GlobalState): number {
  if (globals.logicalMin >= 0 && globals.logicalMax < globals.logicalMin) return globals.logicalMaxUnsigned;
  return globals.logicalMax;
}

/** The usage a Variable field's slot reports: slots past the usage list repeat the last usage (§6.2.2.8). */
export function usageOfSlot(field: HidField, slot: number): number | undefined {
  if (field.usageCount === 0) return undefined;
  let index = Math.min(slot, field.usageCount - 1);
  for (const span of field.usages) {
    const length = span.last - span.first + 1;
    if (index < length) return span.first + index;
    index -= length;
  }
  return undefined;
}

/** Position of `usage` in the field's usage list (the slot of a Variable field, the index of an Array), or -1. */
export function indexOfUsage(field: HidField, usage: number): number {
  let base = 0;
  for (const span of field.usages) {
    if (usage >= span.first && usage <= span.last) return base + (usage - span.first);
    base += span.last - span.first + 1;
  }
  return -1;
}

export function formatUsage(usage: number): string {
  return `0x${usage.toString(16).toUpperCase().padStart(8, '0')}`;
}
