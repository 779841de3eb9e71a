// Expand every event of an iCalendar feed (stdin) with ical.js between two UTC instants
// (argv) and print [[startUTC, endUTC, summary], ...] as JSON. Cancelled dates are EXDATEs and
// moved dates RECURRENCE-ID overrides: ical.js applies both, as Thunderbird does.
import ICAL from "ical.js";
import { readFileSync } from "node:fs";

const [from, to] = process.argv.slice(2).map((s) => ICAL.Time.fromDateTimeString(s));
const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const vevents = root.getAllSubcomponents("vevent");
const masters = vevents.filter((v) => !v.hasProperty("recurrence-id"));
const out = [];
for (const master of masters) {
  const event = new ICAL.Event(master);
  for (const v of vevents) {
    if (v.hasProperty("recurrence-id") && v.getFirstPropertyValue("uid") === event.uid) {
      event.relateException(v);
    }
  }
  const utc = (t) => t.convertToZone(ICAL.Timezone.utcTimezone).toString();
  if (!event.isRecurring()) {
    if (event.startDate.compare(to) < 0 && event.startDate.compare(from) >= 0) {
      out.push([utc(event.startDate), utc(event.endDate), event.summary]);
    }
    continue;
  }
  const it = event.iterator();
  for (let next = it.next(); next && next.compare(to) < 0; next = it.next()) {
    const details = event.getOccurrenceDetails(next);
    if (details.startDate.compare(from) >= 0 && details.startDate.compare(to) < 0) {
      out.push([utc(details.startDate), utc(details.endDate), details.item.summary]);
    }
  }
}
console.log(JSON.stringify(out));
