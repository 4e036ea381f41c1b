/** Runs once when the server starts; the Node.js work lives in lib/server-start.ts (not bundled for the edge). */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./lib/server-start');
    await startServer();
  }
}
