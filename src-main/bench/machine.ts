/** The benchmark's header: which machine, which Node, when. */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Where and when the figures were taken. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryGiB: number;
  os: string;
  node: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverage: number;
}

/** Reads the machine description from the OS. */
export function machineInfo(now: Date = new Date()): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    date: now.toISOString(),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
