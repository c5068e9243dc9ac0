// `knowledge check | teach | forget | taught | pull`: the knowledge files and the phrasings taught live.
import type { CliIo } from './io'
import { runKnowledgeCheck } from './knowledge-check'
import { runKnowledgePull } from './knowledge-pull'
import { runForget, runTaught, runTeach } from './knowledge-taught'
import { linesOf } from './store'

export const KNOWLEDGE_USAGE = `usage: knowledge check [--deep]            lint the knowledge files (--deep: leave-one-out, ~3 min)
       knowledge teach "<问题>" <intent> [--force]   teach a phrasing live (as /教); prints the answer it now gets
       knowledge forget "<问题>"             remove a taught phrasing (as /忘)
       knowledge taught [--json]            the taught phrasings in the store
       knowledge pull                       write them into knowledge/intents.json (lint-clean), then clear them`

type Sub = (args: string[], io: CliIo) => Promise<number>

const subcommands: Record<string, Sub> = {
  check: (args, io) => runKnowledgeCheck(args, linesOf(io)),
  teach: (args, io) => runTeach(args, { ...linesOf(io), env: io.env }),
  forget: (args, io) => runForget(args, { ...linesOf(io), env: io.env }),
  taught: (args, io) => runTaught(args, { ...linesOf(io), env: io.env }),
  pull: (args, io) => runKnowledgePull(args, { ...linesOf(io), env: io.env }),
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const sub = args[0] ? subcommands[args[0]] : undefined
  if (!sub) {
    io.stderr.write(`${KNOWLEDGE_USAGE}\n`)
    return 2
  }
  return sub(args.slice(1), io)
}
