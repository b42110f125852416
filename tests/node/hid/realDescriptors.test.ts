// What each real headset in ../shared/testdata/hid-descriptors exposes for call control (vitest, Node).
// Expected report IDs and bit offsets were decoded by hand from the hex dumps, item by item; the comments
// under each device quote the bytes they come from.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { describeHidDescriptor } from '../../../electron/core/hid/describeHidDescriptor.js';
import { parseHidDescriptor } from '../../../electron/core/hid/parseHidDescriptor.js';
import { readDescriptorFile } from '../../../electron/core/hid/readDescriptorFile.js';
import { hidDescriptorDir, listDescriptorNames, loadDescriptor } from './hidTestData.js';

/** [usage, reportId, bitOffset, relative] — every control is 1 bit, logical 0..1, not an array. */
type Row = [string, number, number, boolean];

interface Expected {
  device: string;
  bytes: number;
  topLevelCollections: string[];
  inputs: Row[];
  outputs: Row[];
}

const expected: Record<string, Expected> = {
  '046d-0ac4': {
    device: 'Logitech G535 (no telephony collection)',
    bytes: 59,
    topLevelCollections: ['0x000C0001', '0xFF430202'],
    inputs: [],
    outputs: [],
  },
  '047f-02e6': {
    device: 'Poly BT700',
    bytes: 836,
    topLevelCollections: ['0xFFA00003', '0xFFA20003', '0x000C0001', '0xFF990001', '0x000B0005'],
    // 85 20 | 09 20 81 22 | 09 2f 81 06 | 09 21 81 02 | 09 24 81 06 — one bit each, Report Size 1
    inputs: [
      ['hookSwitch', 0x20, 0, false],
      ['phoneMute', 0x20, 1, true],
      ['flash', 0x20, 2, false],
      ['redial', 0x20, 3, true],
    ],
    // one output report per LED: 85 21 09 18 (Ring), 85 23 09 09 (Mute), 85 24 09 17 (Off-Hook), 85 25 09 20 (Hold)
    outputs: [
      ['ledRing', 0x21, 0, false],
      ['ledMute', 0x23, 0, false],
      ['ledOffHook', 0x24, 0, false],
      ['ledHold', 0x25, 0, false],
    ],
  },
  '047f-02ec': {
    device: 'Poly Voyager Base CD',
    bytes: 911,
    topLevelCollections: ['0x000C0001', '0x000B0005', '0xFFA20003', '0xFFA00003'],
    inputs: [
      ['hookSwitch', 1, 0, false],
      ['phoneMute', 1, 1, true],
      ['flash', 1, 2, false],
      ['redial', 1, 3, true],
    ],
    // Output report 1 shares its ID with input report 1: the kinds are separate namespaces.
    outputs: [
      ['ledRing', 1, 0, false],
      ['ledMute', 3, 0, false],
      ['ledOffHook', 4, 0, false],
      ['ledHold', 5, 0, false],
    ],
  },
  '047f-c053': {
    device: 'Plantronics Blackwire C5220',
    bytes: 560,
    topLevelCollections: ['0x000C0001', '0xFF990001', '0x000B0005', '0xFFA20003', '0xFFA00003'],
    // 85 08 09 2f 95 01 81 06 | 09 20 81 22 | 09 21 81 02 | 09 24 81 06 (Report Size 1 inherited)
    inputs: [
      ['phoneMute', 8, 0, true],
      ['hookSwitch', 8, 1, false],
      ['flash', 8, 2, false],
      ['redial', 8, 3, true],
    ],
    outputs: [
      ['ledMute', 0x09, 0, false],
      ['ledOffHook', 0x17, 0, false],
      ['ledRing', 0x18, 0, false],
      ['ledHold', 0x20, 0, false],
      ['ledOnLine', 0x2a, 0, false],
    ],
  },
  '0b0e-0307': {
    device: 'Jabra EVOLVE LINK MS',
    bytes: 332,
    topLevelCollections: ['0x000B0005', '0xFF000005', '0x000C0001'],
    // 85 02 | 09 20 09 97 95 02 81 22 | 09 2f 09 21 09 24 09 50 95 04 81 06 (Speed Dial not tracked)
    inputs: [
      ['hookSwitch', 2, 0, false],
      ['lineBusyTone', 2, 1, false],
      ['phoneMute', 2, 2, true],
      ['flash', 2, 3, true],
      ['redial', 2, 4, true],
    ],
    // 05 08 09 17 09 09 09 18 09 20 09 21 95 05 91 22 | 05 0b 09 9e 95 01 91 22 — all in output report 2
    outputs: [
      ['ledOffHook', 2, 0, false],
      ['ledMute', 2, 1, false],
      ['ledRing', 2, 2, false],
      ['ledHold', 2, 3, false],
      ['ledMicrophone', 2, 4, false],
      ['ringer', 2, 5, false],
    ],
  },
  '0b0e-2453': {
    device: 'Jabra BIZ 2400 II',
    bytes: 332,
    topLevelCollections: ['0x000B0005', '0xFF000001', '0x000C0001'],
    inputs: [
      ['hookSwitch', 2, 0, false],
      ['lineBusyTone', 2, 1, false],
      ['phoneMute', 2, 2, true],
      ['flash', 2, 3, true],
      ['redial', 2, 4, true],
    ],
    outputs: [
      ['ledOffHook', 2, 0, false],
      ['ledMute', 2, 1, false],
      ['ledRing', 2, 2, false],
      ['ledHold', 2, 3, false],
      ['ledMicrophone', 2, 4, false],
      ['ringer', 2, 5, false],
    ],
  },
  '0b0e-2456': {
    device: 'Jabra SPEAK 810 (no Redial)',
    bytes: 267,
    topLevelCollections: ['0x000B0005', '0xFF000001', '0x000C0001'],
    inputs: [
      ['hookSwitch', 2, 0, false],
      ['lineBusyTone', 2, 1, false],
      ['phoneMute', 2, 2, true],
      ['flash', 2, 3, true],
    ],
    outputs: [
      ['ledOffHook', 2, 0, false],
      ['ledMute', 2, 1, false],
      ['ledRing', 2, 2, false],
      ['ledHold', 2, 3, false],
      ['ledMicrophone', 2, 4, false],
      ['ringer', 2, 5, false],
    ],
  },
  '1395-0082': {
    device: 'Sennheiser SC 660 ANC USB',
    bytes: 273,
    topLevelCollections: ['0x000C0001', '0x000B0005', '0xFFFF0001'],
    // 85 08 09 2f 95 01 81 06 | 09 20 95 01 81 22 | 09 24 09 21 09 26 95 03 81 06
    inputs: [
      ['phoneMute', 8, 0, true],
      ['hookSwitch', 8, 1, false],
      ['redial', 8, 2, true],
      ['flash', 8, 3, true],
      ['drop', 8, 4, true],
    ],
    // 05 08 85 09 09 09 09 17 09 18 09 21 09 2a 09 20 95 06 91 22 (its Ringer is on vendor page 0xFF13)
    outputs: [
      ['ledMute', 9, 0, false],
      ['ledOffHook', 9, 1, false],
      ['ledRing', 9, 2, false],
      ['ledMicrophone', 9, 3, false],
      ['ledOnLine', 9, 4, false],
      ['ledHold', 9, 5, false],
    ],
  },
  '1395-009c': {
    device: 'EPOS IMPACT D1',
    bytes: 536,
    topLevelCollections: ['0x000B0005', '0x000C0001', '0xFF580001', '0xFFFF0001', '0xFFE90001', '0xFF990002'],
    // 85 02 09 20 95 01 81 02 (absolute, no preferred-state bit) | 09 21 09 24 09 2f 09 26 95 04 81 06
    inputs: [
      ['hookSwitch', 2, 0, false],
      ['flash', 2, 1, true],
      ['redial', 2, 2, true],
      ['phoneMute', 2, 3, true],
      ['drop', 2, 4, true],
    ],
    outputs: [
      ['ledOffHook', 3, 0, false],
      ['ledMicrophone', 3, 1, false],
      ['ledRing', 3, 2, false],
      ['ledMute', 3, 3, false],
      ['ledOnLine', 3, 4, false],
      ['ledHold', 3, 5, false],
    ],
  },
  '1395-00a2': {
    device: 'EPOS IMPACT DW',
    bytes: 460,
    topLevelCollections: ['0x000B0005', '0x000C0001', '0xFF580001', '0xFFFF0001'],
    // Consumer volume buttons come first in the Telephony report: 05 0c 09 ea 09 e9 95 02 81 02, then
    // 05 0b 09 20 95 01 81 22 (bit 2) | 09 21 09 24 09 2f 09 26 95 04 81 06 (bits 3..6)
    inputs: [
      ['hookSwitch', 2, 2, false],
      ['flash', 2, 3, true],
      ['redial', 2, 4, true],
      ['phoneMute', 2, 5, true],
      ['drop', 2, 6, true],
    ],
    // 85 03 05 0b 09 9e 95 01 91 22 | 05 08 09 17 09 21 09 18 09 09 09 2a 09 20 95 06 91 22
    outputs: [
      ['ringer', 3, 0, false],
      ['ledOffHook', 3, 1, false],
      ['ledMicrophone', 3, 2, false],
      ['ledRing', 3, 3, false],
      ['ledMute', 3, 4, false],
      ['ledOnLine', 3, 5, false],
      ['ledHold', 3, 6, false],
    ],
  },
  '1395-00a9': {
    device: 'EPOS IMPACT D (same descriptor as IMPACT DW)',
    bytes: 460,
    topLevelCollections: ['0x000B0005', '0x000C0001', '0xFF580001', '0xFFFF0001'],
    inputs: [
      ['hookSwitch', 2, 2, false],
      ['flash', 2, 3, true],
      ['redial', 2, 4, true],
      ['phoneMute', 2, 5, true],
      ['drop', 2, 6, true],
    ],
    outputs: [
      ['ringer', 3, 0, false],
      ['ledOffHook', 3, 1, false],
      ['ledMicrophone', 3, 2, false],
      ['ledRing', 3, 3, false],
      ['ledMute', 3, 4, false],
      ['ledOnLine', 3, 5, false],
      ['ledHold', 3, 6, false],
    ],
  },
  '6993-b02b': {
    device: 'Yealink WH66',
    bytes: 647,
    topLevelCollections: ['0x000B0005', '0x000C0001', '0xFF300005', '0xFF990001', '0xFF000000', '0xFF990001'],
    inputs: [
      ['hookSwitch', 2, 0, false],
      ['lineBusyTone', 2, 1, false],
      ['phoneMute', 2, 2, true],
      ['flash', 2, 3, true],
      ['redial', 2, 4, true],
    ],
    outputs: [
      ['ledOffHook', 2, 0, false],
      ['ledMute', 2, 1, false],
      ['ledRing', 2, 2, false],
      ['ledHold', 2, 3, false],
      ['ledMicrophone', 2, 4, false],
      ['ringer', 2, 5, false],
    ],
  },
};

