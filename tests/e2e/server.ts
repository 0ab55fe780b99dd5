// Starts extra instances of the real `sijil serve` (built by `cargo xtask test`) for tests that
// need their own configuration: another feed, a failing intake, a server to kill.
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type Server = { url: string; store: string; proc: ChildProcess; stop: () => Promise<void> };

/** Starts a server. Without `port` the server binds port 0 and reports the port the system gave
 * it, so parallel tests can never end up talking to each other's servers. */
export async function startServer(args: string[] = [], env: Record<string, string> = {}, port?: number): Promise<Server> {
  const bin = process.env.SIJIL_BIN ?? path.join(__dirname, '../../target/debug/sijil');
  const dist = process.env.SIJIL_DIST ?? path.join(__dirname, '../../dist');
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'sijil-e2e-'));
  const proc = spawn(bin, ['serve', '--addr', `127.0.0.1:${port ?? 0}`, '--dist', dist, '--store', store, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stderr!.resume();
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/served at (http:\/\/[0-9.:]+)\//);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`sijil serve exited (${code}): ${out}`)));
  });
  proc.stdout!.resume();
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
