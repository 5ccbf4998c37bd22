// Shared plumbing of the widget's browser tests (widget.test.mjs): one static server with the
// scripted checkout backend, one headless Chromium, and a small driver for a test page that
// mounts the widget and records what it does.
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import jsQR from "jsqr";
import { serve } from "../../scripts/serve.mjs";
import { ScriptedBackend } from "../../scripts/checkout-backend.mjs";
import { launch } from "./chromium.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** Where the screenshots go (target/ is ignored by git). */
export const ARTIFACTS = fileURLToPath(new URL("../../target/widget-artifacts/", import.meta.url));

/** The events the widget fires on its host element. */
export const EVENTS = ["open", "update", "success", "incomplete", "expired", "error", "cancel"];

/** Resolves after `ms` milliseconds. */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** The text of a QR code in a PNG screenshot, or null when jsQR finds none. */
export function decodeQr(png) {
  const { data, width, height } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height)?.data ?? null;
}

/** Writes a screenshot to ARTIFACTS/NAME.png. */
export async function saveArtifact(name, png) {
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(`${ARTIFACTS}${name}.png`, png);
}

/**
 * Counts the page's live timers and its `document` listeners (as an init script, before the
 * widget loads): `window.__live.timeouts`/`intervals` are Sets of ids, `listeners` a list of
 * `{ type, listener, capture }` still added.
 */
export function trackTimersAndListeners() {
  const live = { timeouts: new Set(), intervals: new Set(), listeners: [] };
  window.__live = live;
  const { setTimeout, clearTimeout, setInterval, clearInterval } = window;
  window.setTimeout = function (handler, delay, ...args) {
    const id = setTimeout.call(window, (...values) => {
      live.timeouts.delete(id);
      return typeof handler === "function" ? handler(...values) : undefined;
    }, delay, ...args);
    live.timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => (live.timeouts.delete(id), clearTimeout.call(window, id));
  window.setInterval = function (...args) {
    const id = setInterval.apply(window, args);
    live.intervals.add(id);
    return id;
  };
  window.clearInterval = (id) => (live.intervals.delete(id), clearInterval.call(window, id));
  const capture = (options) => Boolean(typeof options === "boolean" ? options : options?.capture);
  const { addEventListener, removeEventListener } = document;
  document.addEventListener = function (type, listener, options) {
    live.listeners.push({ type, listener, capture: capture(options) });
    return addEventListener.call(this, type, listener, options);
  };
  document.removeEventListener = function (type, listener, options) {
    const index = live.listeners.findIndex(
      (added) => added.type === type && added.listener === listener && added.capture === capture(options),
    );
    if (index >= 0) live.listeners.splice(index, 1);
    return removeEventListener.call(this, type, listener, options);
  };
}

/**
 * An init script: `record(host, events)` logs the host's events; `watch(host)`, once the host
 * has its shadow root, logs every `data-state` its widget shows. Both in `window.logs[host.id]`.
 */
function recorder() {
  const logOf = (host) => ((window.logs ??= {})[host.id] ??= { events: [], states: [] });
  window.record = (host, events) => {
    const log = logOf(host);
    for (const type of events) {
      host.addEventListener(type, (event) => {
        const checkout = event.detail?.checkout;
        log.events.push({ type, state: checkout?.state ?? null, outcome: checkout?.outcome ?? null, error: event.detail?.error ?? null });
      });
    }
  };
  window.watch = (host) => {
    const log = logOf(host);
    const note = () => {
      const state = host.shadowRoot.querySelector(".cc")?.dataset.state;
      if (state && log.states.at(-1) !== state) log.states.push(state);
    };
    note();
    new MutationObserver(note).observe(host.shadowRoot, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"],
    });
  };
}

/** The server, the backend and the browser the tests share. Close it in `after`. */
export class Harness {
  #names = 0;

  static async start() {
    const harness = new Harness();
    harness.backend = new ScriptedBackend();
    harness.site = await serve({ root: HERE, handle: harness.backend.handle });
    harness.browser = await launch();
    return harness;
  }

  async close() {
    this.backend?.release();
    await this.browser?.close();
    this.site?.server.closeAllConnections?.();
    this.site?.server.close();
  }

  /** A document name no other test uses. */
  name(prefix) {
    this.#names += 1;
    return `${prefix}-${this.#names}`;
  }

  /** The status requests for document `name` so far. */
  requests(name) {
    return this.backend.requests.filter((request) => request.name === name);
  }

  /**
   * A fresh browser context and page on the widget test page, closed when test `t` ends.
   * `context`: options of `browser.newContext`; `init`: an init script (a function).
   */
  async open(t, { context: contextOptions = {}, init } = {}) {
    const context = await this.browser.newContext(contextOptions);
    t.after(() => context.close());
    await context.addInitScript(recorder);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${this.site.url}widget.html`);
    await page.waitForFunction(() => window.widgetReady, null, { timeout: 20_000 });
    return new WidgetPage(page, context, errors);
  }
}

/** The test page, and the widgets mounted in it. */
export class WidgetPage {
  constructor(page, context, errors) {
    this.page = page;
    this.context = context;
    /** Uncaught errors of the page. */
    this.errors = errors;
  }

  /**
   * Mounts the widget for document `name` into a new `<div id=ID>`, with `options` (statusUrl
   * and a 500 ms pollInterval by default), recording its events and every `data-state` shown.
   * Returns the widget's driver.
   */
  async mount(name, options = {}, id = "w") {
    await this.page.evaluate(
      ({ id, options, events }) => {
        const host = document.createElement("div");
        host.id = id;
        document.getElementById("main").append(host);
        window.record(host, events);
        (window.handles ??= {})[id] = window.widget.mountCheckout(host, options);
        window.watch(host);
      },
      { id, options: { statusUrl: `/status/${name}`, pollInterval: 500, ...options }, events: EVENTS },
    );
    return new Widget(this.page, `#${id}`);
  }
}

/** One mounted widget: locators inside its shadow root (Playwright's CSS pierces it) and its log. */
export class Widget {
  constructor(page, host) {
    this.page = page;
    this.host = host;
    this.id = host.slice(1);
  }

  /** A locator for `selector` inside the widget. */
  $(selector) {
    return this.page.locator(`${this.host} ${selector}`);
  }

  /** Waits until the widget shows `state` (its `data-state`). */
  async waitState(state, timeout = 10_000) {
    await this.$(`.cc[data-state="${state}"]`).waitFor({ timeout });
  }

  /** The status sentence. */
  status() {
    return this.$(".cc-status").textContent();
  }

  /** `{ events: [{type, state, outcome, error}], states: [...] }` so far. */
  log() {
    return this.page.evaluate((id) => {
      const { events, states } = window.logs[id];
      return { events, states };
    }, this.id);
  }

  /** The types of the events fired so far. */
  async eventTypes() {
    return (await this.log()).events.map((event) => event.type);
  }

  /** Calls `method` of the widget's handle in the page (`destroy`, `update`, ...). */
  call(method, ...args) {
    return this.page.evaluate(({ id, method, args }) => window.handles[id][method](...args), { id: this.id, method, args });
  }

  /** The number of nodes in the host's shadow root. */
  shadowChildren() {
    return this.page.evaluate((host) => document.querySelector(host).shadowRoot.childNodes.length, this.host);
  }
}
