import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as runJournal } from '../../../../src-main/cli/commands/journal';
import { run as runAttest } from '../../../../src-main/cli/commands/attest';
import { commands, main, usage } from '../../../../src-main/cli/index';
import { makeTempDir } from '../cloud/helpers';
import { captureIo } from './helpers';

const commandFiles = readdirSync(join(import.meta.dirname, '../../../../src-main/cli/commands'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

describe('the command table', () => {
  it('has one entry per file in cli/commands, each listed in the top-level usage', async () => {
    const toFile = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    expect(commands.map((c) => toFile(c.name)).sort()).toEqual([...commandFiles].sort());
    const text = usage();
    for (const c of commands)
      expect(text).toMatch(new RegExp(`^  ${c.name} +${escape(c.summary)}$`, 'm'));
  });

  it('prints the usage for --help, -h and help with exit 0, and for no command with exit 2', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const run = captureIo();
      expect(await main(argv, run.io)).toBe(0);
      expect(run.stdout()).toBe(usage());
    }
    const bare = captureIo();
    expect(await main([], bare.io)).toBe(2);
    expect(bare.stderr()).toBe(usage());
    expect(bare.stdout()).toBe('');
  });

  it('documents the output and exit-code rule in the top-level usage', () => {
    expect(usage()).toMatch(/^ {2}0 {2}success/m);
    expect(usage()).toMatch(/^ {2}1 {2}.*"CODE: message" on stderr/m);
    expect(usage()).toContain('{"error":{"code":"CODE","message":"..."}} on stdout with --json');
    expect(usage()).toMatch(/^ {2}2 {2}usage error/m);
  });

  it('refuses an unknown command with exit 2 and the usage on stderr', async () => {
    const run = captureIo();
    expect(await main(['clam', '--token', 'x'], run.io)).toBe(2);
    expect(run.stderr()).toBe(`Unknown command "clam".\n\n${usage()}`);
    expect(run.stdout()).toBe('');
  });

  it.each(commands.map((c) => c.name))('%s: --help prints its own usage, exit 0', async (name) => {
    const run = captureIo();
    expect(await main([name, '--help'], run.io)).toBe(0);
    expect(run.stdout()).toMatch(new RegExp(`^Usage: nrf-onboard ${name}\\b`));
    expect(run.stderr()).toBe('');
  });

  it.each(commands.map((c) => c.name))(
    '%s: an unknown option is a usage error (exit 2), with the JSON error shape under --json',
    async (name) => {
      const plain = captureIo({}, Promise.resolve());
      expect(await main([name, '--no-such-option'], plain.io)).toBe(2);
      expect(plain.stderr()).toMatch(
        new RegExp(`^Unknown option '--no-such-option'.*\\n\\nUsage: nrf-onboard ${name}\\b`),
      );
      expect(plain.stdout()).toBe('');

      const json = captureIo({}, Promise.resolve());
      expect(await main([name, '--no-such-option', '--json'], json.io)).toBe(2);
      expect(JSON.parse(json.stdout())).toEqual({
        error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/--no-such-option/) },
      });
    },
  );
});

describe('the output rule for failures', () => {
  it('an unexpected exception is INTERNAL: message with exit 1, never a stack trace', async () => {
    const failing = { binding: () => Promise.reject(new TypeError('binding exploded')) };
    const text = captureIo();
    expect(await runAttest(['--port', '/dev/x'], text.io, failing)).toBe(1);
    expect(text.stderr()).toBe('INTERNAL: binding exploded\n');
    expect(text.stdout()).toBe('');

    const json = captureIo();
    expect(await runAttest(['--port', '/dev/x', '--json'], json.io, failing)).toBe(1);
    expect(JSON.parse(json.stdout())).toEqual({
      error: { code: 'INTERNAL', message: 'binding exploded' },
    });
    expect(json.stderr()).toBe('');
  });

  it('journal on a data folder that cannot be used: CODE: message and exit 1, no stack trace', async () => {
    const { dir, cleanup } = makeTempDir('onboarder-cli-bad-dir-');
    try {
      const notAFolder = join(dir, 'file');
      writeFileSync(notAFolder, 'x');
      const text = captureIo({ ONBOARDER_DATA_DIR: notAFolder });
      expect(await runJournal([], text.io)).toBe(1);
      expect(text.stderr()).toMatch(/^[A-Z_]+: The token .*\n$/);
      expect(text.stderr()).not.toMatch(/\n\s+at /);

      const json = captureIo({ ONBOARDER_DATA_DIR: notAFolder });
      expect(await runJournal(['--json'], json.io)).toBe(1);
      const parsed = JSON.parse(json.stdout()) as { error: { code: string; message: string } };
      expect(parsed.error.code).toMatch(/^(JOURNAL_WRITE_FAILED|FILE_IO_FAILED)$/);
      expect(parsed.error.message).toEqual(expect.any(String));
    } finally {
      cleanup();
    }
  });

  it('masks secrets in error messages', async () => {
    const key = '0123456789abcdef0123456789abcdef01234567';
    const run = captureIo();
    const failing = { binding: () => Promise.reject(new Error(`Bearer ${key} refused`)) };
    expect(await runAttest(['--port', '/dev/x'], run.io, failing)).toBe(1);
    expect(run.stderr()).toMatch(/^INTERNAL: Bearer \[api-key redacted\] refused\n$/);
    expect(run.stderr()).not.toContain(key);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
