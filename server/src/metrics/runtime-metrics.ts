import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Nanoseconds to seconds. */
const seconds = (ns: number) => ns / 1e9;

/** How often libuv samples the event loop's delay. */
const SAMPLE_MS = 10;

/**
 * The event loop's delay, and the process's memory and CPU, under the names
 * of prom-client's default collectors (so that the usual Node.js dashboards
 * read them), all read at scrape time. Not collectDefaultMetrics itself: its
 * garbage-collection histogram observes every collection through a
 * PerformanceObserver, a cost on every request that the rest of these
 * metrics do not have.
 */
export function runtimeMetrics(registry: Registry): void {
  const registers = [registry];
  // Sampled every 10 ms by a libuv timer; the figures cover the time since the last scrape.
  const delays = monitorEventLoopDelay({ resolution: SAMPLE_MS });
  delays.enable();
  let snapshot: { at: number; min: number; max: number; mean: number; p50: number; p90: number; p99: number } | undefined;
  const delay = () => {
    // One snapshot per scrape, read by each gauge below, then a fresh start for the next scrape.
    if (!snapshot || performance.now() - snapshot.at > 1000) {
      snapshot = {
        at: performance.now(),
        min: delays.min,
        max: delays.max,
        mean: delays.mean,
        p50: delays.percentile(50),
        p90: delays.percentile(90),
        p99: delays.percentile(99),
      };
      delays.reset();
    }
    return snapshot;
  };
  for (const [stat, help] of [
    ['min', 'The shortest event loop delay since the last scrape'],
    ['max', 'The longest event loop delay since the last scrape'],
    ['mean', 'The mean event loop delay since the last scrape'],
    ['p50', 'The median event loop delay since the last scrape'],
    ['p90', 'The 90th percentile of the event loop delays since the last scrape'],
    ['p99', 'The 99th percentile of the event loop delays since the last scrape'],
  ] as const) {
    new Gauge({
      name: `nodejs_eventloop_lag_${stat}_seconds`,
      help,
      registers,
      collect() {
        const value = delay()[stat];
        // Each sample is the time between two ticks of the sampling timer: the lag is what exceeds its period.
        // Before the first sample the histogram holds extreme placeholders.
        this.set(Number.isFinite(value) && value < 1e15 ? Math.max(0, seconds(value) - SAMPLE_MS / 1000) : 0);
      },
    });
  }
  new Gauge({
    name: 'nodejs_eventloop_lag_seconds',
    help: 'How long a callback queued at scrape time waited for the event loop',
    registers,
    collect() {
      const start = process.hrtime.bigint();
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          this.set(seconds(Number(process.hrtime.bigint() - start)));
          resolve();
        }),
      );
    },
  });

  const memory = (read: (usage: NodeJS.MemoryUsage) => number) =>
    function (this: Gauge) {
      this.set(read(process.memoryUsage()));
    };
  new Gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes', registers, collect: memory((m) => m.rss) });
  new Gauge({ name: 'nodejs_heap_size_total_bytes', help: 'Process heap size from Node.js in bytes', registers, collect: memory((m) => m.heapTotal) });
  new Gauge({ name: 'nodejs_heap_size_used_bytes', help: 'Process heap size used from Node.js in bytes', registers, collect: memory((m) => m.heapUsed) });
  new Gauge({ name: 'nodejs_external_memory_bytes', help: 'Node.js external memory size in bytes', registers, collect: memory((m) => m.external) });
  new Counter({
    name: 'process_cpu_seconds_total',
    help: 'Total user and system CPU time spent in seconds',
    registers,
    collect() {
      const { user, system } = process.cpuUsage();
      this.reset();
      this.inc((user + system) / 1e6);
    },
  });
  new Gauge({
    name: 'process_start_time_seconds',
    help: 'Start time of the process since unix epoch in seconds',
    registers,
  }).set(Math.round(Date.now() / 1000 - process.uptime()));
}
