/**
 * Alert receiver benchmark. `benchAlerts()` prints JSON lines {name, value, unit, baseline, ratio, note}:
 * - `alerts.receiver.throughput`: alerts per second the receiver accepts (bearer check, parse,
 *   dedup/grouping by the inbox fold, durable journal append acknowledged after fsync), closed
 *   loop with 32 connections; baseline: a bare Node HTTP server that only parses the JSON and
 *   answers 200, same load, same run.
 * - `alerts.receiver.p50_at_500` / `p99_at_500`: latency at an offered 500 alerts/s (open loop:
 *   measured from each request's scheduled send time, so a stall counts in full); baseline: the
 *   bare server at the same rate. Beyond the machine's capacity this is queueing time, so
 * - `alerts.receiver.p99_at_half_capacity`: the same at half the measured throughput (≤ 500/s).
 * Both servers run in child processes (the load generator does not share their event loop), on
 * loopback only; every phase is bounded in count and time. Alertmanager bodies (one alert each)
 * cycle over 2,000 alerts in 200 groups: after the first pass every delivery is a duplicate.
 * Run it with `npx tsx tests/bench/alerts-bench.ts` (or import it from a bench runner).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Line {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  note: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
function emit(line: Line): Line {
  const out = { ...line, value: round(line.value), baseline: round(line.baseline), ratio: round(line.ratio) };
  console.log(JSON.stringify(out));
  return out;
}

const SECRET = 'bench-secret-0123456789abcdef';
const ALERTS = 2000;
const GROUPS = 200;
const CONCURRENCY = 32;

/** Alertmanager webhook bodies, one alert each. */
function bodies(): string[] {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  return Array.from({ length: ALERTS }, (_, i) => {
    const g = i % GROUPS;
    const labels = { alertname: `BenchAlert${g}`, service: `svc-${g}`, instance: `host-${i}`, severity: i % 10 === 0 ? 'critical' : 'warning' };
    return JSON.stringify({
      version: '4',
      groupKey: `{}:{alertname="BenchAlert${g}", service="svc-${g}"}`,
      status: 'firing',
      receiver: 'watchfloor',
      groupLabels: { alertname: `BenchAlert${g}`, service: `svc-${g}` },
      commonLabels: labels,
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example.internal:9093',
      truncatedAlerts: 0,
      alerts: [
        {
          status: 'firing',
          labels,
          annotations: { summary: `Bench alert ${i} on host-${i}`, description: 'Synthetic load for the receiver benchmark.' },
          startsAt,
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus.example.internal:9090/graph',
          fingerprint: i.toString(16).padStart(16, '0'),
        },
      ],
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Child processes: the servers under test

async function childReceiver(dataDir: string): Promise<void> {
  const { WorkspaceService } = await import('../../electron/services/workspace/workspace-service');
  const { startAlertIntake } = await import('../../electron/services/alerts/alert-runtime');
  const ws = await WorkspaceService.open({ dataDir, version: 'bench' });
  const rt = await startAlertIntake(ws);
  await ws.call('alerts.updateSettings', {
    receiver: { enabled: true, bindAddress: '127.0.0.1', port: 0 },
    sources: [{ id: 'bench', format: 'alertmanager', secret: SECRET, rateLimit: { perSecond: 1_000_000, burst: 1_000_000 } }],
  });
  console.log(`READY ${rt.status().baseUrl}/alerts/bench`);
  process.once('SIGTERM', () => {
    const groups = Object.values(ws.inbox().groups);
    console.log(`STATS ${JSON.stringify({ groups: groups.length, notifications: groups.reduce((n, g) => n + g.count, 0), duplicates: groups.reduce((n, g) => n + g.duplicates, 0) })}`);
    void ws.close().then(() => process.exit(0));
  });
}

function childBare(): void {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"accepted"}');
      } catch {
        res.writeHead(400);
        res.end();
      }
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as { port: number }).port;
    console.log(`READY http://127.0.0.1:${port}/alerts/bench`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

interface Child {
  url: string;
  stop(): Promise<string>;
}

function startChild(args: string[]): Promise<Child> {
  const file = fileURLToPath(import.meta.url);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench child did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\S+)/.exec(out);
      if (m && timer) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done(out));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`bench child exited with ${code}: ${out}`)));
  });
}

