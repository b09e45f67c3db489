import { act, screen, waitFor, within } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/errors';
import { device, snapshot } from './fakeApi';
import { renderApp } from './renderApp';

describe('Select device step', () => {
  it('explains an empty list and starts the demo, then lists its device', async () => {
    const listDevices = vi
      .fn()
      .mockResolvedValueOnce(ok(snapshot([])))
      .mockResolvedValue(ok(snapshot([device('001052000001')])));
    const { api, user } = renderApp({ listDevices });
    const empty = await screen.findByTestId('empty-devices');
    expect(within(empty).getByText(/dialout group/)).toBeInTheDocument();
    expect(within(empty).getByText(/power switch/)).toBeInTheDocument();
    expect(within(empty).getByRole('button', { name: 'Open diagnostics' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Try the demo' }));
    expect(api.enableDemo).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('radio', { name: /nRF9151 DK/ })).toBeInTheDocument();
    expect(listDevices).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('demo-chip')).toHaveTextContent('Demo mode');
  });

  it('preselects a single device and shows its card details', async () => {
    renderApp();
    const card = await screen.findByRole('radio', { name: /nRF9151 DK/ });
    expect(card).toHaveAttribute('aria-checked', 'true');
    expect(card).toHaveTextContent('Serial number: 001051234567');
    expect(card).toHaveTextContent('2 ports');
    expect(card).toHaveTextContent(
      'AT port: /dev/serial/by-id/usb-SEGGER_J-Link_001051234567-if00',
    );
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveFocus();
  });

  it('prefers the last-used device among several, and lets the user pick another', async () => {
    const devices = [device('001051200001'), device('001051200002'), device('001051200003')];
    const { api, user } = renderApp({
      listDevices: vi.fn(async () => ok(snapshot(devices, { lastUsedSerial: '001051200002' }))),
    });
    const radios = await screen.findAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('aria-checked'))).toEqual(['false', 'true', 'false']);
    expect(radios[1]).toHaveTextContent('Last used');

    // Picking a card is the first of the two actions: the board starts at once.
    await user.click(radios[2]!);
    expect(api.startJob).toHaveBeenCalledWith({
      path: '/dev/serial/by-id/usb-SEGGER_J-Link_001051200003-if00',
      claim: 'confirm',
      tags: ['nrf-cloud-onboarding'],
    });
    expect(await screen.findByTestId('flow-board')).toHaveTextContent('SN 001051200003');
  });

  it('selects nothing when several devices and no history: the flow waits for a choice', async () => {
    const { api, user } = renderApp({
      listDevices: vi.fn(async () =>
        ok(snapshot([device('001051200001'), device('001051200002')])),
      ),
    });
    await screen.findAllByRole('radio');
    expect(screen.queryByRole('button', { name: 'Connect' })).not.toBeInTheDocument();
    expect(api.startJob).not.toHaveBeenCalled();
    await user.click(screen.getAllByRole('radio')[0]!);
    expect(await screen.findByTestId('flow-board')).toHaveTextContent('SN 001051200001');
  });

  it('updates the list live from devicesChanged without reloading; a board that arrives starts by itself', async () => {
    const { api, emit, listenerCount } = renderApp({
      listDevices: vi.fn(async () =>
        ok(snapshot([device('001052000008', 'nRF9161 DK'), device('001052000007')])),
      ),
    });
    await screen.findAllByRole('radio');
    act(() => emit('onDevicesChanged', snapshot([device('001052000008', 'nRF9161 DK')])));
    await waitFor(() => expect(screen.getAllByRole('radio')).toHaveLength(1));
    expect(api.listDevices).toHaveBeenCalledTimes(1);
    expect(listenerCount('onDevicesChanged')).toBe(1);
    expect(api.startJob).not.toHaveBeenCalled();

    act(() =>
      emit(
        'onDevicesChanged',
        snapshot([device('001052000008', 'nRF9161 DK'), device('001052000009', 'nRF9161 DK')]),
      ),
    );
    expect(await screen.findByTestId('flow-board')).toHaveTextContent('SN 001052000009');
    expect(api.startJob).toHaveBeenCalledWith({
      path: '/dev/serial/by-id/usb-SEGGER_J-Link_001052000009-if00',
      claim: 'confirm',
      tags: ['nrf-cloud-onboarding'],
    });
  });

  it('says when enumeration is degraded and offers other ports and a typed path', async () => {
    const { api, user } = renderApp({
      listDevices: vi.fn(async () =>
        ok(
          snapshot([], {
            degraded: { reason: 'udevadm not found' },
            otherPorts: [
              { path: '/dev/ttyUSB0', role: 'other', vendorId: '0403', productId: '6001' },
            ],
          }),
        ),
      ),
    });
    expect(await screen.findByText(/may be incomplete: udevadm not found/)).toBeInTheDocument();
    await user.click(screen.getByText('Other ports (1)'));
    await user.click(await screen.findByRole('button', { name: 'Use /dev/ttyUSB0' }));
    expect(screen.getByTestId('chosen-port')).toHaveTextContent('/dev/ttyUSB0');

    await user.type(screen.getByRole('textbox', { name: 'Port path' }), '/dev/pts/3{Enter}');
    expect(screen.getByTestId('chosen-port')).toHaveTextContent('/dev/pts/3');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(api.startJob).toHaveBeenCalledWith({
      path: '/dev/pts/3',
      claim: 'confirm',
      tags: ['nrf-cloud-onboarding'],
    });
    expect(api.connect).toHaveBeenCalledWith({ path: '/dev/pts/3' });
  });

  it('never makes "Try the demo" the primary or focused action once a real board was seen', async () => {
    const { api, user, emit } = renderApp();
    await screen.findByRole('radio', { name: /nRF9151 DK/ });
    // The swap's empty moment: the board is out, the next one not in yet.
    act(() => emit('onDevicesChanged', snapshot([])));
    const demo = await screen.findByRole('button', { name: 'Try the demo' });
    expect(demo.className).toMatch(/MuiButton-outlined/);
    expect(demo).not.toHaveFocus();
    await user.keyboard('{Enter}');
    expect(api.enableDemo).not.toHaveBeenCalled();
  });

  it('demo mode says what it is and leads out: back to real ports, the demo journal deleted unless kept', async () => {
    const listDevices = vi
      .fn()
      .mockResolvedValueOnce(ok(snapshot([])))
      .mockResolvedValueOnce(ok(snapshot([device('001052000001')])))
      .mockResolvedValue(ok(snapshot([])));
    const { api, user } = renderApp({ listDevices });
    await user.click(await screen.findByRole('button', { name: 'Try the demo' }));
    const banner = await screen.findByTestId('demo-banner');
    expect(banner).toHaveTextContent('nothing here reaches your team');
    await user.click(within(banner).getByRole('button', { name: 'Leave demo mode' }));
    expect(api.disableDemo).toHaveBeenCalledWith({ keepJournal: false });
    await waitFor(() => expect(screen.queryByTestId('demo-banner')).not.toBeInTheDocument());
    expect(await screen.findByTestId('empty-devices')).toBeInTheDocument();
  });
});
