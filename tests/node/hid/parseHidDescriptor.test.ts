// HID 1.11 item rules on small hand-written descriptors: stacks, long items, extended usages, arrays,
// delimiters, and every kind of malformed input the parser must refuse with HidDescriptorError (vitest, Node).
import { describe, expect, it } from 'vitest';
import { describeHidDescriptor } from '../../../electron/core/hid/describeHidDescriptor.js';
import { HidDescriptorError } from '../../../electron/core/hid/hidDescriptorError.js';
import { readHidItems } from '../../../electron/core/hid/hidItems.js';
import { parseHidDescriptor, usageOfSlot } from '../../../electron/core/hid/parseHidDescriptor.js';
import { hexBytes } from './hidTestData.js';

/** A Telephony Headset application collection around `body`. */
const headset = (body: string): Uint8Array => hexBytes(`05 0b 09 05 a1 01 ${body} c0`);

function errorOf(bytes: Uint8Array): HidDescriptorError {
  try {
    parseHidDescriptor(bytes);
  } catch (error) {
    if (error instanceof HidDescriptorError) return error;
    throw error;
  }
  throw new Error('expected a HidDescriptorError');
}

describe('item tokenizer', () => {
  it('reads 0-, 1-, 2- and 4-byte short items, little-endian, signed and unsigned', () => {
    const items = readHidItems(hexBytes('c0 15 ff 26 00 80 27 ff ff ff 7f'));
    expect(items.map((item) => [item.type, item.tag, item.size, item.unsigned, item.signed])).toEqual([
      ['main', 0xc, 0, 0, 0],
      ['global', 0x1, 1, 0xff, -1],
      ['global', 0x2, 2, 0x8000, -32768],
      ['global', 0x2, 4, 0x7fffffff, 0x7fffffff],
    ]);
  });

  it('skips long items (0xFE, size, tag, data) and keeps going', () => {
    const description = describeHidDescriptor(headset('fe 03 10 aa bb cc 15 00 25 01 75 01 95 01 09 20 81 02 95 07 81 01'));
    expect(description.inputs.map((control) => control.usage)).toEqual(['hookSwitch']);
    expect(description.warnings).toEqual([expect.stringContaining('Long item')]);
  });
});

