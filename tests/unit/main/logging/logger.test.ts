import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src-main/logging/logger';

const TOKEN =
  '2dn3hQFQSWHIc0CMRc6xunwNmdiBeQNQpNWAuar7SSW8jduV9zfUrlDi2RpLvSI7Lpj6UEpyjZUy.0oRDoQEmoQRBIfZYQOOK3tk8JPbQj97vYSUwvg2l4RWnI-HkW870dxWy6pirvWJ5ZfjLtJsP-R5C9MJNtMHkZEZNjI1bmMaMLInZWTE';
const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'onboarder-log-'));
  dirs.push(d);
  return d;
};

describe('logger', () => {
  it('never writes an API key or a full token; keeps the token last 6 characters', () => {
    const dir = tempDir();
    const log = createLogger({ dir });
    log.info('cloud', `claiming ${TOKEN} with key ${KEY}`);
    log.error('cloud', 'request failed', new Error(`Authorization: Bearer ${KEY}`));
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(TOKEN.slice(0, 40));
    expect(text).toContain(TOKEN.slice(-6));
    expect(text).toMatch(/INFO +\[cloud\] claiming \[token …/);
    expect(log.recentText()).toBe(text);
  });

  it('rotates by size and keeps at most maxFiles files', () => {
    const dir = tempDir();
    const log = createLogger({ dir, maxBytes: 400, maxFiles: 3 });
    for (let i = 0; i < 40; i++) log.info('test', `line ${i} ${'x'.repeat(40)}`);
    expect(existsSync(log.file)).toBe(true);
    expect(existsSync(`${log.file}.1`)).toBe(true);
    expect(existsSync(`${log.file}.2`)).toBe(true);
    expect(existsSync(`${log.file}.3`)).toBe(false);
    expect(readFileSync(log.file, 'utf8').length).toBeLessThanOrEqual(400);
    expect(readFileSync(log.file, 'utf8')).toContain('line 39');
  });
});
