// The docs point only inside the repository, and the repository paths they name exist.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DOCS = ['README.md', 'knowledge/README.md', 'knowledge/TITLE-WORDS.md']
const REPO_PATH = /^(?:src|handlers|test|knowledge|bench)\/[\w./-]*$/

const read = (doc: string) => readFileSync(join(ROOT, doc), 'utf8')
const inside = (path: string) => !relative(ROOT, path).startsWith('..')

describe.each(DOCS)('%s', (doc) => {
  it('links only to web pages, its own headings, or files inside the repository that exist', () => {
    const bad = [...read(doc).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^https?:\/\//.test(target) && !target.startsWith('#'))
      .filter((target) => {
        const file = resolve(ROOT, dirname(doc), target.split('#')[0]!)
        return !inside(file) || !existsSync(file)
      })
    expect(bad).toEqual([])
  })

  it('names no path outside the repository (machine paths, the spec folder it was written from)', () => {
    const text = read(doc)
    expect(text.match(/(?:^|[\s(`'"])\/(?:work|home|tmp|Users|root)\/\S*/gm) ?? []).toEqual([])
    expect(text.match(/`(?:\.\.\/|shared\/)[^`]*`/g) ?? []).toEqual([])
  })

  it('names only repository paths that exist', () => {
    const missing = [...read(doc).matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1]!)
      .filter((p) => REPO_PATH.test(p))
      .filter((p) => !existsSync(join(ROOT, p)))
    expect(missing).toEqual([])
  })
})
