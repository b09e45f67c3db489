import { screen, within } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/errors';
import type { Finding, PortReport } from '../../../src-shared/ipc/diagnostics';
import { connectResult } from './fakeApi';
import { renderApp } from './renderApp';
import { probeLabel } from '../../../src-renderer/src/features/diagnostics/PortRow';

const reports: PortReport[] = [
  {
    path: '/dev/ttyACM0',
    deviceName: 'nRF9151 DK',
    serialNumber: '001051234567',
    vendorId: '1366',
    productId: '1059',
    interfaceNumber: 0,
    role: 'at',
    verdict: 'shell',
    label: 'Zephyr shell',
  },
  {
    path: '/dev/ttyACM1',
    deviceName: 'nRF9151 DK',
    serialNumber: '001051234567',
    vendorId: '1366',
    productId: '1059',
    interfaceNumber: 2,
    role: 'other',
    verdict: 'busy',
    error: { code: 'PORT_BUSY', message: 'Cannot lock port' },
  },
];

const findings: Finding[] = [
  {
    id: 'not-in-group',
    severity: 'error',
    title: 'You are not in the dialout group',
    detail: '/dev/ttyACM0 belongs to group dialout.',
    fix: 'Add yourself to the group, then log out and in.',
    fixCommand: 'sudo usermod -aG dialout $USER',
  },
  {
    id: 'modemmanager',
    severity: 'warning',
    title: 'ModemManager is running',
    detail: 'It probes new ports.',
    fix: 'Stop it.',
  },
];

async function openDiagnostics(overrides: Parameters<typeof renderApp>[0]) {
  const app = renderApp(overrides);
  await app.user.click(await screen.findByRole('tab', { name: 'Diagnostics' }));
  return app;
}

