// The Electron fuses the installers flip (build/electronBuilder.config.ts): every fuse the wire knows
// is set explicitly, to the value the security checklist asks for.
import { describe, expect, it } from 'vitest';
import config, { electronFuses } from '../../../build/electronBuilder.config.js';
import { fuseWireOrder } from '../../../build/packaging/stubElectronDist.js';

describe('electronFuses', () => {
  it('is what electron-builder gets', () => {
    expect(config.electronFuses).toBe(electronFuses);
  });

  it('sets every fuse of the V1 wire explicitly to a boolean', () => {
    for (const name of fuseWireOrder) expect(typeof electronFuses[name], name).toBe('boolean');
    expect(Object.keys(electronFuses).sort()).toEqual([...fuseWireOrder].sort());
  });

  it('turns off every way into main and every legacy privilege, and turns on the integrity checks', () => {
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
