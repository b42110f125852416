// The agent state in the real desk (startCore → deskServices) against a real Kamailio: a Not ready or
// Break agent's phone refuses a caller with the configured SIP code without ringing; once Available the
// call rings, the state follows it through On call and Wrap-up, the wrap-up service files the default
// disposition when after-call work runs out, and the log ends with Logged out at shutdown.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { SIP_PASSWORD_SECRET } from '../../../electron/core/sip/sipConnection.js';
import { labDomain, labPassword, startKamailio, type Kamailio } from '../../support/kamailio.js';
import { migrationsFolder } from '../../support/paths.js';
import { useTempDirs } from '../../support/tempDir.js';
import { MemorySecretStore } from '../sip/support/agent.js';
import { RecordingEventSink } from '../sip/support/recordingEventSink.js';
import { StaticSdpMediaPeer } from '../sip/support/staticSdpMediaPeer.js';
import { TestPhone } from '../sip/support/testPhone.js';

const tempDir = useTempDirs('agentdesk-agent-sip-');
const agentUser = '3101';
let proxy: Kamailio;
let core: Core;
let customer: TestPhone;
let coreClosed = false;
const events = new RecordingEventSink();

beforeAll(async () => {
  proxy = await startKamailio({ auth: true });
  const dataDir = tempDir();
  const config = join(dataDir, 'provisioning.json');
  writeFileSync(config, JSON.stringify({ defaults: { sip: { servers: [proxy.wsUrl], domain: labDomain, user: agentUser } } }));
  const secrets = new MemorySecretStore();
  await secrets.set(SIP_PASSWORD_SECRET, labPassword);
  core = startCore({
    mode: 'host',
    version: '0.0.0-test',
    dataDir,
    migrationsFolder,
    provisioningFile: config,
    onDamagedDatabase: 'fail',
    systemLocale: 'en',
    logger: new MemoryLogger(),
    events,
    secrets,
    hidTransport: null,
    mediaPeer: new StaticSdpMediaPeer(),
  });
  await core.services;
  await events.waitFor('sip:registration', (status) => status.state === 'registered', 15_000);
  customer = new TestPhone({ user: '3102', server: proxy.wsUrl });
  await customer.start();
}, 30_000);

afterAll(async () => {
  await customer?.stop();
  if (!coreClosed) await core?.close();
  await proxy?.stop();
}, 30_000);

async function command(name: string, args: unknown): Promise<unknown> {
  const result = await core.dispatch(name, args);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The state log as the file holds it (read after core closed it). */
function stateRows() {
  const file = new Database(core.database.path, { readonly: true });
  try {
    return file
      .prepare('SELECT state, reason_code AS reasonCode, cause FROM agent_state_events WHERE agent = ? ORDER BY at, id')
      .all(agentUser) as { state: string; reasonCode: string | null; cause: string }[];
  } finally {
    file.close();
  }
}

describe('agent state through Kamailio', () => {
  it('refuses callers while Not ready (480) and on Break (the configured 603), without ringing', async () => {
    expect(await command('agent:getState', {})).toMatchObject({ state: 'notReady', reasonCode: null });

    let mark = customer.mark();
    await customer.call(agentUser);
    expect((await customer.waitFor('final', () => true, 10_000, mark)).code).toBe(480);
    const refused = await events.waitFor(
      'calls:state',
      (call) => call.state === 'ended' && call.endReason === 'agent-unavailable',
    );
    expect(refused).toMatchObject({ line: 0, hungUpBy: 'system', sipCode: 480 });

    await command('settings:set', { key: 'agent.unavailableCode', value: 603 });
    await command('agent:setState', { state: 'break', reasonCode: 'lunch' });
    mark = customer.mark();
    await customer.call(agentUser);
    expect((await customer.waitFor('final', () => true, 10_000, mark)).code).toBe(603);
    await events.waitFor('calls:state', (call) => call.state === 'ended' && call.sipCode === 603);

    expect(events.all('calls:state', (call) => call.state === 'ringing')).toEqual([]);
    expect(events.all('agent:state', (status) => status.state === 'ringing')).toEqual([]);
  });

  it('rings once Available, follows the call into wrap-up, files the default when it runs out; shutdown logs out', async () => {
    // One second of mandatory after-call work, so the test sees the default disposition filed (seam 2).
    await command('settings:set', {
      key: 'agent.afterCallWork',
      value: { mode: 'mandatory', limitSeconds: 1, defaultDisposition: 'no-outcome', requireDisposition: true },
    });
    await command('agent:setState', { state: 'available' });
    const mark = customer.mark();
    await customer.call(agentUser);
    const ringing = await events.waitFor('calls:state', (call) => call.state === 'ringing');
    expect(await command('agent:getState', {})).toMatchObject({ state: 'ringing', callId: ringing.id });

    await command('calls:answer', { callId: ringing.id });
    await events.waitFor('agent:state', (status) => status.state === 'onCall' && status.callId === ringing.id);
    const established = await customer.waitFor('established', () => true, 10_000, mark);
    await established.session.bye();
    const wrapUp = await events.waitFor('agent:state', (status) => status.state === 'wrapUp');
    expect(wrapUp).toMatchObject({ callId: ringing.id, acw: { mode: 'mandatory', canExit: false } });
    expect(wrapUp.acw!.deadline! - wrapUp.since).toBe(1000);

    const back = await events.waitFor(
      'agent:state',
      (status) => status.state === 'available' && status.since > wrapUp.since,
      5000,
    );
    expect(back.since).toBeGreaterThanOrEqual(wrapUp.acw!.deadline!);
    expect(core.database.sqlite.prepare('SELECT outcome, agent FROM interactions WHERE call_id = ?').all(ringing.id)).toEqual([
      { outcome: 'no-outcome', agent: agentUser },
    ]);

    coreClosed = true;
    await core.close();
    expect(stateRows()).toEqual([
      { state: 'notReady', reasonCode: null, cause: 'system' },
      { state: 'break', reasonCode: 'lunch', cause: 'operator' },
      { state: 'available', reasonCode: null, cause: 'operator' },
      { state: 'ringing', reasonCode: null, cause: 'call' },
      { state: 'onCall', reasonCode: null, cause: 'call' },
      { state: 'wrapUp', reasonCode: null, cause: 'call' },
      { state: 'available', reasonCode: null, cause: 'timeout' },
      { state: 'loggedOut', reasonCode: null, cause: 'system' },
    ]);
    expect(events.contractViolations).toEqual([]);
  });
});
