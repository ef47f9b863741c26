import os from 'node:os';

/** The machine a figure was measured on, as each report's header names it. */
export function machineSummary(): string {
  const cpus = os.cpus();
  return `${cpus[0].model}, ${cpus.length} logical CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the start`;
}
