// The built preload: one small CommonJS file that knows every contract name and carries no schemas.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { commandNames, eventNames } from '../../../electron/shared/ipc/contract.js';
import { repoRoot } from '../../support/paths.js';

describe('dist/preload/preload.cjs', () => {
  it('exposes exactly the contract names and the media channel through contextBridge, without zod', () => {
    execFileSync(process.execPath, [join(repoRoot, 'build', 'bundle.mjs'), '--only=preload'], { cwd: repoRoot });
    const code = readFileSync(join(repoRoot, 'dist', 'preload', 'preload.cjs'), 'utf8');
    expect(code.length).toBeLessThan(20_000);
    expect(code).not.toMatch(/ZodError|safeParse/);
    // Run it as Electron would, with a recording contextBridge: only `electron` may be required.
    const exposed: Record<string, { commands: Record<string, unknown>; events: Record<string, unknown> }> = {};
    const sent: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: never) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: async () => ({ ok: true, value: null }),
        on: () => undefined,
        removeListener: () => undefined,
        send: (channel: string) => sent.push(channel),
      },
    };
    const required: string[] = [];
    runInNewContext(code, {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`preload required ${name}`);
        return electron;
      },
      module: { exports: {} },
      exports: {},
    });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['agentDesk', 'agentDeskMedia']);
    const media = exposed.agentDeskMedia as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(Object.keys(media).sort()).toEqual(['attach', 'onRequest', 'reply']);
    media.attach!();
    media.reply!({ t: 'mediaReply', id: 1, ok: true, value: null });
    expect(sent).toEqual(['media:attach', 'media:reply']);
    expect(Object.keys(exposed.agentDesk!.commands).sort()).toEqual([...commandNames].sort());
    expect(Object.keys(exposed.agentDesk!.events).sort()).toEqual([...eventNames].sort());
  });
});
