// Renderer entry point: connects the bridge (Electron preload or host WebSocket) and mounts the console.
// Runs in Chromium, loaded by renderer/index.html.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBridge } from './bridge/connect.js';
import { AgentDeskApp } from './components/AgentDeskApp.js';
import './styles/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('renderer/index.html has no #root element');

const bridge = connectBridge(window);

createRoot(container).render(
  <StrictMode>
    <AgentDeskApp bridge={bridge} />
  </StrictMode>,
);
