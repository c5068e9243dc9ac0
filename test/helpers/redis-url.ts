/** The Redis the suite uses: REDIS_URL, or a local one (the global setup starts it when nothing answers). */
export const REDIS_URL = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379'
