// The sandboxed preload of every AgentDesk window (bundled to dist/preload/preload.cjs): exposes
// window.agentDesk and nothing else. The API itself is built in ./preloadApi.ts (unit-tested).
import { contextBridge, ipcRenderer } from 'electron';
import { exposeAgentDeskApi } from './preloadApi.js';

exposeAgentDeskApi(contextBridge, ipcRenderer);
