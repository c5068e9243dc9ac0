/** See cloudflare-sockets-node.mjs. */
export const connect: import('../../src/store/workers-socket').WorkersConnect
