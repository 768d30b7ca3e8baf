#!/usr/bin/env node
/**
 * @module How much of a gold file's figures its texts can give at all: for each category, the share of texts with a
 * gold figure that (a) mention the category in any words and (b) contain both gold bounds as numbers (0 counts as
 * present for a lower bound). An extractor that reads only the text cannot beat (a), and rarely beats (b).
 * Usage: node scripts/eval-ceiling.mjs [GOLD.jsonl] (default ../shared/eval/dronestream-dev.jsonl). Optional: reads ../shared.
 */
import { readFileSync } from 'node:fs'

const goldPath = process.argv[2] ?? new URL('../../shared/eval/dronestream-dev.jsonl', import.meta.url).pathname
const gold = readFileSync(goldPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))

// Words by which a text can speak of each category at all (generous on purpose: an upper bound).
const MENTIONS = {
  killed: /kill|dead|die|death|casualt|bod(y|ies)|lives|toll|slain|perish|martyr|scattered|corpse/i,
  civilians: /civilian|woman|women|child|kid|boy|girl|son\b|sons|daughter|mother|father|wife|villager|resident|labou?rer|student|rescuer|woodcutter|family|relative|grand|teacher|farmer|guest|worshipper|tribesm/i,
  children: /child|kid|boy|girl|\bsons?\b|daughter|year.old|\b1[0-7],|teen|infant|baby|minor|grandchild|brother, 1/i,
  injured: /injur|wound|hurt|casualt|maim/i,
}
const WORDS = { zero: 0, no: 0, none: 0, one: 1, a: 1, an: 1, two: 2, both: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, dozen: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50 }
const numbersIn = (text) => {
  const out = new Set([0])
  for (const m of text.toLowerCase().matchAll(/\d+|[a-z]+/g)) {
    const v = /\d/.test(m[0]) ? Number(m[0]) : WORDS[m[0]]
    if (v !== undefined) out.add(v)
  }
  return out
}

console.log(`texts: ${gold.length} (${goldPath})`)
for (const cat of ['killed', 'civilians', 'children', 'injured']) {
  let n = 0
  let mentioned = 0
  let bounds = 0
  for (const g of gold) {
    const r = g.gold[cat]
    if (r == null) continue
    n++
    if (MENTIONS[cat].test(g.text)) mentioned++
    const nums = numbersIn(g.text)
    if (nums.has(r.min ?? 0) && r.max !== null && nums.has(r.max)) bounds++
  }
  const pct = (a) => (n ? (a / n).toFixed(3) : 'n/a')
  console.log(`${cat.padEnd(9)} gold ${String(n).padStart(4)}  text mentions it ${pct(mentioned)}  both bounds appear as numbers ${pct(bounds)}`)
}
