// Input-report decoding and output-report encoding against the real headset layouts (vitest, Node).
// Report bytes are written by hand from each descriptor's hex: byte 0 is the report ID, then data LSB-first.
import { describe, expect, it } from 'vitest';
import { describeHidDescriptor } from '../../../electron/core/hid/describeHidDescriptor.js';
import { HidDescriptorError } from '../../../electron/core/hid/hidDescriptorError.js';
import {
  decodeInputPayload,
  decodeInputReport,
  encodeOutputReports,
  readBits,
  writeBits,
} from '../../../electron/core/hid/hidReportCodec.js';
import { hexBytes, loadDescriptor } from './hidTestData.js';

const jabra = describeHidDescriptor(loadDescriptor('0b0e-0307'));
const poly = describeHidDescriptor(loadDescriptor('047f-02ec'));
const epos = describeHidDescriptor(loadDescriptor('1395-00a2'));

describe('decodeInputReport', () => {
  it('Jabra: report 02 01 00 is hook switch off-hook, nothing else pressed', () => {
    expect(decodeInputReport(jabra, hexBytes('02 01 00'))).toEqual({
      reportId: 2,
      values: { hookSwitch: 1, lineBusyTone: 0, phoneMute: 0, flash: 0, redial: 0 },
      changes: { hookSwitch: 1, lineBusyTone: 0, phoneMute: 0, flash: 0, redial: 0 },
    });
  });

  it('Jabra: mute press while off-hook changes only phoneMute (bit 2)', () => {
    const previous = decodeInputReport(jabra, hexBytes('02 01 00')).values;
    const pressed = decodeInputReport(jabra, hexBytes('02 05 00'), previous);
    expect(pressed.changes).toEqual({ phoneMute: 1 });
    const released = decodeInputReport(jabra, hexBytes('02 01 00'), pressed.values);
    expect(released.changes).toEqual({ phoneMute: 0 });
  });

  it('Jabra: a keypad press in the array bits does not disturb the call controls', () => {
    // Phone Key 5 = array value 5 in bits 7..10: bit 7 set in byte 0, bit 9 in byte 1 → 02 81 02.
    expect(decodeInputReport(jabra, hexBytes('02 81 02')).values).toMatchObject({ hookSwitch: 1, phoneMute: 0 });
  });

  it('Poly: one-byte report 1 with hook switch and mute', () => {
    expect(decodeInputReport(poly, hexBytes('01 03')).values).toEqual({ hookSwitch: 1, phoneMute: 1, flash: 0, redial: 0 });
  });

  it('EPOS: hook switch sits at bit 2 behind the volume buttons', () => {
    expect(decodeInputReport(epos, hexBytes('02 04')).values).toMatchObject({ hookSwitch: 1, phoneMute: 0, drop: 0 });
    expect(decodeInputReport(epos, hexBytes('02 03')).values).toMatchObject({ hookSwitch: 0 }); // volume up+down
    expect(decodeInputReport(epos, hexBytes('02 40')).values).toMatchObject({ drop: 1 });
  });

  it('returns no values for reports that carry no call control (consumer, vendor)', () => {
    expect(decodeInputReport(jabra, hexBytes('01 01 00'))).toEqual({ reportId: 1, values: {}, changes: {} });
  });

  it('takes WebHID-style payloads without the ID byte', () => {
    expect(decodeInputPayload(jabra, 2, hexBytes('04 00')).values).toMatchObject({ phoneMute: 1, hookSwitch: 0 });
  });

  it('leaves out controls a short report does not reach, instead of reading them as 0', () => {
    const description = describeHidDescriptor(
      hexBytes('05 0b 09 05 a1 01 85 01 15 00 25 01 75 01 95 08 81 01 09 20 95 01 81 02 95 07 81 01 c0'),
    );
    expect(decodeInputReport(description, hexBytes('01 00')).values).toEqual({});
    expect(decodeInputReport(description, hexBytes('01 00 01')).values).toEqual({ hookSwitch: 1 });
  });

  it('decodes array controls: active when any slot holds their index', () => {
    // Telephony array, logical 1..3 = Hook Switch, Phone Mute, Flash; two 2-bit slots; no report IDs.
    const description = describeHidDescriptor(
      hexBytes('05 0b 09 05 a1 01 15 01 25 03 75 02 95 02 09 20 09 2f 09 21 81 00 75 04 95 01 81 01 c0'),
    );
    expect(decodeInputReport(description, hexBytes('09')).values).toEqual({ hookSwitch: 1, phoneMute: 1, flash: 0 });
    expect(decodeInputReport(description, hexBytes('03')).values).toEqual({ hookSwitch: 0, phoneMute: 0, flash: 1 });
    expect(decodeInputReport(description, hexBytes('00')).values).toEqual({ hookSwitch: 0, phoneMute: 0, flash: 0 });
  });

  it('reads signed fields when Logical Minimum is negative, and drops null values', () => {
    // Hook Switch as a 4-bit field, logical -2..2, Null State (81 42): 0xE = -2, 0x7 is out of range.
    const description = describeHidDescriptor(hexBytes('05 0b 09 05 a1 01 15 fe 25 02 75 04 95 01 09 20 81 42 81 01 c0'));
    expect(decodeInputReport(description, hexBytes('0e')).values).toEqual({ hookSwitch: -2 });
    expect(decodeInputReport(description, hexBytes('07')).values).toEqual({});
  });

  it('refuses empty reports and report IDs the device never declared', () => {
    expect(() => decodeInputReport(jabra, new Uint8Array(0))).toThrow(HidDescriptorError);
    expect(() => decodeInputReport(jabra, hexBytes('77 00'))).toThrow(/Input report 119 is not declared/);
    expect(() => decodeInputReport(jabra, hexBytes('02'))).toThrow(/without data/);
  });
});