describe('global and local state', () => {
  it('Push saves and Pop restores the whole global state (page, sizes, report ID)', () => {
    // Push, switch to the LED page, report 2, 8-bit Mute LED; Pop: back to Telephony, report 1, 1-bit fields.
    const description = describeHidDescriptor(
      headset('85 01 15 00 25 01 75 01 95 01 a4 05 08 85 02 75 08 09 09 91 02 b4 09 20 81 02 09 2f 81 06 95 06 81 01'),
    );
    expect(description.outputs).toEqual([expect.objectContaining({ usage: 'ledMute', reportId: 2, bitOffset: 0, bitSize: 8 })]);
    expect(description.inputs).toEqual([
      expect.objectContaining({ usage: 'hookSwitch', reportId: 1, bitOffset: 0, bitSize: 1, relative: false }),
      expect.objectContaining({ usage: 'phoneMute', reportId: 1, bitOffset: 1, bitSize: 1, relative: true }),
    ]);
  });

  it('applies the Usage Page in force at the Main item to 1- and 2-byte usages', () => {
    // 09 20 comes while the page is LED, but the page at the Input item is Telephony: Hook Switch.
    const description = describeHidDescriptor(headset('05 08 09 20 05 0b 15 00 25 01 75 01 95 01 81 02 95 07 81 01'));
    expect(description.inputs.map((control) => control.usage)).toEqual(['hookSwitch']);
  });

  it('keeps the page of 4-byte (extended) usages and usage ranges', () => {
    // Page is LED; 0b 2f 00 0b 00 is Telephony Phone Mute; 1b/2b is the extended range Hook Switch..Flash.
    const description = describeHidDescriptor(
      headset('05 08 15 00 25 01 75 01 95 04 0b 2f 00 0b 00 1b 20 00 0b 00 2b 21 00 0b 00 09 17 81 02 95 04 81 01'),
    );
    // The fourth slot, 09 17, takes the LED page: an Off-Hook LED declared as an input is listed under inputs.
    expect(description.inputs.map((control) => [control.usage, control.bitOffset])).toEqual([
      ['phoneMute', 0],
      ['hookSwitch', 1],
      ['flash', 2],
      ['ledOffHook', 3],
    ]);
  });

  it('repeats the last usage over extra slots and drops usages past Report Count', () => {
    const parsed = parseHidDescriptor(headset('15 00 25 01 75 01 95 04 09 20 09 2f 81 02 95 01 09 21 09 24 81 02 95 03 81 01'));
    const [four, one] = parsed.fields;
    expect([0, 1, 2, 3].map((slot) => usageOfSlot(four!, slot))).toEqual([0x000b0020, 0x000b002f, 0x000b002f, 0x000b002f]);
    const description = describeHidDescriptor(
      headset('15 00 25 01 75 01 95 04 09 20 09 2f 81 02 95 01 09 21 09 24 81 02 95 03 81 01'),
    );
    // Phone Mute once (first slot), Flash in the one-slot field, Redial has no bits.
    expect(description.inputs.map((control) => [control.usage, control.bitOffset])).toEqual([
      ['hookSwitch', 0],
      ['phoneMute', 1],
      ['flash', 4],
    ]);
    expect(one!.count).toBe(1);
  });

  it('takes only the first usage of a Delimiter set', () => {
    // a9 01 (open) Phone Mute, Flash (alternative) a9 00 (close), then Redial.
    const description = describeHidDescriptor(headset('15 00 25 01 75 01 95 02 a9 01 09 2f 09 21 a9 00 09 24 81 02 95 06 81 01'));
    expect(description.inputs.map((control) => [control.usage, control.bitOffset])).toEqual([
      ['phoneMute', 0],
      ['redial', 1],
    ]);
  });

  it('reports usages of an Array field with their index, slots and relative flag', () => {
    // Logical 1..3 over Hook Switch, Phone Mute, Flash: two 2-bit slots. 81 04 = Data, Array, Relative.
    const description = describeHidDescriptor(headset('15 01 25 03 75 02 95 02 09 20 09 2f 09 21 81 04 75 04 95 01 81 01'));
    expect(description.inputs).toEqual([
      expect.objectContaining({
        usage: 'hookSwitch',
        array: true,
        arrayIndex: 1,
        arraySlots: 2,
        bitOffset: 0,
        bitSize: 2,
        relative: true,
      }),
      expect.objectContaining({ usage: 'phoneMute', array: true, arrayIndex: 2, arraySlots: 2, bitOffset: 0 }),
      expect.objectContaining({ usage: 'flash', array: true, arrayIndex: 3, arraySlots: 2, bitOffset: 0 }),
    ]);
  });

  it('leaves out array usages the logical range cannot select, with a warning', () => {
    const description = describeHidDescriptor(headset('15 01 25 01 75 02 95 01 09 20 09 2f 81 00 75 06 81 01'));
    expect(description.inputs.map((control) => control.usage)).toEqual(['hookSwitch']);
    expect(description.warnings).toEqual([expect.stringContaining('phoneMute')]);
  });

  it('handles collections nested in any order and reports the top-level one', () => {
    const description = describeHidDescriptor(
      hexBytes('05 0b 09 05 a1 01 09 01 a1 00 06 00 ff a1 02 05 0b 15 00 25 01 75 01 95 01 09 20 81 02 c0 c0 95 07 81 01 c0'),
    );
    expect(description.inputs).toEqual([expect.objectContaining({ usage: 'hookSwitch', topLevelCollection: '0x000B0005' })]);
  });

  it('uses report ID 0 and no ID byte when the descriptor declares no Report ID', () => {
    const description = describeHidDescriptor(headset('15 00 25 01 75 01 95 01 09 20 81 02 95 07 81 01'));
    expect(description.usesReportIds).toBe(false);
    expect(description.inputs[0]).toMatchObject({ reportId: 0, bitOffset: 0 });
    expect(description.reports).toEqual([{ kind: 'input', reportId: 0, byteLength: 1 }]);
  });

  it('ignores LED usages outside a Telephony collection (a keyboard Mute LED is not a headset)', () => {
    const keyboard = hexBytes('05 01 09 06 a1 01 05 08 15 00 25 01 75 01 95 01 09 09 91 02 95 07 91 01 c0');
    expect(describeHidDescriptor(keyboard)).toMatchObject({ telephony: false, outputs: [] });
  });

  it('skips constant fields even when they carry a usage', () => {
    const description = describeHidDescriptor(headset('15 00 25 01 75 01 95 01 09 20 81 03 95 07 81 01'));
    expect(description.inputs).toEqual([]);
  });
});

