// The widget's numbers in headless Chromium: time from `mountCheckout` to the QR code in the
// DOM, and the memory the page holds after many poll cycles.
import init, { mountCheckout } from "/pkg/crypto_checkout_widget.js";

const exports = await init();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Resolves once `test()` holds, checking at every animation frame. */
function until(test) {
  return new Promise((done) => {
    const check = () => (test() ? done() : requestAnimationFrame(check));
    check();
  });
}

/** Milliseconds from `mountCheckout` to the QR code's SVG in the shadow root, `runs` times. */
window.mountToQr = async (runs) => {
  const host = document.getElementById("host");
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    const handle = mountCheckout(host, { statusUrl: "/status/bench", locale: "en" });
    await until(() => host.shadowRoot?.querySelector(".cc-qr svg"));
    times.push(performance.now() - start);
    handle.destroy();
    handle.free();
    await new Promise((done) => setTimeout(done, 20));
  }
  return { median: median(times), times };
};

/**
 * Mounts a widget whose timers run at once (the page's `setTimeout` is sped up by the
 * benchmark), waits for `cycles` status requests, and returns the wasm memory and JS heap
 * (after garbage collection, done by the caller between calls).
 */
window.pollCycles = async (cycles, count) => {
  const host = document.getElementById("host");
  const handle = mountCheckout(host, { statusUrl: "/status/poll", locale: "en", pollInterval: 500 });
  const start = await count();
  while ((await count()) - start < cycles) await new Promise((done) => setTimeout(done, 50));
  handle.destroy();
  handle.free();
  await new Promise((done) => setTimeout(done, 50));
};

window.wasmMemory = () => exports.memory.buffer.byteLength;
window.benchReady = true;
