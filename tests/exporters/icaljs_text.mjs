// The text values ical.js (Thunderbird's and Nextcloud's parser) reads from an iCalendar file.
// usage: node icaljs_text.mjs <path to node_modules/ical.js>  < calendar.ics
// prints JSON: {name, calname, events: [{uid, recurrenceId, sequence, categories}]}, recurrenceId in UTC
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [moduleDir] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(join(moduleDir, "dist", "ical.js")).href)).default;
const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}
const events = root.getAllSubcomponents("vevent").map((vevent) => {
  const recurrenceId = vevent.getFirstPropertyValue("recurrence-id");
  return {
    uid: vevent.getFirstPropertyValue("uid"),
    recurrenceId: recurrenceId ? recurrenceId.toJSDate().toISOString() : null,
    sequence: vevent.getFirstPropertyValue("sequence"),
    categories: vevent.getAllProperties("categories").flatMap((property) => property.getValues()),
  };
});
process.stdout.write(JSON.stringify({
  name: root.getFirstPropertyValue("name"),
  calname: root.getFirstPropertyValue("x-wr-calname"),
  events,
}));
