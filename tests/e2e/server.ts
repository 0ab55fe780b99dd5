// Starts extra instances of the real `sijil serve` (built by `cargo xtask test`) for tests that
// need their own configuration: another feed, a failing intake, a server to kill.
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export type Server = { url: string; store: string; proc: ChildProcess; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startServer(args: string[] = [], env: Record<string, string> = {}, port?: number): Promise<Server> {
  const bin = process.env.SIJIL_BIN ?? path.join(__dirname, '../../target/debug/sijil');
  const dist = process.env.SIJIL_DIST ?? path.join(__dirname, '../../dist');
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'sijil-e2e-'));
  port = port ?? (await freePort());
  const proc = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--dist', dist, '--store', store, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
    }
  };
  return { url, store, proc, stop };
}

export function writeTemp(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sijil-e2e-file-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
