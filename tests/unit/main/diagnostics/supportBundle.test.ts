import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import {
  buildSupportBundle,
  summarizeForTicket,
  writeSupportBundleZip,
  type SupportBundleInput,
} from '../../../../src-main/diagnostics/supportBundle';
import { AppError } from '../../../../src-shared/ipc/errors';

const apiKey = '0123456789abcdef0123456789ABCDEF01234567';
const token =
  '2dn3hQFQSWHIc0CMRc6xunwNmdiBeQNQpNWAuar7SSW8jduV9zfUrlDi2RpLvSI7Lpj6UEpyjZUy.0oRDoQEmoQRBIfZYQOOK3tk8JPbQj97vYSUwvg2l4RWnI-HkW870dxWy6pirvWJ5ZfjLtJsP-R5C9MJNtMHkZEZNjI1bmMaMLInZWTE';
const token2 =
  '2dn3hQFQUDYxVDkxRPCAIhIbZAFifQNQGv86y_GmR2SiY0wmRsHGVFDT791_BPH8YOWFiyCHND1q.0oRDoQEmoQRBIfZYQGuXwJliinHc6xDPruiyjsaXyXZbZVpUuOhHG9YS8L05VuglCcJhMN4EUhWVGpaHgNnHHno6ahi-d5tOeZmAcNY';
const [part1, part2] = token2.split('.') as [string, string];

function input(): SupportBundleInput {
  return {
    appVersion: '0.1.0',
    os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
    ports: [
      {
        path: '/dev/ttyACM0',
        serialNumber: 'THINGY91_ABCDEF012345',
        vendorId: '1915',
        productId: '9100',
      },
      {
        path: '/dev/ttyACM1',
        serialNumber: 'THINGY91_ABCDEF012345',
        vendorId: '1915',
        productId: '9100',
      },
    ],
    probes: [
      { path: '/dev/ttyACM0', verdict: 'at-host', label: 'AT host, answers', durationMs: 12 },
      {
        path: '/dev/ttyACM1',
        verdict: 'busy',
        label: 'busy (held by minicom, pid 1234)',
        durationMs: 3,
        error: { code: 'PORT_BUSY', message: 'Cannot lock port' },
      },
    ],
    findings: [
      {
        id: 'not-in-group',
        severity: 'error',
        title: 'Not in the dialout group',
        detail: 'd',
        fix: 'f',
        fixCommand: 'sudo usermod -aG dialout $USER',
      },
      {
        id: 'no-udev-rule',
        severity: 'warning',
        title: 'No udev rule for the kit',
        detail: 'd',
        fix: 'f',
      },
    ],
    timeline: [
      {
        t: 1000,
        kind: 'arrived',
        serialNumber: 'THINGY91_ABCDEF012345',
        name: 'Thingy:91',
        ports: ['/dev/ttyACM0'],
      },
    ],
    transcripts: [
      { t: 1000, port: '/dev/ttyACM0', dir: 'tx', text: 'AT%ATTESTTOKEN\r\n' },
      { t: 1010, port: '/dev/ttyACM0', dir: 'rx', text: `%ATTESTTOKEN: "${token}"` },
      { t: 1011, port: '/dev/ttyACM0', dir: 'rx', text: 'OK' },
      // Parts seen on their own (a log line cut short) must not survive either.
      {
        t: 1020,
        port: '/dev/ttyACM0',
        dir: 'rx',
        text: `[00:00:05.123,456] <inf> prov: Attestation token: ${part1}`,
      },
      { t: 1021, port: '/dev/ttyACM0', dir: 'rx', text: part2 },
    ],
    logText: `2024-01-01T00:00:00Z INFO [cloud] key ${apiKey} accepted\nAuthorization: Bearer ${apiKey}\nclaim ${token2}\n`,
    extra: {
      settings: { apiKey, lastToken: token },
      [`key-${apiKey}`]: 1,
      when: new Date(0),
      list: [`Bearer ${apiKey}`],
    },
    createdAt: 0,
  };
}

function assertClean(name: string, text: string) {
  expect(text, name).not.toContain(apiKey);
  expect(text.toLowerCase(), name).not.toContain(apiKey.toLowerCase());
  for (const secret of [token, token2, part1, part2]) {
    // No 16-character piece of any token part survives.
    for (let i = 0; i + 16 <= secret.length; i += 8)
      expect(text, name).not.toContain(secret.slice(i, i + 16));
  }
}