describe('Diagnostics tab', () => {
  it('probes every port and shows verdicts as icon plus text, with holders for a busy row', async () => {
    const findHolders = vi.fn(async () => ok([{ pid: 1234, command: 'minicom', user: 'tech' }]));
    const { api, user } = await openDiagnostics({
      probePorts: vi.fn(async () => ok(reports)),
      findHolders,
    });
    const table = await screen.findByTestId('ports-table');
    expect(api.probePorts).toHaveBeenCalledTimes(1);
    const good = within(table).getByTestId('port-row-/dev/ttyACM0');
    expect(good).toHaveTextContent('1366:1059');
    expect(good).toHaveTextContent('Zephyr shell');
    expect(good.querySelector('[data-status="ok"] svg')).not.toBeNull();
    expect(within(good).queryByRole('button', { name: /Who holds/ })).not.toBeInTheDocument();

    const busy = within(table).getByTestId('port-row-/dev/ttyACM1');
    expect(busy).toHaveTextContent('Busy');
    expect(within(busy).getByTestId('error-code')).toHaveTextContent('PORT_BUSY');
    await user.click(within(busy).getByRole('button', { name: 'Who holds /dev/ttyACM1?' }));
    expect(findHolders).toHaveBeenCalledWith({ path: '/dev/ttyACM1' });
    expect(await within(busy).findByText('held by minicom (pid 1234)')).toBeInTheDocument();

    await user.click(within(busy).getByRole('button', { name: 'Retry /dev/ttyACM1' }));
    expect(api.probePorts).toHaveBeenCalledTimes(2);
    await user.click(await screen.findByRole('button', { name: 'Re-probe' }));
    expect(api.probePorts).toHaveBeenCalledTimes(3);
  });

  it('shows the permission doctor findings with a copyable fix, and re-tests', async () => {
    const runPermissionDoctor = vi
      .fn()
      .mockResolvedValueOnce(ok(findings))
      .mockResolvedValue(ok([]));
    const { api, user } = await openDiagnostics({ runPermissionDoctor });
    const dialout = await screen.findByTestId('finding-not-in-group');
    expect(dialout).toHaveTextContent('You are not in the dialout group');
    expect(dialout).toHaveTextContent('sudo usermod -aG dialout $USER');
    expect(screen.getByTestId('finding-modemmanager')).toHaveTextContent('ModemManager is running');
    await user.click(within(dialout).getByRole('button', { name: 'Copy command' }));
    expect(api.copyText).toHaveBeenCalledWith({ text: 'sudo usermod -aG dialout $USER' });

    await user.click(screen.getByRole('button', { name: 'Re-test' }));
    expect(await screen.findByText('No permission problem found.')).toBeInTheDocument();
    expect(runPermissionDoctor).toHaveBeenCalledTimes(2);
  });

  it('flags flapping devices in the USB timeline and exports support data', async () => {
    const { api, user } = await openDiagnostics({
      getUsbTimeline: vi.fn(async () =>
        ok({
          entries: [
            {
              t: 1_700_000_000_000,
              kind: 'arrived' as const,
              serialNumber: '001051234567',
              name: 'nRF9151 DK',
              ports: ['/dev/ttyACM0'],
            },
            {
              t: 1_700_000_001_000,
              kind: 'left' as const,
              serialNumber: '001051234567',
              name: 'nRF9151 DK',
              ports: ['/dev/ttyACM0'],
            },
          ],
          flapping: [{ serialNumber: '001051234567', count: 6 }],
        }),
      ),
    });
    expect(
      await screen.findByText('Flapping: 001051234567 came and went 6 times'),
    ).toBeInTheDocument();
    expect(document.querySelectorAll('li[data-flapping="true"]')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Save support bundle' }));
    expect(
      await screen.findByText('Support bundle saved to /home/tech/bundle.zip'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy summary for a ticket' }));
    expect(api.copyTicketSummary).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Summary copied.')).toBeInTheDocument();
  });

  it('runs a raw terminal: connect, send, recall history with Up', async () => {
    const { api, user } = await openDiagnostics({});
    await user.type(screen.getByRole('combobox', { name: 'Port' }), '/dev/pts/3');
    await user.click(screen.getByRole('button', { name: 'Connect terminal' }));
    expect(api.connect).toHaveBeenCalledWith({ path: '/dev/pts/3', baudRate: 115200 });
    const input = await screen.findByRole('textbox', { name: 'AT command' });
    await user.type(input, 'AT+CGMM{Enter}');
    expect(api.sendCommand).toHaveBeenCalledWith({ sessionId: 'session-1', command: 'AT+CGMM' });
    expect(input).toHaveValue('');
    await user.type(input, '{ArrowUp}');
    expect(input).toHaveValue('AT+CGMM');
    expect(await screen.findAllByTestId('transcript')).not.toHaveLength(0);
  });

  it('the terminal refuses a port the onboarding flow holds and offers to release it', async () => {
    const held = `/dev/pts/3 is in use by the onboarding flow, release it? Releasing cancels that kit's onboarding job; its token stays in the journal if it was read.`;
    const connect = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, error: { code: 'PORT_HELD_BY_FLOW', message: held } })
      .mockResolvedValue(ok(connectResult('/dev/pts/3')));
    const { api, user } = await openDiagnostics({ connect });
    await user.type(screen.getByRole('combobox', { name: 'Port' }), '/dev/pts/3');
    await user.click(screen.getByRole('button', { name: 'Connect terminal' }));
    const alert = (await screen.findAllByRole('alert')).find((a) =>
      a.textContent?.includes('in use by the onboarding flow, release it?'),
    )!;
    expect(alert).toBeDefined();
    expect(within(alert).getByTestId('error-code')).toHaveTextContent('PORT_HELD_BY_FLOW');
    await user.click(within(alert).getByRole('button', { name: 'Release it and connect' }));
    expect(api.releasePort).toHaveBeenCalledWith({ path: '/dev/pts/3' });
    expect(await screen.findByRole('textbox', { name: 'AT command' })).toBeInTheDocument();
    expect(connect).toHaveBeenCalledTimes(2);
  });
});

describe('probeLabel', () => {
  it.each([
    ['Busy', 'busy (held by minicom, pid 12)', 'Busy (held by minicom, pid 12)'],
    ['No answer', 'no answer', 'No answer'],
    [
      'Answers AT commands',
      'AT host, answers ERROR',
      'Answers AT commands: AT host, answers ERROR',
    ],
    ['Gone', undefined, 'Gone'],
  ])('%s + %s', (verdict, label, expected) => {
    expect(probeLabel(verdict, label)).toBe(expected);
  });
});
