// The alive mark file (electron/core/agent/aliveMark.ts): read back what was written, and never trip over a
// missing, torn or foreign file.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AliveMarkFile } from '../../../electron/core/agent/aliveMark.js';
import { MemoryLogger } from '../../../electron/core/log/memoryLogger.js';
import { useTempDirs } from '../../support/tempDir.js';

const tempDir = useTempDirs();

describe('AliveMarkFile', () => {
  it('reads back the last mark written, and leaves only its own file behind', () => {
    const dir = tempDir();
    const mark = new AliveMarkFile(dir, new MemoryLogger());
    expect(mark.read()).toBeUndefined();
    mark.write({ agent: '1001', at: 1_700_000_000_000 });
    mark.write({ agent: '1001', at: 1_700_000_060_000 });
    expect(new AliveMarkFile(dir, new MemoryLogger()).read()).toEqual({ agent: '1001', at: 1_700_000_060_000 });
    expect(readdirSync(dir)).toEqual(['agent-alive.json']);
  });

  it.each([
    ['torn JSON', '{"agent":"1001","at":17'],
    ['a foreign shape', '{"agent":1001,"at":"yesterday"}'],
    ['not a number in time', '{"agent":"1001","at":null}'],
    ['binary junk', '\u0000\u0001'],
  ])('%s: no mark, one warning, no throw', (_label, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'agent-alive.json'), content);
    const logger = new MemoryLogger();
    expect(new AliveMarkFile(dir, logger).read()).toBeUndefined();
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
  });

  it('a write that cannot happen (the data dir is gone) is logged, not thrown', () => {
    const logger = new MemoryLogger();
    const base = tempDir();
    const mark = new AliveMarkFile(join(base, 'missing', 'dir'), logger);
    expect(() => mark.write({ agent: '1001', at: 1 })).not.toThrow();
    expect(logger.lines.map((line) => line.message)).toContain('agent alive mark not written');
    expect(existsSync(join(base, 'missing'))).toBe(false); // nothing created on the way
  });
});
