// Seam 5 end to end: a real INVITE through the test Kamailio carries the dialled number (P-Called-Party-ID, else
// To) and the queue (X-Queue) into the ringing calls:state, and the script rules pick the complaint script from
// them. Real sip.js far end, real SipService, real SQLite with the demo scripts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { ScriptService } from '../../../electron/core/scripts/scriptService.js';
import { builtinDispositions } from '../../../electron/shared/workflow.js';
import { startKamailio, type Kamailio } from '../../support/kamailio.js';
import { useTempDirs } from '../../support/tempDir.js';
import { openTestStore, type TestStore } from '../customers/customerTestSupport.js';
import { createTestAgent, startRegistered, type TestAgent } from '../sip/support/agent.js';
import { TestPhone } from '../sip/support/testPhone.js';
import { demoScriptsDir } from './scriptTestSupport.js';

const tempDir = useTempDirs();
let proxy: Kamailio;
let store: TestStore;
const stops: { stop(): Promise<unknown> }[] = [];

beforeAll(async () => {
  proxy = await startKamailio();
});
afterAll(async () => {
  await proxy.stop();
});
afterEach(async () => {
  for (const stoppable of stops.splice(0)) await stoppable.stop();
  store?.close();
});

async function agentAndPhone(agentUser: string, phoneUser: string): Promise<{ agent: TestAgent; phone: TestPhone }> {
  const agent = await createTestAgent({ servers: [proxy.wsUrl], user: agentUser });
  stops.push(agent.service);
  await startRegistered(agent);
  const phone = new TestPhone({ user: phoneUser, server: proxy.wsUrl });
  stops.push(phone);
  await phone.start();
  return { agent, phone };
}

describe('the call facts behind script rules', () => {
  it('an INVITE with P-Called-Party-ID and X-Queue rings with them, and gets the complaint script', async () => {
    store = openTestStore(tempDir());
    const scripts = new ScriptService({
      database: store.database,
      clock: store.clock,
      logger: new MemoryLogger(),
      customerForCall: () => undefined,
      agentName: () => 'Derya',
      deskLocale: () => 'en',
      defaultCountry: () => 'TR',
      dispositions: () => builtinDispositions,
    });
    expect((await scripts.importDirectory(demoScriptsDir)).written).toBe(true);

    const { agent, phone } = await agentAndPhone('2301', '2302');
    await phone.call('2301', { extraHeaders: ['P-Called-Party-ID: <sip:08502220005@lab.test>', 'X-Queue: Şikayet'] });
    const ringing = await agent.events.waitFor('calls:state', (c) => c.state === 'ringing' && c.remoteUser === '2302');
    expect(ringing).toMatchObject({ dialledNumber: '08502220005', queue: 'Şikayet' });
    scripts.observeCall(ringing);
    expect(await scripts.forCall(ringing.id)).toMatchObject({ reason: 'dialledNumber', script: { key: 'complaint-intake-en' } });

    const { agent: plainAgent, phone: plainPhone } = await agentAndPhone('2303', '2304');
    await plainPhone.call('2303');
    const plain = await plainAgent.events.waitFor('calls:state', (c) => c.state === 'ringing' && c.remoteUser === '2304');
    expect(plain.dialledNumber).toBe('2303');
    expect(plain.queue).toBeUndefined();
    scripts.observeCall(plain);
    expect(await scripts.forCall(plain.id)).toMatchObject({ reason: 'inboundDefault', script: { key: 'inbound-service-en' } });
  });
});
