/** @module What every CLI command receives: IO, the loaded config, and a way to open the store lazily. */
import type { Config } from '../config.js'
import type { CliIo } from './io.js'

export interface CliContext {
  readonly io: CliIo
  /** Loads (once) and returns the validated config. */
  config(): Readonly<Config>
  /** Registers a cleanup run when the command ends (close the store, stop timers). */
  onExit(fn: () => Promise<void> | void): void
  /** Sets the process exit code the run will return (the highest wins). */
  fail(code: number): void
}
