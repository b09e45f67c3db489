/**
 * Opens AtSessions over helper bindings for the session tests: the simulated binding (a
 * DeviceSimulator per port) and a scripted binding built on @serialport/binding-mock.
 */
import { SerialPortMock } from 'serialport';
import { AtSession, type AtSessionOptions } from '../../../../src-main/serial/atSession';
import type { BindingPort, SerialBinding } from '../../../../src-main/serial/bindingTypes';
import {
  DeviceSimulator,
  type SimulatorOptions,
} from '../../../../src-main/sim/device/deviceSimulator';
import {
  createSimulatedBinding,
  type SimulatedBinding,
} from '../../../../src-main/sim/transports/simulatedBinding';
import type { TranscriptEntry } from '../../../../src-shared/at/transcript';

export const SIM_PATH = '/dev/ttySIM0';

// @serialport/binding-mock's types are unreachable by package name (no "types" export condition).
interface MockBindingApi extends SerialBinding {
  reset(): void;
  createPort(path: string, options?: { echo?: boolean; record?: boolean }): void;
}
const MockBinding = SerialPortMock.binding as unknown as MockBindingApi;

export interface Opened {
  session: AtSession;
  transcript: TranscriptEntry[];
  /** Everything written to the port, one entry per line (control characters kept). */
  sent: () => string[];
  notes: () => string[];
}

const cleanups: Array<() => Promise<void> | void> = [];

/** Closes every session and simulator a test opened; call from afterEach. */
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

function track(session: AtSession, transcript: TranscriptEntry[]): Opened {
  cleanups.push(() => session.close());
  return {
    session,
    transcript,
    sent: () => transcript.filter((e) => e.dir === 'tx' && e.text !== '').map((e) => e.text),
    notes: () => transcript.filter((e) => e.dir === 'note').map((e) => e.text),
  };
}

/** A session over a simulated device. */
export async function openSimulated(
  simOptions: SimulatorOptions,
  sessionOptions: Partial<AtSessionOptions> = {},
): Promise<Opened & { simulator: DeviceSimulator; binding: SimulatedBinding }> {
  const simulator = new DeviceSimulator(simOptions);
  cleanups.push(() => simulator.stop());
  const binding = createSimulatedBinding([{ path: SIM_PATH, info: {}, simulator }]);
  const transcript: TranscriptEntry[] = [];
  const session = await AtSession.open({
    path: SIM_PATH,
    binding,
    transcript: (e) => transcript.push(e),
    ...sessionOptions,
  });
  return { ...track(session, transcript), simulator, binding };
}

/**
 * Answers each complete line written to the port; return undefined to stay silent. `emit` sends
 * bytes at any later time (while the port is open), for devices that answer slowly or forever.
 */
export type Responder = (
  line: string,
  emit: (data: string | Uint8Array) => void,
) => string | Uint8Array | undefined;

/** A binding over @serialport/binding-mock whose port answers through `respond`. */
export function scriptedBinding(
  path: string,
  respond: Responder,
): SerialBinding & { setCalls: unknown[] } {
  MockBinding.reset();
  MockBinding.createPort(path, { echo: false, record: true });
  const setCalls: unknown[] = [];
  return {
    setCalls,
    list: () => MockBinding.list(),
    async open(options) {
      const port = (await MockBinding.open({ ...options, path })) as unknown as BindingPort & {
        emitData(data: Buffer | string): void;
      };
      let pending = '';
      const emit = (data: string | Uint8Array): void => {
        if (port.isOpen) port.emitData(Buffer.from(data));
      };
      const write = port.write.bind(port);
      const set = port.set.bind(port);
      return Object.assign(port, {
        async set(opts: Parameters<BindingPort['set']>[0]) {
          setCalls.push(opts);
          await set(opts);
        },
        async write(buffer: Buffer) {
          await write(buffer);
          pending += buffer.toString('latin1');
          let end: number;
          while ((end = pending.search(/\r\n|\r|\n/)) >= 0) {
            const line = pending.slice(0, end);
            pending = pending.slice(end).replace(/^(\r\n|\r|\n)/, '');
            const reply = respond(line, emit);
            if (reply !== undefined)
              setImmediate(() => port.isOpen && port.emitData(Buffer.from(reply)));
          }
        },
      });
    },
  };
}

/** A session over a scripted mock port. */
export async function openScripted(
  respond: Responder,
  sessionOptions: Partial<AtSessionOptions> = {},
): Promise<Opened & { setCalls: unknown[] }> {
  const path = '/dev/ttyMOCK0';
  const binding = scriptedBinding(path, respond);
  const transcript: TranscriptEntry[] = [];
  const session = await AtSession.open({
    path,
    binding,
    transcript: (e) => transcript.push(e),
    ...sessionOptions,
  });
  return { ...track(session, transcript), setCalls: binding.setCalls };
}

/** Resolves with the AppError a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; detail?: string | undefined }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string; detail?: string };
  }
  throw new Error('expected the promise to reject');
}
