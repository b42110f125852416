// The sandboxed preload of every AgentDesk window (bundled to dist/preload/preload.cjs): exposes
// window.agentDesk (the contract) and window.agentDeskMedia (core's channel to the WebRTC engine) and nothing
// else. Both are built in ./preloadApi.ts and ./preloadMedia.ts (unit-tested).
import { contextBridge, ipcRenderer } from 'electron';
import { exposeAgentDeskApi } from './preloadApi.js';
import { createPreloadMediaChannel, mediaApiKey } from './preloadMedia.js';

exposeAgentDeskApi(contextBridge, ipcRenderer);
contextBridge.exposeInMainWorld(mediaApiKey, createPreloadMediaChannel(ipcRenderer));
