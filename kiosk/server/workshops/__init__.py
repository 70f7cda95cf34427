"""The workshops on the central server: their tables, how pushed events are applied
(snapshots merged field by field; the attendance trail appended, never changed), and
the sessions' files the staff pages print with the kiosks' own PDF code."""
