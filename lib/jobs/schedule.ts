import { log } from '@/lib/log';

/**
 * A background job of the server: first after `firstMs`, then every `everyMs`; a run that is still going when the next
 * is due is not started twice (a slow SMTP server, a long fold); a failure is logged and the next run tries again.
 * The timers do not keep the process alive.
 */
export function scheduleJob(job: { name: string; firstMs: number; everyMs: number; run: () => Promise<unknown> }): void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    job
      .run()
      .catch((error: Error) => log.warn({ job: job.name, err: error.message }, `${job.name} failed; will retry`))
      .finally(() => {
        running = false;
      });
  };
  setTimeout(tick, job.firstMs).unref();
  setInterval(tick, job.everyMs).unref();
}
