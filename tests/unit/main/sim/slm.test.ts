import { startDevice, TOKEN_PATTERN } from './simHarness';

describe('Serial LTE Modem firmware (docs/protocol.md §2.B)', () => {
  it('prints Ready at boot', () => {
    const dev = startDevice({ firmware: 'slm', bootOutput: true });
    expect(dev.text()).toBe('Ready\r\n');
  });

  it('frames the token reply with blank lines', () => {
    const dev = startDevice({ firmware: 'slm' });
    dev.send('AT%ATTESTTOKEN\r\n');
    const [token] = dev.sim.issuedTokens;
    expect(token).toMatch(TOKEN_PATTERN);
    expect(dev.text()).toBe(`\r\n%ATTESTTOKEN: "${token}"\r\n\r\nOK\r\n`);
  });

  it('rejects the `at ` prefix', () => {
    const dev = startDevice({ firmware: 'slm' });
    dev.send('at AT%ATTESTTOKEN\r\n');
    expect(dev.text()).toBe('\r\nERROR\r\n');
    expect(dev.sim.issuedTokens).toHaveLength(0);
  });

  it('frames bare results and errors', () => {
    const dev = startDevice({ firmware: 'slm', attestSupported: false });
    dev.send('AT\r\nAT%ATTESTTOKEN\r\nAT+CMEE=1\r\nAT%ATTESTTOKEN\r\n');
    expect(dev.text()).toBe('\r\nOK\r\n\r\nERROR\r\n\r\nOK\r\n\r\n+CME ERROR: 0\r\n');
  });

  it('needs CR+LF by default: a lone CR does not end the command', () => {
    const dev = startDevice({ firmware: 'slm' });
    dev.send('AT\r');
    expect(dev.text()).toBe('');
    dev.send('\n');
    expect(dev.text()).toBe('\r\nOK\r\n');
  });

  it('glues a CR-only command onto the next one, which then fails the grammar check', () => {
    const dev = startDevice({ firmware: 'slm' });
    dev.send('AT\rAT+CGMM\r\n');
    expect(dev.text()).toBe('\r\nERROR\r\n');
  });

  it.each([
    ['cr', 'AT\r'],
    ['lf', 'AT\n'],
  ] as const)('can be built for %s termination', (termination, line) => {
    const dev = startDevice({ firmware: 'slm', slmTermination: termination });
    dev.send(line);
    expect(dev.text()).toBe('\r\nOK\r\n');
  });

  it('ignores an empty line and skips power-up garbage before AT', () => {
    const dev = startDevice({ firmware: 'slm' });
    dev.send('\r\n');
    expect(dev.text()).toBe('');
    dev.send('\x00\xffxxAT+CGMI\r\n');
    expect(dev.text()).toBe('\r\nNordic Semiconductor ASA\r\n\r\nOK\r\n');
  });

  it('honours backspace', () => {
    const dev = startDevice({ firmware: 'slm' });
    dev.send('AT+CGMX\x08M\r\n');
    expect(dev.text()).toBe('\r\nnRF9151-LACA\r\n\r\nOK\r\n');
  });

  it('frames notifications with a leading blank line', () => {
    const dev = startDevice({ firmware: 'slm', unsolicitedEveryMs: 1000 });
    dev.clock.advance(1000);
    expect(dev.text()).toBe('\r\n+CEREG: 5,"4E2A","0123ABCD",7\r\n');
  });
});
