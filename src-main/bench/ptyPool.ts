/** Every pty simulator the benchmark starts, so each one is closed at the end, even after an error. */
import { startChildSimulator, type ChildSimulator } from './childSimulator';
import {
  startPtySimulator,
  type PtySimulator,
  type PtySimulatorOptions,
} from '../sim/transports/ptySimulator';

type Closable = Pick<PtySimulator, 'close'>;

/** Starts pty simulators (in process, or as child processes) and remembers them until closeAll(). */
export class PtyPool {
  private readonly open = new Set<Closable>();

  /** `nrf-onboard simulate <args>` in a child process; see childSimulator.ts. */
  async startChild(mainDir: string, args: string[]): Promise<ChildSimulator> {
    const child = await startChildSimulator(mainDir, args);
    this.open.add(child);
    return child;
  }

  async start(options: PtySimulatorOptions): Promise<PtySimulator> {
    const pty = await startPtySimulator(options);
    this.open.add(pty);
    return pty;
  }

  async close(pty: Closable): Promise<void> {
    this.open.delete(pty);
    await pty.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.allSettled(all.map((pty) => pty.close()));
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