// ---------------------------------------------------------------------------------------------
// Load

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}`, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** Closed loop: `CONCURRENCY` requests in flight until `max` are done or `seconds` pass. Returns accepted per second. */
async function throughput(target: string, payloads: string[], max: number, seconds: number): Promise<{ perSecond: number; accepted: number; failed: number }> {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  let accepted = 0;
  let failed = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async () => {
    while (next < max && performance.now() < deadline) {
      const i = next++;
      const status = await post(agent, url, payloads[i % payloads.length]!);
      if (status >= 200 && status < 300) accepted++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return { perSecond: accepted / elapsed, accepted, failed };
}

/** Open loop at `rate` requests/s for `seconds`: latency from each request's scheduled time (ms). */
async function latencyAt(target: string, payloads: string[], rate: number, seconds: number, offset: number): Promise<{ p50: number; p99: number; failed: number }> {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        const scheduled = start + (sent * 1000) / rate;
        const body = payloads[(offset + sent) % payloads.length]!;
        sent++;
        pending.push(
          post(agent, url, body).then((status) => {
            if (status >= 200 && status < 300) latencies.push(performance.now() - scheduled);
            else failed++;
          }),
        );
      }
      if (sent < total) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  // Bounded: whatever has not answered 30 s after the last send counts as failed.
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 30_000))]);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  return { p50: q(0.5), p99: q(0.99), failed: failed + (total - latencies.length - failed) };
}

export interface AlertsBenchOptions {
  /** Closed-loop requests per server (bounded also by `seconds`). */
  requests?: number;
  seconds?: number;
  /** Open-loop phase: offered rate and duration. */
  rate?: number;
  rateSeconds?: number;
}

export async function benchAlerts(opts: AlertsBenchOptions = {}): Promise<Line[]> {
  const requests = opts.requests ?? 8000;
  const seconds = opts.seconds ?? 15;
  const rate = opts.rate ?? 500;
  const rateSeconds = opts.rateSeconds ?? 6;
  const payloads = bodies();
  const dir = await mkdtemp(join(tmpdir(), 'watchfloor-alerts-bench-'));
  const lines: Line[] = [];
  try {
    const bare = await startChild(['--child-bare']);
    const bareRun = await throughput(bare.url, payloads, requests, seconds);
    const bareLatency = await latencyAt(bare.url, payloads, rate, rateSeconds, 0);
    await bare.stop();

    const receiver = await startChild(['--child-receiver', dir]);
    const run = await throughput(receiver.url, payloads, requests, seconds);
    const latency = await latencyAt(receiver.url, payloads, rate, rateSeconds, run.accepted);
    // Where 500/s is beyond what this machine sustains, the latency there is queueing: also measure at half the measured capacity.
    const easy = Math.max(10, Math.min(rate, Math.floor(run.perSecond / 2)));
    const easyLatency = await latencyAt(receiver.url, payloads, easy, rateSeconds, run.accepted + rate * rateSeconds);
    const out = await receiver.stop();
    const bare2 = await startChild(['--child-bare']);
    const bareEasy = await latencyAt(bare2.url, payloads, easy, rateSeconds, 0);
    await bare2.stop();
    const stats = JSON.parse(/STATS (.+)/.exec(out)?.[1] ?? '{}') as { groups?: number; notifications?: number; duplicates?: number };
    const journal = await readFile(join(dir, 'journal', 'events.ndjson'), 'utf8').catch(() => '');
    const durable = journal.split('\n').filter((l) => l.includes('"alert.received"')).length;

    lines.push(
      emit({
        name: 'alerts.receiver.throughput',
        value: run.perSecond,
        unit: 'alerts/s',
        baseline: bareRun.perSecond,
        ratio: run.perSecond / bareRun.perSecond,
        note: `${run.accepted} accepted (${run.failed} failed) in a closed loop of ${CONCURRENCY} connections; ${durable} alert.received events on disk; inbox ${stats.groups} groups, ${stats.notifications} notifications, ${stats.duplicates} duplicates; baseline: bare node:http JSON.parse + 200`,
      }),
      emit({
        name: 'alerts.receiver.p50_at_500',
        value: latency.p50,
        unit: 'ms',
        baseline: bareLatency.p50,
        ratio: latency.p50 / bareLatency.p50,
        note: `open loop ${rate}/s for ${rateSeconds} s, from scheduled send time; ${latency.failed} failed (baseline ${bareLatency.failed})`,
      }),
      emit({
        name: 'alerts.receiver.p99_at_500',
        value: latency.p99,
        unit: 'ms',
        baseline: bareLatency.p99,
        ratio: latency.p99 / bareLatency.p99,
        note: `open loop ${rate}/s for ${rateSeconds} s, from scheduled send time; ${latency.failed} failed (baseline ${bareLatency.failed})`,
      }),
      emit({
        name: 'alerts.receiver.p99_at_half_capacity',
        value: easyLatency.p99,
        unit: 'ms',
        baseline: bareEasy.p99,
        ratio: easyLatency.p99 / bareEasy.p99,
        note: `open loop ${easy}/s (half the measured throughput, at most ${rate}/s) for ${rateSeconds} s; p50 ${round(easyLatency.p50)} ms (baseline ${round(bareEasy.p50)} ms); ${easyLatency.failed} failed`,
      }),
    );
    const acceptedTotal = run.accepted + rate * rateSeconds - latency.failed + easy * rateSeconds - easyLatency.failed;
    if (durable !== acceptedTotal) console.warn(`alerts-bench: ${durable} alerts on disk, ${acceptedTotal} accepted`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [flag, arg] = process.argv.slice(2);
  const main = flag === '--child-receiver' ? () => childReceiver(arg!) : flag === '--child-bare' ? async () => childBare() : async () => void (await benchAlerts());
  main().then(
    () => {
      if (!flag) process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
