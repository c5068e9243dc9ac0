/** See workerd-start-up.mjs. */
export function startUpRules(): () => void