describe('buildSupportBundle', () => {
  it('contains every section and no secret in any file', () => {
    const { files } = buildSupportBundle(input());
    expect(Object.keys(files).sort()).toEqual(
      [
        'app.log',
        'extra.json',
        'findings.json',
        'ports.json',
        'probes.json',
        'summary.txt',
        'system.json',
        'transcripts.txt',
        'usb-timeline.json',
      ].sort(),
    );
    for (const [name, text] of Object.entries(files)) assertClean(name, text);
  });

  it('keeps the last 6 token characters so a ticket matches the journal, and JSON stays valid', () => {
    const { files } = buildSupportBundle(input());
    expect(files['transcripts.txt']).toContain(`[token …${token.slice(-6)}]`);
    expect(files['app.log']).toContain('[api-key redacted]');
    for (const name of Object.keys(files).filter((n) => n.endsWith('.json')))
      expect(() => JSON.parse(files[name] ?? '')).not.toThrow();
    const extra = JSON.parse(files['extra.json'] ?? '{}') as {
      settings: { apiKey: string; lastToken: string };
      when: string;
    };
    expect(extra.settings.apiKey).toBe('[api-key redacted]');
    expect(extra.settings.lastToken).toBe(`[token …${token.slice(-6)}]`);
    expect(extra.when).toBe('1970-01-01T00:00:00.000Z');
  });

  it('shows transcripts with time, port, direction and visible control characters', () => {
    const { files } = buildSupportBundle(input());
    expect(files['transcripts.txt']?.split('\n')[0]).toBe(
      '1970-01-01T00:00:01.000Z /dev/ttyACM0 tx AT%ATTESTTOKEN\\r\\n',
    );
    expect(JSON.parse(files['probes.json'] ?? '[]')).toEqual(input().probes);
  });

  it('leaves extra.json out when there is no extra', () => {
    const { extra: _extra, ...rest } = input();
    expect(buildSupportBundle(rest).files['extra.json']).toBeUndefined();
  });
});

describe('writeSupportBundleZip', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundle-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a zip whose every file is clean, leaving no temp file', async () => {
    const file = join(dir, 'support.zip');
    const bundle = buildSupportBundle(input());
    await writeSupportBundleZip(bundle, file);
    const unzipped = unzipSync(new Uint8Array(await readFile(file)));
    expect(Object.keys(unzipped).sort()).toEqual(Object.keys(bundle.files).sort());
    for (const [name, bytes] of Object.entries(unzipped)) {
      const text = strFromU8(bytes);
      expect(text).toBe(bundle.files[name]);
      assertClean(name, text);
    }
    expect(await readdir(dir)).toEqual(['support.zip']);
  });

  it('fails with BUNDLE_FAILED into a folder that does not exist', async () => {
    const err = await writeSupportBundleZip(
      buildSupportBundle(input()),
      join(dir, 'missing', 'x.zip'),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BUNDLE_FAILED');
  });
});

describe('summarizeForTicket', () => {
  it('gives version, OS, devices, per-port verdicts and top findings, redacted', () => {
    const text = summarizeForTicket({
      ...input(),
      ports: [{ path: `/dev/${apiKey}`, serialNumber: token }],
    });
    assertClean('summary', text);
    const full = summarizeForTicket(input());
    expect(full).toContain('Onboarder 0.1.0 on linux 6.1.0 (x64)');
    expect(full).toContain('THINGY91_ABCDEF012345 1915:9100: /dev/ttyACM0, /dev/ttyACM1');
    expect(full).toContain('/dev/ttyACM1: busy (held by minicom, pid 1234) [PORT_BUSY]');
    expect(full).toContain('[error] Not in the dialout group -> sudo usermod -aG dialout $USER');
    expect(full).toContain('[warning] No udev rule for the kit');
  });

  it('says none when there are no devices or findings, and reports a flapping device', () => {
    const timeline = [1, 2, 3].flatMap((i) => [
      { t: i * 1000, kind: 'left' as const, serialNumber: 'S1', name: 'DK', ports: [] },
      { t: i * 1000 + 500, kind: 'arrived' as const, serialNumber: 'S1', name: 'DK', ports: [] },
    ]);
    const text = summarizeForTicket({ ...input(), ports: [], probes: [], findings: [], timeline });
    expect(text).toContain('Devices: none');
    expect(text).toContain('Findings: none');
    expect(text).toContain('S1 reconnected 3 times');
  });
});
