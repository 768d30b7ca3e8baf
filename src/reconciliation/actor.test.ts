import { describe, expect, it } from 'vitest'
import { actorKey, sameActor } from './actor.js'

describe('actorKey', () => {
  it.each([
    ['United States', 'Military Forces of the United States (2017-2021)'],
    ['United States', 'Government of United States of America'],
    ['US', 'American forces'],
    ['Pakistan', 'Military Forces of Pakistan (2013-2018)'],
  ])('%s and %s are one state', (a, b) => {
    expect(sameActor(a, b)).toBe(true)
    expect(actorKey(a)).toMatch(/^state:[A-Z]{2}$/)
  })

  it.each([
    ['Tehrik-i-Taliban Pakistan', 'Pakistan'],
    ['Al Shabaab', 'Military Forces of Somalia (2017-)'],
    ['United States', 'Military Forces of Pakistan'],
  ])('%s and %s differ', (a, b) => {
    expect(sameActor(a, b)).toBe(false)
  })

  it('compares other names by their words', () => {
    expect(sameActor('Al-Shabaab', 'al shabaab')).toBe(true)
    expect(actorKey('AQAP')).toBe('aqap')
  })
})
