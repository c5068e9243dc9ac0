import { bundleBench as base } from '../../ls-base/bench/bundle'
import { bundleBench as next } from './bundle'
for (const [name, bench] of [['old', base], ['new', next]] as const) {
  const { rows } = await bench()
  console.log(name, rows.map((r) => `${r.metric}=${r.value}`).join(' | '))
}