describe('real headset descriptors', () => {
  it('covers every descriptor in the test data, and only those', () => {
    expect(listDescriptorNames()).toEqual(Object.keys(expected).sort());
  });

  describe.each(listDescriptorNames())('%s', (name) => {
    const want = expected[name]!;
    const bytes = loadDescriptor(name);
    const description = describeHidDescriptor(bytes);
    const rows = (controls: typeof description.inputs): Row[] =>
      controls.map((control) => [control.usage, control.reportId, control.bitOffset, control.relative]);

    it(`is ${want.device}, ${want.bytes} bytes, with the expected top-level collections`, () => {
      expect(bytes.length).toBe(want.bytes);
      expect(description.topLevelCollections).toEqual(want.topLevelCollections);
      expect(description.usesReportIds).toBe(true);
    });

    it('exposes the hand-decoded call-control inputs and outputs', () => {
      expect(description.telephony).toBe(want.inputs.length > 0);
      expect(rows(description.inputs)).toEqual(want.inputs);
      expect(rows(description.outputs)).toEqual(want.outputs);
      expect(description.features).toEqual([]);
      for (const control of [...description.inputs, ...description.outputs]) {
        expect(control).toMatchObject({ bitSize: 1, logicalMin: 0, logicalMax: 1, array: false });
        expect(control.topLevelCollection).toBe('0x000B0005');
      }
    });

    it('puts every control inside a declared report of the right kind', () => {
      for (const control of [...description.inputs, ...description.outputs]) {
        const report = description.reports.find((r) => r.kind === control.kind && r.reportId === control.reportId);
        expect(report, `${control.usage}`).toBeDefined();
        expect(control.bitOffset + control.bitSize).toBeLessThanOrEqual(report!.byteLength * 8);
      }
    });

    it('reads the same bytes from the .bin and the .hex copy', async () => {
      expect(await readDescriptorFile(join(hidDescriptorDir, `${name}.hex`))).toEqual(bytes);
      expect(await readDescriptorFile(join(hidDescriptorDir, `${name}.bin`))).toEqual(bytes);
    });

    it('parses without warnings', () => {
      expect(description.warnings).toEqual([]);
    });
  });

  it('finds Phone Mute relative and Hook Switch absolute on every telephony device (README claim)', () => {
    for (const name of listDescriptorNames()) {
      const description = describeHidDescriptor(loadDescriptor(name));
      if (!description.telephony) continue;
      expect(description.inputs.find((c) => c.usage === 'phoneMute')?.relative, name).toBe(true);
      expect(description.inputs.find((c) => c.usage === 'hookSwitch')?.relative, name).toBe(false);
    }
  });
});

