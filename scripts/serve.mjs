// A small static file server for the browser tests and the widget gallery: serves a directory
// at `/` and the built package at `/pkg/`, on 127.0.0.1 only.
//
//   node scripts/serve.mjs     (`make gallery`) the widget gallery of scripts/gallery/, every
//                              state and fault scripted, on $PORT (default: 8080)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(fileURLToPath(new URL("..", import.meta.url)));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
};

/** The file under `base` that `path` names, or null when it would escape `base`. */
function within(base, path) {
  const file = normalize(join(base, path));
  return file === base || file.startsWith(base + sep) ? file : null;
}

/**
 * Starts serving `root` at `/` and `pkg/` of the repository at `/pkg/`; resolves with the
 * server and its URL once it listens. Port 0 picks a free port. `handle(request, response)`,
 * when given, sees each request first and returns true for those it answered itself.
 */
export async function serve({ root, port = 0, host = "127.0.0.1", handle }) {
  const mounts = [
    ["/pkg/", resolve(REPO, "pkg")],
    ["/", resolve(root)],
  ];
  const server = createServer(async (request, response) => {
    if (handle && (await handle(request, response))) return;
    const { pathname } = new URL(request.url, "http://localhost");
    const [prefix, base] = mounts.find(([prefix]) => pathname.startsWith(prefix));
    let file = within(base, decodeURIComponent(pathname.slice(prefix.length)));
    try {
      if (file === null) throw new Error("outside the served directory");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end("not found\n");
    }
  });
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, done);
  });
  return { server, url: `http://${host}:${server.address().port}/` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(REPO, "scripts/gallery");
  // The gallery polls a scripted checkout document, /status/demo.
  const { ScriptedBackend, checkoutDocument } = await import("./checkout-backend.mjs");
  const backend = new ScriptedBackend();
  backend.set("demo", checkoutDocument());
  const { url } = await serve({ root, port: Number(process.env.PORT ?? 8080), handle: backend.handle });
  console.log(`Serving ${root} and the package at ${url} (Ctrl-C to stop)`);
}
