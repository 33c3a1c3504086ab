/**
 * Hong Kong's general holidays for 2026 and 2027, as gazetted by the HKSAR Government under the
 * General Holidays Ordinance (Cap. 149) and published at www.gov.hk ("General holidays for 2026",
 * "General holidays for 2027"). Sundays are not listed (every Sunday is a general holiday, and no
 * weekend day is a dealing day anyway); holidays falling on a Saturday are listed for completeness.
 *
 * Substitutions applied by the Ordinance, checked date by date:
 * - 2026: Ching Ming (5 Apr) is a Sunday, so the day following it (6 Apr) is the holiday; 6 Apr
 *   is also Easter Monday, so the day following Easter Monday (7 Apr) is one too. Buddha's
 *   Birthday (24 May) and Chung Yeung (18 Oct) are Sundays: the following Mondays (25 May, 19 Oct)
 *   are the holidays. The day following Mid-Autumn is 26 Sep (Saturday); the first weekday after
 *   Christmas is 26 Dec (Saturday: Saturdays are weekdays under the Ordinance).
 * - 2027: the second day of Lunar New Year (7 Feb) is a Sunday, so the fourth day (9 Feb) is the
 *   holiday. The first weekday after Christmas (a Saturday) is Monday 27 Dec.
 * The ADMIN may replace the list with PUT /v1/calendars/HK (for instance when a later year is
 * gazetted, or a holiday is added at short notice); this file only seeds a new deployment.
 */
export const HK_GENERAL_HOLIDAYS = {
  code: 'HK',
  name: 'Hong Kong general holidays',
  holidays: [
    '2026-01-01', // The first day of January
    '2026-02-17', // Lunar New Year's Day
    '2026-02-18', // The second day of Lunar New Year
    '2026-02-19', // The third day of Lunar New Year
    '2026-04-03', // Good Friday
    '2026-04-04', // The day following Good Friday (Saturday)
    '2026-04-06', // The day following Ching Ming Festival (5 Apr is a Sunday)
    '2026-04-07', // The day following Easter Monday (Easter Monday 6 Apr is taken by Ching Ming's substitute)
    '2026-05-01', // Labour Day
    '2026-05-25', // The day following the Birthday of the Buddha (24 May is a Sunday)
    '2026-06-19', // Tuen Ng Festival
    '2026-07-01', // HKSAR Establishment Day
    '2026-09-26', // The day following the Chinese Mid-Autumn Festival (Saturday)
    '2026-10-01', // National Day
    '2026-10-19', // The day following Chung Yeung Festival (18 Oct is a Sunday)
    '2026-12-25', // Christmas Day
    '2026-12-26', // The first weekday after Christmas Day (Saturday)
    '2027-01-01', // The first day of January
    '2027-02-06', // Lunar New Year's Day (Saturday)
    '2027-02-08', // The third day of Lunar New Year
    '2027-02-09', // The fourth day of Lunar New Year (the second day, 7 Feb, is a Sunday)
    '2027-03-26', // Good Friday
    '2027-03-27', // The day following Good Friday (Saturday)
    '2027-03-29', // Easter Monday
    '2027-04-05', // Ching Ming Festival
    '2027-05-01', // Labour Day (Saturday)
    '2027-05-13', // The Birthday of the Buddha
    '2027-06-09', // Tuen Ng Festival
    '2027-07-01', // HKSAR Establishment Day
    '2027-09-16', // The day following the Chinese Mid-Autumn Festival
    '2027-10-01', // National Day
    '2027-10-08', // Chung Yeung Festival
    '2027-12-25', // Christmas Day (Saturday)
    '2027-12-27', // The first weekday after Christmas Day (26 Dec is a Sunday)
  ],
} as const;
