// Polling without overlap: the next call is scheduled when the previous one ended, so a slow node is
// never asked twice at once. Each poller reports its outcome to the connection indicator.

const listeners = new Set();

/** Called with (ok, error) after every poll of every poller. */
export function onPollResult(fn) {
  listeners.add(fn);
}

export function every(ms, task) {
  let timer = null;
  let stopped = false;
  let running = false;
  async function tick() {
    clearTimeout(timer);
    if (running || stopped) return;
    running = true;
    try {
      await task();
      listeners.forEach((fn) => fn(true, null));
    } catch (err) {
      listeners.forEach((fn) => fn(false, err));
    } finally {
      running = false;
    }
    if (!stopped) timer = setTimeout(tick, ms);
  }
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    /** Runs now (after a new API key, say) instead of waiting for the timer. */
    now: tick,
  };
}