describe('layout details decoded by hand', () => {
  it('Jabra EVOLVE LINK MS: 2-byte input report 2 with a 4-bit keypad array at bit 7', () => {
    // 09 07 05 09 75 01 95 01 81 02 → bit 6 is Button 7: the Usage comes before its Usage Page, and the page in
    // force at the Main item (Button, 0x09) applies. Then 09 06 a1 02 19 b0 29 bb 15 00 25 0b 75 04 95 01 81 00:
    // an Array of one 4-bit slot whose value 0..11 selects Phone Key 0..9, *, # (0x0B00B0..0x0B00BB).
    const parsed = parseHidDescriptor(loadDescriptor('0b0e-0307'));
    const report2 = parsed.fields.filter((field) => field.kind === 'input' && field.reportId === 2);
    const button = report2.find((field) => field.bitOffset === 6)!;
    expect(button.usages).toEqual([{ first: 0x00090007, last: 0x00090007 }]);
    const keypad = report2.find((field) => field.array)!;
    expect(keypad).toMatchObject({ bitOffset: 7, bitSize: 4, count: 1, logicalMin: 0, logicalMax: 11, usageCount: 12 });
    expect(keypad.usages).toEqual([{ first: 0x000b00b0, last: 0x000b00bb }]);
    expect(parsed.reports.find((r) => r.kind === 'input' && r.reportId === 2)?.bitLength).toBe(16);
    expect(parsed.reports.find((r) => r.kind === 'output' && r.reportId === 2)?.bitLength).toBe(16);
    // 85 05 ... 95 20 92 02 01: an Output item with 2 data bytes (0x0102: Buffered Bytes), 32 bytes long.
    const buffered = parsed.fields.find((field) => field.kind === 'output' && field.reportId === 5)!;
    expect(buffered).toMatchObject({ flags: 0x0102, bitSize: 8, count: 32 });
  });

  it('Jabra EVOLVE LINK MS: the vendor copy of the controls (page 0xFF30, report 4) is not telephony', () => {
    const parsed = parseHidDescriptor(loadDescriptor('0b0e-0307'));
    const hookCopy = parsed.fields.find((field) => field.kind === 'input' && field.reportId === 4 && field.bitOffset === 0)!;
    expect(hookCopy.usages[0]).toEqual({ first: 0xff300020, last: 0xff300020 });
    // 0a fd ff: a 2-byte Usage takes the page too — 0xFF30FFFD, not an extended usage.
    const relative = parsed.fields.find((field) => field.kind === 'input' && field.reportId === 4 && field.bitOffset === 2)!;
    expect(relative.usages.map((span) => span.first)).toEqual([0xff30002f, 0xff300021, 0xff300024, 0xff30fffd, 0xff300050]);
  });

  it('Poly Voyager Base CD: Report Size/Count carry across reports and signed logical ranges read as the spec says', () => {
    const parsed = parseHidDescriptor(loadDescriptor('047f-02ec'));
    // 85 06 09 8f ... 15 fe 25 01 75 02 91 46: Logical Minimum 0xFE is -2 at one byte.
    const signedOutput = parsed.fields.find((field) => field.kind === 'output' && field.reportId === 6)!;
    expect(signedOutput).toMatchObject({ logicalMin: -2, logicalMax: 1, bitSize: 2, relative: true, nullState: true });
    // 85 0a ... 09 8c 16 00 80 26 ff 7f 75 10 81 22: -32768..32767 in 16 bits.
    const wide = parsed.fields.find((field) => field.kind === 'input' && field.reportId === 0x0a)!;
    expect(wide).toMatchObject({ logicalMin: -32768, logicalMax: 32767, bitSize: 16, bitOffset: 0 });
    // 85 0c 09 7d 15 00 27 ff ff 00 00 75 10 b1 23: a 4-byte Logical Maximum, 65535.
    const feature = parsed.fields.find((field) => field.kind === 'feature' && field.reportId === 0x0c)!;
    expect(feature).toMatchObject({ logicalMin: 0, logicalMax: 65535, bitSize: 16, constant: true });
  });

  it('Yealink WH66: 1023-byte vendor report and `15 00 25 ff` read as 0..255, as Linux does', () => {
    const parsed = parseHidDescriptor(loadDescriptor('6993-b02b'));
    // 85 c8 15 00 25 ff 19 00 29 ff 75 08 96 ff 03 91 02
    const vendor = parsed.fields.find((field) => field.kind === 'output' && field.reportId === 0xc8)!;
    expect(vendor).toMatchObject({ logicalMin: 0, logicalMax: 255, bitSize: 8, count: 1023 });
    expect(vendor.usages).toEqual([{ first: 0xff000000, last: 0xff0000ff }]);
    expect(describeHidDescriptor(loadDescriptor('6993-b02b')).reports).toContainEqual({
      kind: 'input',
      reportId: 0xc8,
      byteLength: 1023,
    });
  });

  it('EPOS IMPACT D1: nested Application collections and a 255-byte vendor report', () => {
    const parsed = parseHidDescriptor(loadDescriptor('1395-009c'));
    // a1 01 06 40 ff ... inside the Telephony Headset collection: an Application collection at depth 1.
    const nested = parsed.collections.filter((collection) => collection.type === 1 && collection.depth === 1);
    expect(nested).toHaveLength(1);
    expect(parsed.collections[nested[0]!.parent]!.usage).toBe(0x000b0005);
    const epos = parsed.fields.find((field) => field.kind === 'input' && field.reportId === 0xe9)!;
    expect(epos).toMatchObject({ bitSize: 8, count: 255, topLevelUsage: 0xffe90001 });
  });

  it('Logitech G535: a headset without telephony usages is reported as not a telephony device', () => {
    const description = describeHidDescriptor(loadDescriptor('046d-0ac4'));
    expect(description).toMatchObject({ telephony: false, inputs: [], outputs: [] });
    expect(description.reports).toEqual([
      { kind: 'input', reportId: 1, byteLength: 4 },
      { kind: 'input', reportId: 0x11, byteLength: 19 },
      { kind: 'output', reportId: 0x11, byteLength: 19 },
    ]);
  });
});
