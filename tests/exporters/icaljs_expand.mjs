// Expand every event of an iCalendar file with ical.js (Thunderbird's and Nextcloud's parser).
// usage: node icaljs_expand.mjs <path to node_modules/ical.js> <until ISO date>  < calendar.ics
// prints JSON: [{uid, start, end, allDay, summary, status}], start/end in UTC (all-day: the date)
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [moduleDir, until] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(join(moduleDir, "dist", "ical.js")).href)).default;
const text = readFileSync(0, "utf8");
const root = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}
const limit = ICAL.Time.fromDateTimeString(until + "T00:00:00Z");
const vevents = root.getAllSubcomponents("vevent");
const masters = vevents.filter((v) => !v.hasProperty("recurrence-id"));
const out = [];
const show = (time) => (time.isDate ? time.toString() : time.toJSDate().toISOString());
for (const master of masters) {
  const event = new ICAL.Event(master);
  for (const other of vevents) {
    if (other.hasProperty("recurrence-id") && other.getFirstPropertyValue("uid") === event.uid) {
      event.relateException(other);
    }
  }
  if (!event.isRecurring()) {
    out.push({ uid: event.uid, start: show(event.startDate), end: show(event.endDate), allDay: event.startDate.isDate,
               summary: event.summary, status: master.getFirstPropertyValue("status") });
    continue;
  }
  const iterator = event.iterator();
  let next;
  let guard = 0;
  while ((next = iterator.next()) && next.compare(limit) < 0 && guard++ < 100000) {
    const details = event.getOccurrenceDetails(next);
    out.push({ uid: event.uid, start: show(details.startDate), end: show(details.endDate),
               allDay: details.startDate.isDate, summary: details.item.summary,
               status: details.item.component.getFirstPropertyValue("status") });
  }
}
process.stdout.write(JSON.stringify(out));
