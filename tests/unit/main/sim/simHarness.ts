/** Shared helpers for the simulator tests: a device on a manual clock with its output as text. */
import { DeviceSimulator } from '../../../../src-main/sim/device/deviceSimulator';
import type { SimulatorOptions } from '../../../../src-main/sim/device/options';
import { ManualScheduler } from '../../../../src-main/sim/device/scheduler';

export interface Harness {
  sim: DeviceSimulator;
  clock: ManualScheduler;
  chunks: string[];
  /** Everything emitted so far, as latin1 text. */
  text(): string;
  /** Everything emitted since the last take(), then forgets it. */
  take(): string;
  send(text: string): void;
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

export function startDevice(options: SimulatorOptions, { start = true } = {}): Harness {
  const clock = new ManualScheduler();
  const sim = new DeviceSimulator(options, clock);
  const chunks: string[] = [];
  let taken = 0;
  sim.onOutput((bytes) => chunks.push(latin1(bytes)));
  if (start) sim.start();
  return {
    sim,
    clock,
    chunks,
    text: () => chunks.join(''),
    take() {
      const all = chunks.join('');
      const out = all.slice(taken);
      taken = all.length;
      return out;
    },
    send: (text) => sim.receive(Buffer.from(text, 'latin1')),
  };
}

/** Fields of part 1 of a token, decoded independently of the encoder under test. */
export function tokenFields(token: string) {
  const part1 = Buffer.from(token.split('.')[0] ?? '', 'base64url');
  const hex = (from: number, to: number) => part1.subarray(from, to).toString('hex');
  const uuid = (from: number) => {
    const h = hex(from, from + 16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return {
    deviceUuid: uuid(6),
    deviceType: part1[22],
    modemFirmwareUuid: uuid(24),
    nonceHex: hex(41, 57),
  };
}

export const TOKEN_PATTERN = /^2dn3hQFQ[A-Za-z0-9_-]{68}\.0oRDoQEmoQRBIfZYQ[A-Za-z0-9_-]{86}$/;
export const PROMPT = '\x1b[1;32muart:~$ \x1b[m';
