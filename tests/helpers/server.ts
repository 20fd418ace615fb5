/** Serves the app on a free local port for tests that need a real HTTP server. */
import type { Hono } from "hono";

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export function serve(app: Hono): TestServer {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}
