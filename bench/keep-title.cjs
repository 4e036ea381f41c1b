// Preloaded into the servers the benchmarks start (NODE_OPTIONS=--require): gives the process the title in
// BENCH_PROCESS_TITLE and keeps Next.js from renaming it to "next-server (vX)". On a shared machine, scripts that stop
// "their" server by name (pkill next-server, pkill -f next) would otherwise stop a benchmark's server mid-run.
// Changes nothing else: the server is the same `next start`.
const title = process.env.BENCH_PROCESS_TITLE;
if (title) {
  process.title = title;
  Object.defineProperty(process, 'title', { get: () => title, set: () => undefined, configurable: true });
}
