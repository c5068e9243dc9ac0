import { matcherBench as base } from '../../ls-base/bench/matcher'
import { matcherBench as next } from './matcher'
for (let round = 0; round < 3; round++) {
  for (const [name, bench] of [['old', base], ['new', next]] as const) {
    const { rows } = await bench()
    console.log(round, name, rows.map((r) => `${r.metric}=${r.value}`).join(' | '))
  }
}
