// runs `body` with a server started for one test, closing it afterwards whatever happens:
// `await withServer(startFakeOpenAIServer(), async (srv) => { … })`.
export async function withServer<T extends { close(): Promise<void> }, R>(
  started: Promise<T>,
  body: (server: T) => Promise<R>,
): Promise<R> {
  const server = await started;
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}