describe('encodeOutputReports', () => {
  it('Jabra: all LEDs and the ringer share output report 2; unspecified controls are written off', () => {
    const [report, ...rest] = encodeOutputReports(jabra, { ledOffHook: true, ringer: 1, ledMute: false });
    expect(rest).toEqual([]);
    expect(report!.reportId).toBe(2);
    expect([...report!.payload]).toEqual([0b0010_0001, 0]);
    expect([...report!.bytesForWrite]).toEqual([2, 0b0010_0001, 0]);
  });

  it('Poly: one output report per LED, only the ones asked for', () => {
    const reports = encodeOutputReports(poly, { ledMute: true, ledOffHook: true });
    expect(reports.map((r) => [r.reportId, [...r.payload]])).toEqual([
      [3, [1]],
      [4, [1]],
    ]);
  });

  it('EPOS: ringer at bit 0 and LEDs from bit 1 in report 3', () => {
    const [report] = encodeOutputReports(epos, { ringer: true, ledMute: true });
    expect([...report!.bytesForWrite]).toEqual([3, 0b0001_0001]);
  });

  it('round-trips through a device without report IDs, prefixing 0 for hidapi/hidraw', () => {
    const description = describeHidDescriptor(
      hexBytes('05 0b 09 05 a1 01 05 08 15 00 25 01 75 01 95 02 09 17 09 09 91 02 95 06 91 01 c0'),
    );
    const [report] = encodeOutputReports(description, { ledMute: true });
    expect([...report!.bytesForWrite]).toEqual([0, 0b10]);
  });

  it('returns nothing when the device has none of the asked controls', () => {
    expect(encodeOutputReports(describeHidDescriptor(loadDescriptor('046d-0ac4')), { ledMute: true })).toEqual([]);
  });

  it('refuses values outside the logical range and unknown names', () => {
    expect(() => encodeOutputReports(jabra, { ledMute: 2 })).toThrow(/outside 0..1/);
    expect(() => encodeOutputReports(jabra, { ledMute: 0.5 })).toThrow(HidDescriptorError);
    expect(() => encodeOutputReports(jabra, JSON.parse('{"ledDisco":1}'))).toThrow(/Unknown control/);
  });
});

describe('bit helpers', () => {
  it('read and write little-endian fields across byte boundaries, two’s complement for negatives', () => {
    const bytes = new Uint8Array(3);
    writeBits(bytes, 6, 12, 0xabc);
    expect(readBits(bytes, 6, 12)).toBe(0xabc);
    expect([...bytes]).toEqual([0x00, 0xaf, 0x02]);
    writeBits(bytes, 6, 12, 0);
    expect([...bytes]).toEqual([0, 0, 0]);
    writeBits(bytes, 0, 4, -1);
    expect(bytes[0]).toBe(0x0f);
    const wide = new Uint8Array(4);
    writeBits(wide, 0, 32, 0xffffffff);
    expect(readBits(wide, 0, 32)).toBe(0xffffffff); // stays positive: no 32-bit signed overflow
  });
});
