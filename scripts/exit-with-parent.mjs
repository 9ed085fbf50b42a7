/**
 * Preloaded (`node --import ./scripts/exit-with-parent.mjs …`) by the npm scripts that run until
 * stopped: sends this process SIGTERM once the process that started it has gone.
 *
 * Why: npm runs a script as `sh -c "<script>"` and forwards the SIGTERM it gets to that shell
 * only. dash (Debian's and Ubuntu's sh) neither execs the command nor passes the signal on: it
 * dies, npm exits, and the server it started would keep running with init as its parent. The
 * process's own SIGTERM handler then does the stopping (the web host closes its server and the
 * workspace; electron-vite passes it on to Electron).
 */
const parent = process.ppid;
const CHECK_MS = 500;

// Windows keeps the parent id of a process whose parent exited, so there is nothing to watch.
if (process.platform !== 'win32' && parent > 1) {
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, CHECK_MS);
  // Watching must not be what keeps the process alive.
  timer.unref();
}
