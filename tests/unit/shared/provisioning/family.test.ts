import {
  canProvision,
  familyFromHelp,
  familyFromXnrfprovTest,
  helpCommands,
  unsupportedMessage,
} from '../../../../src-shared/provisioning/family';

// Zephyr's `help`, as the shell prints it (docs/protocol.md §10), with the given root commands.
function help(
  commands: string[],
  style: 'described' | 'bare' | 'headless' = 'described',
): string[] {
  const intro = [
    'Please press the <Tab> button to see all available commands.',
    'You can also use the <Tab> button to prompt or auto-complete all commands or its subcommands.',
    'You can try to call commands with <-h> or <--help> parameter for more information.',
    '',
    'Shell supports following meta-keys:',
    '  Ctrl + (a key from: abcdefklnpuw)',
    '  Alt  + (a key from: bf)',
    'Please refer to shell documentation for more details.',
    '',
  ];
  const list = commands.map((name) =>
    style === 'bare' ? `  ${name}` : `  ${name.padEnd(18)}: \x1b[1;36mSome commands\x1b[m`,
  );
  return style === 'headless' ? list : [...intro, '\x1b[1;32mAvailable commands:\x1b[m', ...list];
}

const BASE = ['at', 'clear', 'date', 'device', 'help', 'history', 'kernel', 'log', 'shell'];

describe('familyFromHelp', () => {
  it.each(['described', 'bare', 'headless'] as const)(
    'finds nrf_provisioning in a %s help listing: shell',
    (style) => {
      const found = familyFromHelp(help([...BASE, 'nrf_provisioning'], style));
      expect(found).toEqual({ family: 'shell', reason: '`help` lists nrf_provisioning' });
    },
  );

  it.each(['described', 'bare', 'headless'] as const)(
    'finds att_cloud without nrf_provisioning in a %s listing: att',
    (style) => {
      const found = familyFromHelp(help([...BASE, 'att_cloud'], style));
      expect(found.family).toBe('att');
      expect(found.reason).toMatch(/lists att_cloud but not nrf_provisioning/);
    },
  );

  it('prefers nrf_provisioning when both are listed (it can be triggered directly)', () => {
    expect(familyFromHelp(help([...BASE, 'att_cloud', 'nrf_provisioning'])).family).toBe('shell');
  });

  it('finds neither: no provisioning client, and says how many commands it saw', () => {
    const found = familyFromHelp(help(BASE));
    expect(found.family).toBe('none');
    expect(found.reason).toBe(
      '`help` lists neither nrf_provisioning nor att_cloud (9 commands): this shell firmware has no provisioning client the app can start',
    );
  });

  it('says so when help listed nothing at all', () => {
    expect(familyFromHelp([]).reason).toMatch(/listed no commands/);
  });

  it('does not take prose or meta-key lines for commands', () => {
    expect(helpCommands(help(['at', 'kernel']))).toEqual(['at', 'kernel']);
  });

  it('does not take a subcommand mentioned in prose for a root command', () => {
    expect(familyFromHelp(['Use nrf_provisioning now to start', '  at  : AT']).family).toBe('none');
  });
});

describe('familyFromXnrfprovTest', () => {
  it('Serial Modem with the overlay: #XNRFPROV and OK', () => {
    expect(familyFromXnrfprovTest({ lines: ['#XNRFPROV'], isOk: true }, 'slm')).toEqual({
      family: 'serial-modem',
      reason: '`AT#XNRFPROV=?` answered #XNRFPROV and OK',
    });
  });

  it('also when the plain-AT guess was wrong (at-host framing)', () => {
    expect(familyFromXnrfprovTest({ lines: ['#XNRFPROV'], isOk: true }, 'at-host').family).toBe(
      'serial-modem',
    );
  });

  it('Serial Modem answering ERROR: no overlay, no client', () => {
    const found = familyFromXnrfprovTest({ lines: [], isOk: false, finalText: 'ERROR' }, 'slm');
    expect(found).toEqual({
      family: 'none',
      reason: '`AT#XNRFPROV=?` answered ERROR: Serial Modem built without the provisioning overlay',
    });
  });

  it('AT host answering ERROR: at-host', () => {
    const found = familyFromXnrfprovTest(
      { lines: [], isOk: false, finalText: '+CME ERROR: 3' },
      'at-host',
    );
    expect(found.family).toBe('at-host');
    expect(found.reason).toMatch(/answered \+CME ERROR: 3 and the device answers plain AT/);
  });

  it('an OK without the #XNRFPROV line is no proof', () => {
    const found = familyFromXnrfprovTest({ lines: [], isOk: true }, 'slm');
    expect(found.family).toBe('none');
    expect(found.reason).toMatch(/OK without #XNRFPROV/);
  });
});

describe('canProvision and unsupportedMessage', () => {
  it.each([
    ['shell', true],
    ['att', true],
    ['serial-modem', true],
    ['at-host', false],
    ['none', false],
  ] as const)('%s -> %s', (family, expected) => {
    expect(canProvision(family)).toBe(expected);
  });

  it('names the firmware that can fetch credentials, and the reason', () => {
    const message = unsupportedMessage({ family: 'at-host', reason: 'because' });
    expect(message).toMatch(/^This AT-host firmware .* cannot fetch its credentials/);
    expect(message).toMatch(/Asset Tracker Template/);
    expect(message).toMatch(/Serial Modem v2\.0\.0 or newer with the provisioning overlay/);
    expect(message).toMatch(/Why: because\.$/);
  });
});
