/** @module The victim name key: transliterations of one name meet, different people stay apart. */
import { describe, expect, it } from 'vitest'
import { victimNameKey } from './victim-name.js'

describe('victimNameKey', () => {
  it.each([
    ['Mohammad Khan', 'Muhammad Khan'],
    ['Mohammed Khan', 'Muhammed Khan'],
    ['Mohamed Saleh', 'Muhammad Saleh'],
    ['Abdul Rahman', 'Abd al-Rahman'],
    ['Abdulrahman Said', 'Abd ar-Rahman Said'],
    ['Abdur Rehman', 'Abd-ur-Rahman'],
    ['Abdel Aziz', 'Abdulaziz'],
    ['Abdullah Noor', 'Abdallah Nur'],
    ['Abdulla Noor', 'Abdullah Noor'],
    ['Anwar al-Awlaki', 'Anwar Al Awlaki'],
    ['Anwar al-Awlaki', 'ANWAR AL-AWLAKI'],
    ['Hussain Ali', 'Hussein Ali'],
    ['Husain Ali', 'Husayn Ali'],
    ['Hossein Ali', 'Hussain Ali'],
    ['Ahmad Shah', 'Ahmed Shah'],
    ['Osama bin Laden', 'Usama ibn Laden'],
    ['Hassan Gul', 'Hasan Gul'],
    ['Zubair Rehman', 'Zubair Rahman'],
    ['Saeed Akhtar', "Sa'id Akhtar"],
    ['Saʿīd Akhtar', 'Said Akhtar'],
    ['Qasim Tariq', 'Kasim Tarik'],
    ['Fatimah Bibi', 'Fatima Bibi'],
    ['Ḥusayn Muḥammad', 'Hussein Mohammed'],
    ['Mehsud, Baitullah', 'Baitullah Mehsud'],
    ['Haji Gul Khan', 'Gul Khan'],
    ['Nabila  Rehman', 'Nabila Rehman.'],
    // Arabic script: vowel marks (harakat) dropped, letters kept.
    ['مُحَمَّد حُسَيْن', 'محمد حسين'],
  ])('%s and %s are one name', (a, b) => {
    expect(victimNameKey(a)).toBe(victimNameKey(b))
  })

  it.each([
    // Two people who share a first name.
    ['Mohammad Khan', 'Mohammad Rafiq'],
    ['Ali Hassan', 'Ali Omar'],
    ['Mamana Bibi', 'Nabila Bibi'],
    // Word order carries the name: a son's name and his father's are not interchangeable.
    ['Ali Hassan', 'Hassan Ali'],
    // Different names that share consonants.
    ['Hassan Gul', 'Hussein Gul'],
    ['Mohammad Jan', 'Mahmoud Jan'],
    ['Ahmad Wali', 'Ahmadi Wali'],
    ['Abdi Yusuf', 'Abdul Yusuf'],
    // A name and a longer one are not assumed to be the same person.
    ['Mohammad Khan', 'Mohammad Ali Khan'],
    ['Nabila', 'Nabila Rehman'],
    ['محمد حسين', 'محمد حسن'],
  ])('%s and %s stay apart', (a, b) => {
    expect(victimNameKey(a)).not.toBe(victimNameKey(b))
  })

  it('keeps every word, lowercased, in order', () => {
    expect(victimNameKey('Gul Rahman')).toBe('gul rahman')
    expect(victimNameKey('Abd al-Rahman')).toBe('abd rahman')
    expect(victimNameKey('  ')).toBe('')
  })
})
