// A bare Chrome DevTools Protocol client for benchmarks that must not disturb what
// they measure. Playwright attaches to every new target with waitForDebuggerOnStart,
// which holds a new page (the extension's popup) paused until Playwright has set
// itself up in it: that wait lands inside the page's own timings. Here nothing
// attaches unless asked, and only to a target that is already running.
import { spawn } from 'node:child_process';
import WebSocket from 'ws';

/** Starts Chromium with a debugging port; resolves with a client and a stop(). */
export async function launchChromium(executable, args) {
  // A process group of its own, so that stop() ends the renderers with the browser.
  const child = spawn(executable, ['--remote-debugging-port=0', ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const endpoint = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen.slice(-500)}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen.slice(-500)}`)));
  });
  const client = await connect(endpoint);
  return {
    client,
    async stop() {
      client.close();
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
      await exited;
    },
  };
}

async function connect(endpoint) {
  const socket = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    const waiter = message.id !== undefined && pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
    else waiter.resolve(message.result);
  });
  return {
    /** Sends a command to the browser, or to an attached target's session. */
    send(method, params = {}, sessionId) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
    },
    /**
     * Evaluates an expression in a running target (attaching for the moment). A
     * target found early may still be swapping its first blank document for the
     * real one: an evaluation caught in that swap is tried again.
     */
    async evaluate(targetId, expression) {
      const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
      try {
        for (let attempt = 0; ; attempt += 1) {
          try {
            const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
            if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
            return result.value;
          } catch (error) {
            if (attempt >= 20 || !/context was destroyed|Cannot find context/i.test(error.message)) throw error;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }
      } finally {
        await this.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    },
    /** Polls the browser's targets until `match` finds one; resolves with it. */
    async waitForTarget(match, timeoutMs = 10_000) {
      return this.pollTargets((targets) => targets.find(match), 'no such target appeared', timeoutMs);
    },
    /** Polls the browser's targets until the one with `targetId` is gone. */
    async waitForTargetGone(targetId, timeoutMs = 10_000) {
      await this.pollTargets((targets) => !targets.some((t) => t.targetId === targetId), `target ${targetId} did not go away`, timeoutMs);
    },
    async pollTargets(done, failure, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const { targetInfos } = await this.send('Target.getTargets');
        const result = done(targetInfos);
        if (result) return result;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(failure);
    },
    close() {
      socket.close();
    },
  };
}
