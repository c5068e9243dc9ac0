// workerd's `cloudflare:workers` for running the bundled Worker in Node (the cold-start bench's child): `env`, the
// deployment's bindings, as the child sets them before it imports the bundle.
export const env = globalThis.__workerEnv ?? {}
