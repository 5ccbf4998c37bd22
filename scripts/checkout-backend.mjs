// A scripted stand-in for a merchant backend's checkout endpoint: serves checkout documents
// (`crypto-checkout/v1`) with ETags and 304s, and fails on request (HTTP 500, a timeout, a body
// that is not JSON, a document of the wrong shape, a dropped connection, a stale document).
// The widget's browser tests, the benchmark and the widget gallery (`make gallery`) use it.
//
//   GET  /status/NAME          the document NAME (304 when If-None-Match matches its ETag)
//   POST /control/NAME         {"document": {...}} replaces it; {"scenario": "underpaid"} replaces
//                              it with one of SCENARIOS; {"fault": "...", "count": N} makes
//                              the next N requests fail that way
//
// Faults: "http500", "timeout" (never answers), "garbage" (200 with a body that is not JSON),
// "wrong-schema" (200 with JSON that is not a checkout document), "offline" (drops the
// connection), "stale" (200 with the document before the current one).

/** Seconds from now, as an ISO 8601 UTC time. */
export function inSeconds(seconds) {
  return new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");
}

/** A checkout document: 50.00 USDT on TRON awaiting payment, with `fields` replaced. */
export function checkoutDocument(fields = {}) {
  return {
    schema: "crypto-checkout/v1",
    id: "chk_demo_1",
    provider: "heropayments",
    direction: "deposit",
    state: "awaiting_payment",
    outcome: "pending",
    provider_status: "waiting",
    order_id: "order-1001",
    coin: "USDT",
    network: "tron",
    address: "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
    tag: null,
    amount: "50.00",
    minimum_amount: "5",
    paid_amount: "0",
    remaining_amount: "50.00",
    excess_amount: null,
    fiat: { currency: "USD", amount: "50.00" },
    confirmations: null,
    expires_at: inSeconds(15 * 60),
    created_at: inSeconds(0),
    payments: [],
    warnings: [],
    ...fields,
  };
}

/** The fields that put the default checkout document in each state the widget shows. */
export const SCENARIOS = {
  awaiting_payment: {},
  confirming: {
    state: "confirming", provider_status: "waiting_confirmations", paid_amount: "50.00", remaining_amount: "0.00",
    confirmations: { received: 3, required: 19 },
  },
  converting: { state: "converting", provider_status: "converting", paid_amount: "50.00", remaining_amount: "0.00" },
  paid: { state: "paid", outcome: "success", provider_status: "finished", paid_amount: "50.00", remaining_amount: "0.00" },
  underpaid: { state: "underpaid", provider_status: "partially_paid", paid_amount: "20.00", remaining_amount: "30.00" },
  overpaid: {
    state: "overpaid", outcome: "success", provider_status: "finished", paid_amount: "55.00", remaining_amount: "0.00",
    excess_amount: "5.00",
  },
  on_hold: { state: "on_hold", provider_status: "hold", paid_amount: "50.00", remaining_amount: "0.00" },
  failed: { state: "failed", outcome: "failure", provider_status: "failed" },
  refunded: { state: "refunded", outcome: "failure", provider_status: "refunded", paid_amount: "50.00", remaining_amount: "0.00" },
  address_reused: { state: "address_reused", provider_status: "address_reused" },
  cancelled: { state: "cancelled", outcome: "failure", provider_status: "cancelled" },
  expired: { state: "expired", outcome: "failure", provider_status: "expired" },
  unknown: { provider_status: "mystery", state: "unknown" },
};

/** The scripted documents and faults, and a log of the requests received. */
export class ScriptedBackend {
  #documents = new Map();
  #faults = new Map();
  /** Every status request: `{ name, ifNoneMatch, status, time }`. */
  requests = [];
  /** Requests still waiting (the "timeout" fault holds them open). */
  #held = new Set();

  /** Serves `document` (an object, or raw text) as NAME from now on. */
  set(name, document) {
    const previous = this.#documents.get(name);
    const version = (previous?.version ?? 0) + 1;
    const body = typeof document === "string" ? document : JSON.stringify(document);
    this.#documents.set(name, { body, version, etag: `"${name}-v${version}"`, previous: previous?.body });
  }

  /** Makes the next `count` requests for NAME fail with `fault`. */
  fail(name, fault, count = 1) {
    this.#faults.set(name, { fault, count });
  }

  /** Ends every held request (before closing the server). */
  release() {
    for (const response of this.#held) response.destroy();
    this.#held.clear();
  }

  /** The `handle` hook of scripts/serve.mjs. */
  handle = async (request, response) => {
    const { pathname } = new URL(request.url, "http://localhost");
    const [, route, name] = pathname.match(/^\/(status|control)\/([\w-]+)$/) ?? [];
    if (route === "control" && request.method === "POST") {
      let text = "";
      for await (const chunk of request) text += chunk;
      const command = JSON.parse(text);
      if (command.document) this.set(name, command.document);
      if (command.scenario) this.set(name, checkoutDocument(SCENARIOS[command.scenario]));
      if (command.fault) this.fail(name, command.fault, command.count ?? 1);
      response.writeHead(204).end();
      return true;
    }
    if (route !== "status") return false;
    const entry = { name, ifNoneMatch: request.headers["if-none-match"] ?? null, time: Date.now() };
    this.requests.push(entry);
    const document = this.#documents.get(name);
    const pending = this.#faults.get(name);
    if (pending && pending.count > 0) {
      pending.count -= 1;
      entry.status = pending.fault;
      return this.#fault(pending.fault, document, request, response);
    }
    if (!document) {
      entry.status = 404;
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"no such checkout"}');
      return true;
    }
    const headers = { etag: document.etag, "cache-control": "no-cache" };
    if (entry.ifNoneMatch === document.etag) {
      entry.status = 304;
      response.writeHead(304, headers).end();
      return true;
    }
    entry.status = 200;
    response.writeHead(200, { ...headers, "content-type": "application/json" }).end(document.body);
    return true;
  };

  #fault(fault, document, request, response) {
    const json = { "content-type": "application/json" };
    switch (fault) {
      case "http500":
        response.writeHead(500, json).end('{"error":"internal"}');
        break;
      case "timeout":
        this.#held.add(response);
        response.on("close", () => this.#held.delete(response));
        break;
      case "garbage":
        response.writeHead(200, json).end("<html>502 Bad Gateway</html>");
        break;
      case "wrong-schema":
        response.writeHead(200, json).end('{"schema":"crypto-checkout/v1","state":"paid","outcome":"success"}');
        break;
      case "offline":
        request.socket.destroy();
        break;
      case "stale":
        response.writeHead(200, { ...json, etag: '"stale"' }).end(document?.previous ?? "{}");
        break;
      default:
        throw new Error(`unknown fault ${fault}`);
    }
    return true;
  }
}
