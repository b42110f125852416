// Test support: serves tests/support/browser/customerPhone.js (plain sip.js, bundled in memory; see
// phonePageServer.ts) on 127.0.0.1, so a second Chromium page can be the customer; and the tone WAV Chromium's
// fake microphone plays. Plain Node.
import { writeFileSync } from 'node:fs';
import { servePhonePage, type PhonePageServer } from './phonePageServer.js';

/** http://127.0.0.1:PORT/customer.html, and close(). */
export type CustomerPhoneServer = PhonePageServer;

export function serveCustomerPhone(): Promise<CustomerPhoneServer> {
  return servePhonePage('customer', 'Customer');
}

/** A mono 16-bit PCM WAV holding a sine tone, for Chromium's --use-file-for-fake-audio-capture. */
export function writeToneWav(file: string, hz: number, seconds = 10, sampleRate = 48_000): void {
  const samples = seconds * sampleRate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * 16_000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
}
