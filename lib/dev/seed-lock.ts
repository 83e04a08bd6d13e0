import pg from "pg";

// `npm run dev` starts next dev while it migrates and seeds the demo database, so Next's start-up
// and first compiles overlap with the seed. The background work (engines, loops) must not start
// before the seed is written: an engine would attempt the seed's deliveries while it is still
// writing their history. The dev script holds this advisory lock while it seeds; the app's
// background work waits for it (BACKGROUND_WORK=after-dev-seed). A dead dev script releases it.
const DEV_SEED_LOCK = 74_200_001;

/** Takes the lock on a connection of its own; the returned function releases it. */
export async function holdDevSeedLock(connectionString: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [DEV_SEED_LOCK]);
  return async () => {
    await client.query("SELECT pg_advisory_unlock($1)", [DEV_SEED_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  };
}

/** Resolves once no one holds the lock (the seed is written): takes it and gives it back. */
export async function waitForDevSeed(connectionString: string): Promise<void> {
  const release = await holdDevSeedLock(connectionString);
  await release();
}
