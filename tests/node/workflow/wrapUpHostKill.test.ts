// Nothing lost (issue 5): a wrap-up draft saved through the host's bridge survives the host being killed
// with SIGKILL (no shutdown code runs), and the restarted host reopens it — same id, revision, content
// and call. The host is the built `agentdesk host`, started as a user would, on a real data dir.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { bridgePath, type ServerMessage } from '../../../electron/shared/ipc/wire.js';
import type { DraftFormContent, WrapUpDraft } from '../../../electron/shared/ipc/wrapUp.js';
import { startHostProcess, type HostProcess } from '../../support/host.js';
import { useTempDirs } from '../../support/tempDir.js';
import { ensureCliBuilt } from '../../support/cliBuild.js';

const tempDir = useTempDirs('agentdesk-hostkill-');
const running: HostProcess[] = [];

beforeAll(() => {
  ensureCliBuilt();
}, 120_000);
afterEach(async () => {
  for (const host of running.splice(0)) await host.stop('SIGKILL');
});

/** A bridge client as the console page is one: the token, our origin, invoke → result. */
async function connect(host: HostProcess) {
  const socket = new WebSocket(`ws://127.0.0.1:${new URL(host.url).port}${bridgePath}?token=${host.token}`, {
    headers: { origin: host.origin },
  });
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  return {
    async invoke<T>(name: string, args: unknown): Promise<T> {
      const id = nextId++;
      socket.send(JSON.stringify({ t: 'invoke', id, name, args }));
      for (let i = 0; i < 1000; i++) {
        const reply = messages.find((m) => m.t === 'result' && m.id === id) as
          { result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } } } | undefined;
        if (reply) {
          if (!reply.result.ok) throw new Error(`${name}: ${reply.result.error.code} ${reply.result.error.message}`);
          return reply.result.value;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`${name}: no answer`);
    },
    close: () => socket.close(),
  };
}

describe('wrap-up draft across a host kill', () => {
  it('is intact after SIGKILL and a restart, with its call attached', async () => {
    const dataDir = tempDir();
    const first = await startHostProcess(dataDir);
    running.push(first);
    const client = await connect(first);
    const opened = await client.invoke<WrapUpDraft>('wrapup:open', { callId: 'call-0193-kill' });
    const content: DraftFormContent = {
      disposition: 'complaint',
      subcode: 'billing',
      notes: 'Fatura iki kez kesilmiş; müşteri İade istiyor — Şükrü Öztürk, ёлка',
      fields: {},
      ticket: {
        kind: 'complaint',
        department: 'billing',
        priority: 'high',
        subject: 'Çift fatura',
        description: 'Kasım faturası iki kez',
      },
    };
    let revision = opened.revision;
    // Several saves, as the debounced form sends them; the last one is what must survive.
    for (const notes of ['Fatura', 'Fatura iki kez', content.notes]) {
      revision = (
        await client.invoke<{ revision: number }>('wrapup:save', { draftId: opened.id, revision, content: { ...content, notes } })
      ).revision;
    }
    client.close();

    // The answer to the last save came back, so core's write is done: kill without any shutdown.
    expect(await first.stop('SIGKILL')).toBe(null);
    running.pop();

    const second = await startHostProcess(dataDir);
    running.push(second);
    const again = await connect(second);
    const drafts = await again.invoke<{ id: string; callId: string | null; revision: number }[]>('wrapup:drafts', {});
    expect(drafts).toEqual([expect.objectContaining({ id: opened.id, callId: 'call-0193-kill', revision })]);
    const reopened = await again.invoke<WrapUpDraft>('wrapup:open', { callId: 'call-0193-kill' });
    expect(reopened).toMatchObject({ id: opened.id, callId: 'call-0193-kill', revision, content });
    // And it carries on: the next save is based on the revision that survived.
    await again.invoke('wrapup:save', { draftId: opened.id, revision, content: { ...content, notes: `${content.notes}.` } });
    again.close();
  }, 90_000);
});
