"""Planning a year of meetings: series rules, constraints and holiday calendars."""
