// The layout, as a test: imports point one way (lower layers never import higher ones), shared code stays on Web
// APIs, and no source file grows past 300 lines.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// require, not import: the ESM loader would first scan TypeScript's CommonJS file for export names (~0.35 s).
const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript')

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Low → high. A file may import from its own layer or a lower one. First matching prefix wins.
 * src/teach (taught phrasings) sits with the knowledge it extends; src/insights (the question log) reads messages. */
const LAYERS: readonly (readonly string[])[] = [
  ['src/store/'],
  ['src/matcher/'],
  ['src/knowledge/', 'src/teach/'],
  ['src/title/'],
  ['src/bot/'],
  ['src/tips/', 'src/insights/'],
  ['handlers/'],
  ['src/platforms/'],
  ['src/console/'],
  ['src/app.ts', 'src/config.ts'],
  ['src/node/', 'src/worker.ts', 'src/warm-up.ts', 'src/cli/'],
]

/** Upward imports allowed on purpose, each with its reason. Keys are "importer → imported" (repo-relative paths). */
const ALLOWED_UPWARD: Readonly<Record<string, string>> = {}

/** Where Node built-ins (node:…) may be imported: everything else also runs on Workers. */
const NODE_ONLY = ['src/node/', 'src/cli/']

const MAX_LINES = 300
/** Longer files tolerated, each with its reason. */
const LONG_FILE_EXCEPTIONS: readonly { prefix: string; reason: string }[] = []

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`
    if (e.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : []
  })
}

function layerOf(path: string): number {
  return LAYERS.findIndex((prefixes) => prefixes.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)))
}

/** Every module specifier a file names: static imports, re-exports, `import type`, and dynamic import(). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles.map((f) => f.fileName)
}

/** A relative specifier as a repo-relative file path (extension-less specifiers resolve to .ts or /index.ts). */
function resolveRelative(from: string, spec: string): string {
  const base = relative(ROOT, resolve(ROOT, dirname(from), spec)).split('\\').join('/')
  if (/\.(ts|json)$/.test(base)) return base
  const candidates = [`${base}.ts`, `${base}/index.ts`]
  return candidates.find((c) => layerOf(c) >= 0 && files.includes(c)) ?? `${base}.ts`
}

const files = [...sourceFiles('src'), ...sourceFiles('handlers')]

describe('layout', () => {
  it('places every source file in a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0)).toEqual([])
  })

  it('has no upward import (store < matcher < knowledge, teach < title < bot < tips, insights < handlers < platforms < console < app < entries)', () => {
    const upward: string[] = []
    for (const file of files) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = resolveRelative(file, spec)
        const targetLayer = layerOf(target)
        if (targetLayer < 0) continue // data files such as knowledge/*.json sit below every layer
        const edge = `${file} → ${target}`
        if (targetLayer > layerOf(file) && !(edge in ALLOWED_UPWARD)) upward.push(edge)
      }
    }
    expect(upward).toEqual([])
  })

  it('lists only exceptions that are still needed', () => {
    const edges = new Set(files.flatMap((f) => importsOf(f).filter((s) => s.startsWith('.')).map((s) => `${f} → ${resolveRelative(f, s)}`)))
    expect(Object.keys(ALLOWED_UPWARD).filter((e) => !edges.has(e))).toEqual([])
  })

  it('keeps Node built-ins out of the code that also runs on Workers', () => {
    const offenders = files
      .filter((f) => !NODE_ONLY.some((p) => f.startsWith(p)) && f !== 'src/worker.ts')
      .flatMap((f) => importsOf(f).filter((s) => s.startsWith('node:')).map((s) => `${f} imports ${s}`))
    expect(offenders).toEqual([])
  })

  it(`keeps every source file at or under ${MAX_LINES} lines`, () => {
    const long = files
      .filter((f) => !LONG_FILE_EXCEPTIONS.some((e) => f.startsWith(e.prefix)))
      .map((f) => ({ f, lines: readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ f, lines }) => `${f}: ${lines} lines`)
    expect(long).toEqual([])
  })

  it('imports zod as a namespace, which lets the Worker bundle leave out its ~40 locales (~65 KiB gzip)', () => {
    // `import { z } from 'zod'` reaches zod's `export * as z` namespace whole, locales included; `import * as z` is
    // tree-shaken to what is used.
    const named = files.filter((f) => /import\s+(type\s+)?\{\s*z\s*\}\s+from\s+'zod'/.test(readFileSync(join(ROOT, f), 'utf8')))
    expect(named).toEqual([])
  })

  it('finds the imports it checks (the parser sees static, type-only and dynamic imports)', () => {
    const parsed = (code: string) => ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName)
    expect(parsed(`import type { A } from './a'\nexport { b } from '../b'\nconst c = () => import('./c')`)).toEqual(['./a', '../b', './c'])
    expect(layerOf('src/matcher/matcher.ts')).toBeLessThan(layerOf('src/knowledge/knowledge.ts'))
    expect(layerOf('src/cli/ask.ts')).toBeGreaterThan(layerOf('src/app.ts'))
  })
})
