/** Stops the run's embedded server, so no process outlives the tests. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__EMBEDDED_DB__?.stop();
}
