import { describe, expect, it } from 'vitest'
import { addDays, monthlyDueDates, nextMonthlyDate, scheduleState } from './schedule'

describe('schedule dates', () => {
  it('lists monthly due dates from the start through today or the end date', () => {
    expect(monthlyDueDates('2026-01-15', 1, '2026-04-01')).toEqual(['2026-02-01', '2026-03-01', '2026-04-01'])
    expect(monthlyDueDates('2026-11-01', 28, '2027-02-28', '2027-01-31')).toEqual([
      '2026-11-28',
      '2026-12-28',
      '2027-01-28',
    ])
    expect(monthlyDueDates('2026-05-01', 10, '2026-05-09')).toEqual([])
  })

  it('finds the next due date after a day, across a year end, and none after the end', () => {
    expect(nextMonthlyDate('2026-01-01', 5, '2026-12-05')).toBe('2027-01-05')
    expect(nextMonthlyDate('2026-01-01', 5, '2026-12-04')).toBe('2026-12-05')
    expect(nextMonthlyDate('2026-01-01', 5, '2026-12-05', '2026-12-31')).toBeNull()
  })

  it('calls a date due within the grace days, missed after them, and paused wins', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02')
    expect(scheduleState({ undrafted: ['2026-03-01'], next: '2026-03-01' }, false, '2026-03-03').state).toBe('due')
    expect(scheduleState({ undrafted: ['2026-03-01'], next: '2026-03-01' }, false, '2026-03-05')).toEqual({
      state: 'missed',
      missed: ['2026-03-01'],
    })
    expect(scheduleState({ undrafted: ['2026-03-01'], next: '2026-03-01' }, true, '2026-03-05')).toEqual({
      state: 'paused',
      missed: ['2026-03-01'],
    })
    expect(scheduleState({ undrafted: [], next: '2026-04-01' }, false, '2026-03-05').state).toBe('scheduled')
    expect(scheduleState({ undrafted: [], next: null }, false, '2026-03-05').state).toBe('ended')
  })
})