describe('malformed descriptors give HidDescriptorError', () => {
  const cases: [string, Uint8Array, string][] = [
    ['empty', new Uint8Array(0), 'empty'],
    ['over 4096 bytes', new Uint8Array(4097).fill(0xb4), 'too-large'],
    ['a 1-byte item cut short', hexBytes('05'), 'truncated'],
    ['a 4-byte item cut short', hexBytes('27 ff ff'), 'truncated'],
    ['a long item header cut short', hexBytes('fe 05'), 'truncated'],
    ['long item data cut short', hexBytes('fe 05 00 01 02'), 'truncated'],
    ['End Collection without a collection', hexBytes('c0'), 'unbalanced'],
    ['a collection never closed', hexBytes('05 0b 09 05 a1 01'), 'unbalanced'],
    ['Pop without Push', hexBytes('b4'), 'stack'],
    ['Report ID 0', hexBytes('85 00'), 'invalid-item'],
    ['Report ID 256', hexBytes('86 00 01'), 'invalid-item'],
    ['Report Size 257', hexBytes('76 01 01'), 'limit'],
    ['Report Count 12289', hexBytes('96 01 30'), 'limit'],
    ['a report over 16383 bytes', hexBytes('75 ff 96 00 30 81 02 81 02'), 'limit'],
    ['an unknown global tag', hexBytes('c4'), 'invalid-item'],
    ['a 32-bit Usage Page', hexBytes('07 00 00 01 00'), 'invalid-item'],
    ['a usage range across pages', hexBytes('75 01 95 01 1b 01 00 01 00 2b 02 00 02 00 81 02'), 'invalid-item'],
    ['Usage Maximum below Usage Minimum', hexBytes('75 01 95 01 19 05 29 01 81 02'), 'invalid-item'],
    ['nested delimiters', hexBytes('a9 01 a9 01'), 'unbalanced'],
    ['a delimiter closed twice', hexBytes('a9 01 a9 00 a9 00'), 'unbalanced'],
    ['a delimiter left open', hexBytes('a9 01'), 'unbalanced'],
    ['a Main item inside a delimiter set', hexBytes('a9 01 09 01 81 02'), 'unbalanced'],
    [
      'data before the first Report ID',
      hexBytes('05 0b 09 05 a1 01 15 00 25 01 75 01 95 01 09 20 81 02 85 01 09 2f 81 02 c0'),
      'report-ids',
    ],
  ];
  it.each(cases)('%s', (_label, bytes, code) => {
    const error = errorOf(bytes);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('tells where a truncated item starts', () => {
    expect(errorOf(hexBytes('05 0b 09 05 a1 01 26 ff')).message).toMatch(/at byte 6/);
  });

  it('skips unknown main/local tags and reserved item types with warnings instead of failing', () => {
    // d0 = Main tag 0xD (reserved), 0x08|0xb0 = Local tag 0xB (reserved), 0x0c|0x0 = reserved item type.
    const description = describeHidDescriptor(headset('d0 b8 0c 15 00 25 01 75 01 95 01 09 20 81 02 95 07 81 01'));
    expect(description.inputs.map((control) => control.usage)).toEqual(['hookSwitch']);
    expect(description.warnings).toHaveLength(3);
  });
});
