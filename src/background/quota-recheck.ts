/**
 * During a quota pause the worker asks `limits` every 15 minutes: the quota can come back before
 * the reset (a raised limit, a miscount put right). An alarm, so a worker that died still asks.
 */
import browser from 'webextension-polyfill'

export const QUOTA_RECHECK_ALARM = 'quota-recheck'
const RECHECK_MINUTES = 15

export async function setQuotaRecheck(isOn: boolean): Promise<void> {
  const alarms = browser.alarms
  if (!isOn) {
    await alarms.clear(QUOTA_RECHECK_ALARM)
    return
  }
  // A worker restarted mid-pause must not push the next check back by creating the alarm anew.
  if (await alarms.get(QUOTA_RECHECK_ALARM)) return
  await alarms.create(QUOTA_RECHECK_ALARM, { delayInMinutes: RECHECK_MINUTES, periodInMinutes: RECHECK_MINUTES })
}
