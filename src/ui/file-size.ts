import { t } from '../shared/i18n.ts'

/** "1.5 MB", in the page's language: the Check files rows and the download details alike. */
export function formatSize(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const
  let unit = 0
  let value = bytes
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return new Intl.NumberFormat(t('languageTag'), { style: 'unit', unit: units[unit], maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)
}
