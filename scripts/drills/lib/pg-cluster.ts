import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL 15 cluster of the drill's own (initdb into /tmp, its own port and socket folder), so that
 * the drill can stop and restart a database server without touching the machine's shared one. As root it runs as
 * the postgres user (PostgreSQL refuses to run as root).
 */

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  url: string;
  port: number;
  start(): void;
  stop(mode: 'fast' | 'immediate'): void;
  destroy(): void;
}

function run(args: string[]) {
  const asRoot = os.userInfo().uid === 0;
  const [command, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args;
  return execFileSync(command!, rest, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

export function throwawayCluster(port = 55432): Cluster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-drill-pg-'));
  if (os.userInfo().uid === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  run([path.join(BIN, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      run([path.join(BIN, 'pg_ctl'), '-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    },
    stop(mode) {
      run([path.join(BIN, 'pg_ctl'), '-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    destroy() {
      try {
        cluster.stop('immediate');
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
