// Splits a HID report descriptor into its items (HID 1.11 §5.3, §6.2.2.2–6.2.2.3). Plain Node, no state.
// Only the byte layout is checked here; what the items mean is parseHidDescriptor's job.
import { HidDescriptorError } from './hidDescriptorError.js';

/** Linux HID_MAX_DESCRIPTOR_SIZE: the kernel refuses longer descriptors, so no real device sends one. */
export const MAX_DESCRIPTOR_BYTES = 4096;

export type HidItemType = 'main' | 'global' | 'local' | 'reserved' | 'long';

export interface HidItem {
  /** Byte offset of the item's prefix in the descriptor. */
  offset: number;
  type: HidItemType;
  /** 4-bit tag for short items; bLongItemTag for long items. */
  tag: number;
  /** Data bytes: 0, 1, 2 or 4 for short items (prefix size 3 means 4 bytes); anything for long items. */
  size: number;
  /** Data read little-endian as an unsigned number (0 for long items, whose data is not interpreted). */
  unsigned: number;
  /** The same data read as two's complement at its own width, as the spec reads Logical/Physical Min/Max. */
  signed: number;
}

const ITEM_TYPES: readonly HidItemType[] = ['main', 'global', 'local', 'reserved'];
const LONG_ITEM_PREFIX = 0xfe;

export function readHidItems(bytes: Uint8Array): HidItem[] {
  if (bytes.length === 0) throw new HidDescriptorError('empty', 'The report descriptor is empty');
  if (bytes.length > MAX_DESCRIPTOR_BYTES) {
    throw new HidDescriptorError(
      'too-large',
      `The report descriptor has ${bytes.length} bytes; the limit is ${MAX_DESCRIPTOR_BYTES} (as in the Linux kernel)`,
    );
  }
  const items: HidItem[] = [];
  let at = 0;
  while (at < bytes.length) {
    const offset = at;
    const prefix = bytes[at++]!;
    if (prefix === LONG_ITEM_PREFIX) {
      // Long item (§6.2.2.3): bDataSize, bLongItemTag, then data. No long tags are defined; we skip them.
      if (at + 2 > bytes.length) {
        throw new HidDescriptorError('truncated', 'Long item header cut short by the end of the descriptor', offset);
      }
      const size = bytes[at]!;
      const tag = bytes[at + 1]!;
      at += 2;
      if (at + size > bytes.length) {
        throw new HidDescriptorError('truncated', `Long item announces ${size} data bytes past the end`, offset);
      }
      at += size;
      items.push({ offset, type: 'long', tag, size, unsigned: 0, signed: 0 });
      continue;
    }
    const sizeCode = prefix & 0b11;
    const size = sizeCode === 3 ? 4 : sizeCode;
    if (at + size > bytes.length) {
      throw new HidDescriptorError(
        'truncated',
        `Item 0x${hex2(prefix)} needs ${size} data byte(s) but the descriptor ends after ${bytes.length - at}`,
        offset,
      );
    }
    let unsigned = 0;
    for (let i = 0; i < size; i++) unsigned += bytes[at + i]! * 2 ** (8 * i);
    at += size;
    const signed = size === 0 ? 0 : unsigned >= 2 ** (8 * size - 1) ? unsigned - 2 ** (8 * size) : unsigned;
    items.push({ offset, type: ITEM_TYPES[(prefix >> 2) & 0b11]!, tag: prefix >> 4, size, unsigned, signed });
  }
  return items;
}

export function hex2(value: number): string {
  return value.toString(16).padStart(2, '0');
}
