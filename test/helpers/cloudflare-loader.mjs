// A module hook (module.register) that resolves the modules only workerd has to their Node stand-ins.
const STAND_INS = { 'cloudflare:sockets': './cloudflare-sockets-node.mjs', 'cloudflare:workers': './cloudflare-workers-node.mjs' }

export async function resolve(specifier, context, next) {
  const standIn = STAND_INS[specifier]
  if (standIn) return { url: new URL(standIn, import.meta.url).href, shortCircuit: true }
  return next(specifier, context)
}
