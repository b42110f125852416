// Chromium permission requests and checks (electron/main/security/permissions.ts).
import { describe, expect, it } from 'vitest';
import { appOrigin } from '../../../electron/main/security/appScheme.js';
import { isPermissionAllowed, isPermissionCheckAllowed } from '../../../electron/main/security/permissions.js';

const microphone = {
  permission: 'media',
  requestingOrigin: 'agentdesk://app/index.html',
  securityOrigin: 'agentdesk://app/',
  mediaTypes: ['audio'],
  isMainFrame: true,
};

describe('isPermissionAllowed (requests)', () => {
  it('grants the microphone to our main frame', () => {
    expect(isPermissionAllowed(microphone, appOrigin)).toBe(true);
    expect(isPermissionAllowed({ ...microphone, securityOrigin: undefined }, appOrigin)).toBe(true);
    expect(isPermissionAllowed({ ...microphone, requestingOrigin: 'agentdesk://app' }, appOrigin)).toBe(true);
  });

  it.each([
    ['camera', { mediaTypes: ['video'] }],
    ['camera and microphone', { mediaTypes: ['audio', 'video'] }],
    ['microphone twice', { mediaTypes: ['audio', 'audio'] }],
    ['no media type', { mediaTypes: [] }],
    ['media types missing', { mediaTypes: undefined }],
    ['a subframe', { isMainFrame: false }],
    ['another origin', { requestingOrigin: 'https://evil.example/' }],
    ['the host origin', { requestingOrigin: 'http://127.0.0.1:4100/' }],
    ['a file page', { requestingOrigin: 'file:///tmp/x.html' }],
    ['credentials in the URL', { requestingOrigin: 'agentdesk://x@app/' }],
    ['a mismatching security origin', { securityOrigin: 'https://evil.example/' }],
    ['no requesting URL', { requestingOrigin: undefined }],
  ])('denies %s', (_label, change) => {
    expect(isPermissionAllowed({ ...microphone, ...change }, appOrigin)).toBe(false);
  });

  it.each([
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'geolocation',
    'idle-detection',
    'keyboardLock',
    'mediaKeySystem',
    'midi',
    'midiSysex',
    'openExternal',
    'pointerLock',
    'speaker-selection',
    'storage-access',
    'top-level-storage-access',
    'window-management',
    'fileSystem',
    'unknown',
  ])('denies %s even to our main frame', (permission) => {
    expect(isPermissionAllowed({ ...microphone, permission }, appOrigin)).toBe(false);
  });
});

describe('isPermissionCheckAllowed (checks)', () => {
  const check = { permission: 'media', requestingOrigin: 'agentdesk://app/', mediaType: 'audio', isMainFrame: true };

  it('passes the audio check from our main frame (device labels for headset routing)', () => {
    expect(isPermissionCheckAllowed(check, appOrigin)).toBe(true);
  });

  it.each([
    ['video', { mediaType: 'video' }],
    ['unknown media', { mediaType: 'unknown' }],
    ['no media type', { mediaType: undefined }],
    ['a subframe', { isMainFrame: false }],
    ['another origin', { requestingOrigin: 'https://evil.example' }],
    ['notifications', { permission: 'notifications', mediaType: undefined }],
    ['hid', { permission: 'hid', mediaType: undefined }],
    ['serial', { permission: 'serial', mediaType: undefined }],
    ['usb', { permission: 'usb', mediaType: undefined }],
    ['clipboard-read', { permission: 'clipboard-read', mediaType: undefined }],
  ])('fails %s', (_label, change) => {
    expect(isPermissionCheckAllowed({ ...check, ...change }, appOrigin)).toBe(false);
  });
});
