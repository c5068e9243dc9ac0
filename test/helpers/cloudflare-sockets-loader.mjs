// A module hook (module.register) that resolves `cloudflare:sockets`, which only workerd has, to the node:net stand-in.
export async function resolve(specifier, context, next) {
  if (specifier === 'cloudflare:sockets') return { url: new URL('./cloudflare-sockets-node.mjs', import.meta.url).href, shortCircuit: true }
  return next(specifier, context)
}
