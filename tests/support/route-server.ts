import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { apiRouteMethods } from "./api-routes";

// The app/api route handlers on a real Node HTTP server, handed their requests the way
// `next start` hands them over: a Request whose body is the IncomingMessage itself (streamed,
// nothing read in advance; next/dist/server/web/spec-extension/adapters/next-request.js), and
// the Response's status, headers and body written back (next/dist/server/send-response.js).
// So a test can send what only a socket can: a lying Content-Length, a chunked body with no
// length, a body that trickles in, a client that is still sending when the answer comes.

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type MountedRoute = { method: string; template: string; file: string; handler: Handler };

const FORBIDDEN_RESPONSE_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding"]);

/** Every exported method of every route.ts under `dir` (app/api/v1), as {method, "/api/v1/orders/{orderId}/events"} (api-routes.ts). */
export async function discoverRoutes(dir: string): Promise<MountedRoute[]> {
  const routes: MountedRoute[] = [];
  for (const { file, method, template } of apiRouteMethods(dir)) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
    routes.push({ method, template, file, handler: mod[method]! });
  }
  return routes;
}

function match(template: string, pathname: string): Record<string, string> | null {
  const want = template.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^\{(\w+)\}$/.exec(want[i]!)?.[1];
    if (name) params[name] = decodeURIComponent(got[i]!);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** Per answered request: how many bytes the server had taken off the socket when it answered, and when the socket closed. */
export type Served = { method: string; path: string; status: number; bytesReadAtAnswer: number; bytesReadAtClose?: number };
export type RouteServer = { url: string; port: number; served: Served[]; close: () => Promise<void>; server: http.Server };

export async function startRouteServer(routes: MountedRoute[]): Promise<RouteServer> {
  const served: Served[] = [];
  const server = http.createServer(async (req, res) => {
    const socket = req.socket;
    res.once("finish", () => {
      const entry: Served = { method: req.method ?? "", path: req.url ?? "", status: res.statusCode, bytesReadAtAnswer: socket.bytesRead };
      served.push(entry);
      socket.once("close", () => (entry.bytesReadAtClose = socket.bytesRead));
      if (socket.destroyed) entry.bytesReadAtClose = socket.bytesRead;
    });
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    const found = routes.map((r) => ({ r, params: r.method === req.method ? match(r.template, url.pathname) : null })).find((m) => m.params);
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, { method: req.method, headers, duplex: "half", ...(hasBody ? { body: req as unknown as BodyInit } : {}) } as RequestInit);
    try {
      const response = await found.r.handler(request, { params: Promise.resolve(found.params!) });
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        if (!FORBIDDEN_RESPONSE_HEADERS.has(name)) res.setHeader(name, value);
      });
      if (response.body) Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
      else res.end();
    } catch (error) {
      // Next answers an uncaught error with a 500 as well; the tests assert none happens.
      console.error(error);
      res.statusCode = 500;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    served,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
