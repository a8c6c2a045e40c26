#!/usr/bin/env python3
"""Parses a built site's Atom feed and calendar with real parsers (feedparser,
icalendar) and prints what they found; exits non-zero if either rejects it."""
import sys
from pathlib import Path

import feedparser
import icalendar

out = Path(sys.argv[1])
feed = feedparser.parse((out / "newsletter" / "atom.xml").read_bytes())
if feed.bozo:
    sys.exit(f"atom: not well-formed: {feed.bozo_exception}")
if feed.version != "atom10":
    sys.exit(f"atom: parsed as {feed.version!r}, not Atom 1.0")
for entry in feed.entries:
    for key in ("title", "link", "id", "updated"):
        if not entry.get(key):
            sys.exit(f"atom: an entry has no {key}")
print(f"atom: {len(feed.entries)} entries")

calendar = icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes())
events = list(calendar.walk("VEVENT"))
for event in events:
    for key in ("UID", "DTSTART", "DTEND", "SUMMARY", "DTSTAMP"):
        if event.get(key) is None:
            sys.exit(f"ics: an event has no {key}")
    if event.decoded("DTEND") <= event.decoded("DTSTART"):
        sys.exit(f"ics: {event['UID']} ends before it starts")
print(f"ics: {len(events)} events")
