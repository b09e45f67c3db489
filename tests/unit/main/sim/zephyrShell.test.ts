import { shellArgv } from '../../../../src-main/sim/device/zephyrShell';
import { PROMPT, startDevice, tokenFields, TOKEN_PATTERN } from './simHarness';

describe('Zephyr shell firmware (docs/protocol.md §2.C)', () => {
  it('boots with the banner, log lines and the shell start sequence', () => {
    const dev = startDevice({ firmware: 'shell', bootOutput: true });
    const text = dev.text();
    expect(text.startsWith('*** Booting nRF Connect SDK v2.6.0 ***\r\n')).toBe(true);
    expect(text).toMatch(/\[00:00:00\.\d{3},\d{3}\] <inf> [a-z_]+: .+\r\n/);
    expect(text.endsWith(`\x1b[m\r\n\r\n${PROMPT}`)).toBe(true);
  });

  it('echoes a plain AT line and says command not found (byte for byte)', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('AT%ATTESTTOKEN\r\n');
    expect(dev.text()).toBe(
      'AT%ATTESTTOKEN\r\n\x1b[1;31mAT%ATTESTTOKEN: command not found\r\n\x1b[m\x1b[1;32muart:~$ \x1b[m',
    );
    expect(dev.sim.issuedTokens).toHaveLength(0);
  });

  it('runs `at <cmd>` and turns every \\n of the modem reply into \\r\\n', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('at AT%ATTESTTOKEN\r\n');
    const [token] = dev.sim.issuedTokens;
    expect(token).toMatch(TOKEN_PATTERN);
    expect(dev.text()).toBe(
      `at AT%ATTESTTOKEN\r\n%ATTESTTOKEN: "${token}"\r\r\nOK\r\r\n\r\n\x1b[1;32muart:~$ \x1b[m`,
    );
  });

  it('prints a modem error like docs/protocol.md', () => {
    const dev = startDevice({ firmware: 'shell', attestSupported: false });
    dev.send('at AT%ATTESTTOKEN\r\n');
    expect(dev.text()).toBe('at AT%ATTESTTOKEN\r\nERROR\r\r\n\r\n\x1b[1;32muart:~$ \x1b[m');
  });

  it('strips single quotes so an AT command with double quotes survives', () => {
    const dev = startDevice({ firmware: 'shell' });
    const line = `at 'AT%ATTESTTOKEN="00112233445566778899AABBCCDDEEFF"'`;
    dev.send(`${line}\r\n`);
    expect(dev.text()).toMatch(
      new RegExp(`^${line.replace(/[%"'.]/g, '.')}\r\n%ATTESTTOKEN: "[^"]+"\r\r\nOK\r\r\n\r\n`),
    );
    expect(tokenFields(dev.sim.issuedTokens[0] ?? '').nonceHex).toBe(
      '00112233445566778899aabbccddeeff',
    );
  });

  it('loses the double quotes of an unquoted argument (so the modem rejects it)', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('at AT%ATTESTTOKEN="00112233445566778899AABBCCDDEEFF"\r\n');
    expect(dev.text().endsWith(`\r\nERROR\r\r\n\r\n${PROMPT}`)).toBe(true);
  });

  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('ends a line with %s, exactly one prompt', (_name, ending) => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send(`at AT${ending}`);
    expect(dev.text()).toBe(`at AT\r\nOK\r\r\n\r\n${PROMPT}`);
  });

  it('answers an empty line with a new prompt', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('\r\n');
    expect(dev.text()).toBe(`\r\n${PROMPT}`);
  });

  it('echoes byte by byte as they arrive', () => {
    const dev = startDevice({ firmware: 'shell' });
    for (const c of 'at AT') dev.send(c);
    expect(dev.chunks).toEqual(['a', 't', ' ', 'A', 'T']);
  });

  it('Ctrl-U clears the typed line', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('garbage');
    dev.send('\x15');
    expect(dev.take()).toBe('garbage\x1b[7D\x1b[J');
    dev.send('at AT\r\n');
    expect(dev.take()).toBe(`at AT\r\nOK\r\r\n\r\n${PROMPT}`);
  });

  it('Ctrl-L clears the screen and redraws the prompt with the typed text', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('at');
    dev.send('\x0c');
    expect(dev.text()).toBe(`at\x1b[H\x1b[2J${PROMPT}at`);
  });

  it('backspace removes a character', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('at ATX\x7f\r');
    expect(dev.text()).toBe(`at ATX\x1b[1D\x1b[J\r\nOK\r\r\n\r\n${PROMPT}`);
  });

  it('swallows escape sequences (arrow keys)', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('at\x1b[A AT\r');
    expect(dev.text()).toBe(`at AT\r\nOK\r\r\n\r\n${PROMPT}`);
  });

  it('interleaves log lines: erase prompt + typed text, print, redraw', () => {
    const dev = startDevice({ firmware: 'shell', logLinesEveryMs: 5123 });
    dev.send('at A');
    dev.take();
    dev.clock.advance(5123);
    const out = dev.take();
    const erase = '\x1b[12D\x1b[J';
    const redraw = `${PROMPT}at A`;
    expect(out.startsWith(erase)).toBe(true);
    expect(out.endsWith(redraw)).toBe(true);
    expect(out.slice(erase.length, -redraw.length)).toMatch(
      /^\[00:00:05\.123,000\] <inf> [a-z_]+: [^\r\n]+\r\n$/,
    );
    dev.send('T\r\n');
    expect(dev.take()).toBe(`T\r\nOK\r\r\n\r\n${PROMPT}`);
  });

  it('prints notifications as log lines and never inside a reply', () => {
    const dev = startDevice({ firmware: 'shell', unsolicitedEveryMs: 10, replyDelayMs: 25 });
    dev.send('at AT+CGMM\r\n');
    dev.clock.advance(100);
    const text = dev.text();
    expect(text).toContain(`nRF9151-LACA\r\r\nOK\r\r\n\r\n${PROMPT}`);
    expect(text).toContain('<inf> lte_lc: +CEREG: 5,"4E2A","0123ABCD",7\r\n');
  });

  it('a plain `at` prints nothing but a new prompt', () => {
    const dev = startDevice({ firmware: 'shell' });
    dev.send('at\r\n');
    expect(dev.text()).toBe(`at\r\n${PROMPT}`);
  });
});

describe('shellArgv', () => {
  it.each([
    ['at AT', ['at', 'AT']],
    ['  at   AT+CGMM  ', ['at', 'AT+CGMM']],
    [`at 'AT%ATTESTTOKEN="00"'`, ['at', 'AT%ATTESTTOKEN="00"']],
    ['at "AT+X=\'a\'"', ['at', "AT+X='a'"]],
    ['at AT%X="1"', ['at', 'AT%X=1']],
    ['at \\"x', ['at', '"x']],
    ["at ''", ['at', '']],
  ])('%s', (line, expected) => {
    expect(shellArgv(line)).toEqual(expected);
  });
});
