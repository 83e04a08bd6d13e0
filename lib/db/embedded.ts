import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The zero-config database for `npm run dev`: Postgres 18 in WASM (PGlite), served over the
// Postgres wire protocol so Prisma, pg and the delivery engine talk to it like to any server.
export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export async function startEmbeddedDatabase(opts: { dataDir: string; port: number }): Promise<EmbeddedDatabase> {
  await mkdir(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: opts.dataDir });
  const server = new PGLiteSocketServer({ db: pglite, port: opts.port, host: "127.0.0.1", maxConnections: 40 });
  await server.start();
  return {
    url: `postgresql://postgres@127.0.0.1:${opts.port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
