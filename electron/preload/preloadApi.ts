// Builds window.agentDesk for the sandboxed preload from the contract's names: commands become
// ipcRenderer.invoke(name, args), events become ipcRenderer.on(name) subscriptions. Nothing else
// crosses the bridge: not ipcRenderer, not its event objects, not arbitrary channel names.
import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron';
import { buildAgentDeskApi, type AgentDeskApi } from '../shared/ipc/api.js';
import { isCommandName, isEventName } from '../shared/ipc/contract.js';
import { fail, type Result } from '../shared/ipc/result.js';

/** The name under which the renderer finds the API (`window.agentDesk`). */
export const apiKey = 'agentDesk';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;
export type ContextBridgeLike = Pick<ContextBridge, 'exposeInMainWorld'>;

export function createPreloadApi(ipcRenderer: IpcRendererLike): AgentDeskApi {
  return buildAgentDeskApi(
    async (name, args) => {
      // buildAgentDeskApi only passes contract names; checked again because this is the trust boundary.
      if (!isCommandName(name)) return fail('unknown_command', 'Unknown command');
      try {
        return (await ipcRenderer.invoke(name, args)) as Result<unknown>;
      } catch {
        // No handler yet (core still starting) or main went away: a Result, never a rejection.
        return fail('unavailable', 'AgentDesk is not ready');
      }
    },
    (name, listener) => {
      if (!isEventName(name)) return () => undefined;
      // Only the payload reaches the page; the IpcRendererEvent (with its `sender`) stays here.
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(name, forward);
      return () => {
        ipcRenderer.removeListener(name, forward);
      };
    },
  );
}

export function exposeAgentDeskApi(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(apiKey, createPreloadApi(ipcRenderer));
}
