#!/usr/bin/env node
// The browser tests as `npm run test:e2e` runs them, after `next build`: two Playwright runs at the same time, each on
// one worker (playwright.config.ts, E2E_GROUP): `shared`, the specs on the shared server (which must stay one at a
// time: they share one database, and some assert on consecutive reference numbers), and `own`, the specs that start
// servers on databases of their own (two-instances, start-up, line, supabase-*). Their output is prefixed line by line with
// the group; the exit code is non-zero if either run failed. With arguments (a spec, --project, -g …) it is one plain
// `playwright test` with those arguments, as before.
//
// Here, and only here, the fuzz spec sends 100 cases per entry point instead of its 300 (FUZZ_RUNS, given to the
// shared group only; set it yourself to change this): at 300 it was the longest spec on the shared server (180 s of the
// phone project's ~490 s under load). The own group keeps its sizes (line.spec.ts reads FUZZ_RUNS too, default 150).
// `npm run drill:fuzz` still sends 10,000 (RELIABILITY.md).
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const playwright = path.resolve('node_modules', '.bin', 'playwright');
const args = process.argv.slice(2);

if (args.length > 0) {
  const child = spawn(playwright, ['test', ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const started = Date.now();
  const children = [];
  const runs = ['shared', 'own'].map((group) => {
    const env = { ...process.env, E2E_GROUP: group };
    if (group === 'shared') env.FUZZ_RUNS ??= '100';
    const child = spawn(playwright, ['test'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      readline.createInterface({ input: stream }).on('line', (line) => out.write(`[${group}] ${line}\n`));
    }
    return new Promise((resolve) => {
      child.on('exit', (code, signal) => resolve({ group, code: code ?? 1, signal, seconds: Math.round((Date.now() - started) / 1000) }));
    });
  });
  // Stopped (Ctrl-C, a CI timeout): pass it on to both runs, which stop their servers; the exits below then report.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((child) => child.kill(signal)));
  const results = await Promise.all(runs);
  for (const r of results)
    console.log(
      `e2e ${r.group}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code}${r.signal ? `, ${r.signal}` : ''})`} after ${r.seconds} s`,
    );
  process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}
