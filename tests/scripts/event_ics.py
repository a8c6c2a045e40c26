#!/usr/bin/env python3
"""Reads one iCalendar file with the `icalendar` library (what calendar
tools are built on) and prints each event's fields as JSON, so a test can
compare them with what the clinic's record says."""
import json
import sys

import icalendar

calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = []
for event in calendar.walk("VEVENT"):
    events.append({
        "uid": str(event["UID"]),
        "start": event.decoded("DTSTART").isoformat(),
        "end": event.decoded("DTEND").isoformat(),
        "summary": str(event["SUMMARY"]),
        "url": str(event.get("URL", "")),
        "conference": str(event.get("CONFERENCE", "")),
        "description": str(event.get("DESCRIPTION", "")),
    })
print(json.dumps(events))
