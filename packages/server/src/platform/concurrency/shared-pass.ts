/**
 * One pass of `run` at a time, and callers who arrive while a pass runs share the single pass that follows it.
 *
 * A caller needs a pass that starts after it asked (so that what it committed before asking is seen): the running pass
 * may have read before that, the next one will not. Before this, each waiting caller queued a pass of its own behind
 * the running one and then behind each other, so the k-th of k callers waited k passes: the soak bench saw the
 * cockpit's reads take 90 s under steady writes (docs/decisions/0012, "Soak").
 */
export function sharedPass<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  function start(): Promise<T> {
    const pass = run().finally(() => {
      if (running === pass) running = null;
    });
    running = pass;
    return pass;
  }
  return function pass(): Promise<T> {
    if (!running) return start();
    if (!next) {
      // Settled either way, the running pass is followed by one more, for everyone who asked meanwhile.
      const after = () => {
        next = null;
        return start();
      };
      next = running.then(after, after);
    }
    return next;
  };
}
