// Outside Next.js (the CLI, the start script, vitest) there is no client bundle to guard, so
// `server-only` resolves here instead of to the package that throws outside react-server.
export {};
