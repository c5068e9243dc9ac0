import { MemoryStore } from '../../src/store/memory'
import { runStoreContract } from './contract'

runStoreContract('MemoryStore', () => new MemoryStore(), { health: null })
