/**
 * A holiday notice for 2027 as an .ics file (fictitious, as the real one is not out): New Year Friday to Monday
 * 4 January; Spring Festival 8 days and a make-up Saturday. The calendar tests enter it as the year after the data.
 */
export const notice2027Ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270105',
  'SUMMARY:元旦(休)',
  'X-APPLE-SPECIAL-DAY:WORK-HOLIDAY',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270220',
  'DTEND;VALUE=DATE:20270221',
  'SUMMARY:春节(班)',
  'X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270205',
  'DTEND;VALUE=DATE:20270213',
  'SUMMARY:春节(休)',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');
